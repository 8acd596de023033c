package dev.amortizer.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.nn.ComputeBackend;
import org.junit.jupiter.api.Test;

/** What a CPU build records about where it computes. */
class ComputeEnvironmentTest {
    @Test
    void aCpuBuildRecordsTheNativeBackendOnTheCpuAndNoGpu() {
        ComputeEnvironment e = ComputeEnvironment.current();
        assertThat(e.nd4jBackend()).isEqualTo("nd4j-native");
        assertThat(e.gpu()).isEqualTo(GpuChoice.NO_CUDA_BUILD);
        assertThat(e.device()).isNotBlank();
        assertThat(e.processors()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(e.ompNumThreads()).isEqualTo("1"); // surefire sets it, as the launcher does
        assertThat(e.java()).startsWith(System.getProperty("java.version"));
        assertThat(e.summary()).startsWith("nd4j-native on ").contains("OMP_NUM_THREADS=1");
    }

    @Test
    void theComputeBackendIsTheOneSelected() {
        ComputeBackend before = ComputeBackend.selected();
        try {
            ComputeBackend.select(ComputeBackend.JAVA);
            assertThat(ComputeEnvironment.current().computeBackend()).isEqualTo("java");
        } finally {
            ComputeBackend.select(before);
        }
        assertThat(ComputeEnvironment.current().computeBackend()).isEqualTo(before.toString());
    }

    @Test
    void backendClassesAreNamedByTheirArtifact() {
        assertThat(ComputeEnvironment.backendName("org.nd4j.linalg.cpu.nativecpu.CpuBackend")).isEqualTo("nd4j-native");
        assertThat(ComputeEnvironment.backendName(CudaProbe.CUDA_BACKEND)).isEqualTo("nd4j-cuda-11.6");
        assertThat(ComputeEnvironment.backendName("org.example.OtherBackend")).isEqualTo("OtherBackend");
    }
}
