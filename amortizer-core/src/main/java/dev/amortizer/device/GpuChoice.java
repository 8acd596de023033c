package dev.amortizer.device;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether ND4J may use the GPU, decided from what {@link CudaProbe} found, before ND4J starts. ND4J 1.0.0-M2.1's only
 * CUDA build (nd4j-cuda-11.6) carries machine code for compute capabilities {@value #LOWEST} to {@value #HIGHEST}
 * and no PTX, so on any other GPU (Hopper is 9.0) it would load, pick the GPU, and fail at the first kernel. ND4J
 * itself only checks that some device exists; this check refuses the GPU where it cannot run, so that the CPU
 * backend is chosen instead.
 *
 * @param useGpu whether ND4J's CUDA backend may be chosen
 * @param status one phrase for the records: the devices used, "not used: " and why, or "none" in a CPU build
 */
public record GpuChoice(boolean useGpu, String status) {
    /** The lowest compute capability nd4j-cuda-11.6 1.0.0-M2.1 has kernels for. */
    public static final String LOWEST = "3.7";
    /** The highest compute capability nd4j-cuda-11.6 1.0.0-M2.1 has kernels for. */
    public static final String HIGHEST = "8.6";
    /** What a CPU build records: there is no GPU backend to choose. */
    public static final String NO_CUDA_BUILD = "none (a build without the CUDA backend)";
    private static final String NOT_USED = "not used: ";

    /** The decision for one probe result. */
    static GpuChoice decide(CudaProbe.Result found) {
        if (found instanceof CudaProbe.NotBuilt) {
            return new GpuChoice(false, NO_CUDA_BUILD);
        }
        if (found instanceof CudaProbe.Unavailable u) {
            return new GpuChoice(false, NOT_USED + u.reason());
        }
        List<GpuDevice> devices = ((CudaProbe.Devices) found).devices();
        if (devices.isEmpty()) {
            return new GpuChoice(false, NOT_USED + "no CUDA device");
        }
        for (GpuDevice d : devices) {
            if (!d.within(3, 7, 8, 6)) {
                return new GpuChoice(false, NOT_USED + "device " + d.index() + " (" + d.name() + ") has compute"
                        + " capability " + d.capability() + ", and ND4J 1.0.0-M2.1's CUDA kernels cover " + LOWEST
                        + " to " + HIGHEST + " only, with no PTX to compile for other GPUs");
            }
        }
        return new GpuChoice(true, devices.stream()
                .map(d -> d.name() + " (compute capability " + d.capability() + ")")
                .collect(Collectors.joining(", ")));
    }

    /** Whether a GPU was there to refuse: a CUDA build that falls back to the CPU, which users should be told. */
    public boolean fellBack() {
        return status.startsWith(NOT_USED);
    }
}
