package dev.amortizer.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The GPU decision, fed what the probe could find on machines this test never needs. */
class GpuChoiceTest {
    private static GpuChoice devices(GpuDevice... d) {
        return GpuChoice.decide(new CudaProbe.Devices(List.of(d)));
    }

    @Test
    void anAmpereGpuOfCapability86IsUsed() {
        GpuChoice c = devices(new GpuDevice(0, "NVIDIA GeForce RTX 3090", 8, 6));
        assertThat(c.useGpu()).isTrue();
        assertThat(c.fellBack()).isFalse();
        assertThat(c.status()).isEqualTo("NVIDIA GeForce RTX 3090 (compute capability 8.6)");
    }

    @Test
    void theOldestSupportedCapability37IsUsed() {
        assertThat(devices(new GpuDevice(0, "Tesla K80", 3, 7)).useGpu()).isTrue();
    }

    @Test
    void aHopperGpuOfCapability90IsRefusedAndSaysWhy() {
        GpuChoice c = devices(new GpuDevice(0, "NVIDIA H100 80GB HBM3", 9, 0));
        assertThat(c.useGpu()).isFalse();
        assertThat(c.fellBack()).isTrue();
        assertThat(c.status()).startsWith("not used: device 0 (NVIDIA H100 80GB HBM3) has compute capability 9.0")
                .contains("3.7 to 8.6");
    }

    @Test
    void adaOfCapability89AndKeplerOf35AreOutsideTheKernels() {
        assertThat(devices(new GpuDevice(0, "NVIDIA L4", 8, 9)).useGpu()).isFalse();
        assertThat(devices(new GpuDevice(0, "Tesla K40", 3, 5)).useGpu()).isFalse();
    }

    @Test
    void oneUnsupportedDeviceAmongSeveralRefusesTheGpu() {
        GpuChoice c = devices(new GpuDevice(0, "A", 8, 0), new GpuDevice(1, "B", 9, 0));
        assertThat(c.useGpu()).isFalse();
        assertThat(c.status()).contains("device 1 (B)");
    }

    @Test
    void noDeviceOrNoDriverMeansTheCpu() {
        GpuChoice none = devices();
        assertThat(none.useGpu()).isFalse();
        assertThat(none.status()).isEqualTo("not used: no CUDA device");
        GpuChoice noDriver = GpuChoice.decide(new CudaProbe.Unavailable(
                "no CUDA runtime library could be loaded (libcudart.so.11.0: cannot open shared object file)"));
        assertThat(noDriver.useGpu()).isFalse();
        assertThat(noDriver.fellBack()).isTrue();
        assertThat(noDriver.status()).startsWith("not used: no CUDA runtime library");
    }

    @Test
    void aBuildWithoutTheCudaBackendHasNothingToFallBackFrom() {
        GpuChoice c = GpuChoice.decide(new CudaProbe.NotBuilt());
        assertThat(c.useGpu()).isFalse();
        assertThat(c.fellBack()).isFalse();
        assertThat(c.status()).isEqualTo(GpuChoice.NO_CUDA_BUILD);
    }

    @Test
    void cudaErrorsThatMeanNoGpuAreNamed() {
        assertThat(CudaProbe.describe(CudaProbe.INSUFFICIENT_DRIVER, "CUDA driver version is insufficient"))
                .startsWith("no NVIDIA driver");
        assertThat(CudaProbe.describe(CudaProbe.NO_DEVICE, "no CUDA-capable device is detected"))
                .startsWith("no CUDA device");
        assertThat(CudaProbe.describe(999, "unknown error")).isEqualTo("CUDA error 999 (unknown error)");
    }

    @Test
    void aMissingSystemLibraryIsNamedForWhatItIs() {
        String javacpp = "no jnicudart in java.library.path: /usr/lib";
        String linker = "/cache/org/bytedeco/cuda/linux-x86_64/libjnicudart.so: %s: cannot open shared object file:"
                + " No such file or directory";
        assertThat(CudaProbe.linkFailure(new UnsatisfiedLinkError(javacpp)
                .initCause(new UnsatisfiedLinkError(String.format(linker, "libcuda.so.1")))))
                .isEqualTo("no NVIDIA driver (libcuda.so.1 cannot be loaded)");
        assertThat(CudaProbe.linkFailure(new UnsatisfiedLinkError(javacpp)
                .initCause(new UnsatisfiedLinkError(String.format(linker, "libcudart.so.11.0")))))
                .startsWith("no CUDA 11.6 runtime (libcudart.so.11.0 cannot be loaded;");
        assertThat(CudaProbe.linkFailure(new UnsatisfiedLinkError(String.format(linker, "libcublasLt.so.11"))))
                .isEqualTo("the CUDA library libcublasLt.so.11 cannot be loaded");
        assertThat(CudaProbe.linkFailure(new UnsatisfiedLinkError(javacpp)))
                .isEqualTo("no CUDA runtime library could be loaded (" + javacpp + ")");
    }

    @Test
    void thisBuildHasNoCudaBackendSoTheProbeFindsNothingToDo() {
        assertThat(CudaProbe.probe()).isInstanceOf(CudaProbe.NotBuilt.class);
    }
}
