package dev.amortizer.device;

import java.io.PrintStream;

/**
 * The GPU check a CUDA build makes once, before ND4J starts: probe the devices ({@link CudaProbe}), decide
 * ({@link GpuChoice}), and where the GPU cannot be used hide ND4J's CUDA backend ({@link CpuOnlyBackends}) and say
 * why in one line, so that the work runs on the CPU instead of failing at the first kernel or printing ND4J's stack
 * traces. In a CPU build it does nothing and prints nothing. The command line calls it first thing; library users
 * with the CUDA backend on their classpath call {@link #run} before their first ND4J call
 * ({@link ComputeEnvironment#current} calls it too, in case nobody did).
 */
public final class DevicePreflight {
    private static GpuChoice choice;

    private DevicePreflight() {
    }

    /** Runs the check once per process (later calls return the first answer); the fallback line goes to {@code err}. */
    public static synchronized GpuChoice run(PrintStream err) {
        if (choice == null) {
            choice = GpuChoice.decide(CudaProbe.probe());
            if (!choice.useGpu() && !GpuChoice.NO_CUDA_BUILD.equals(choice.status())) {
                CpuOnlyBackends.install();
            }
            if (choice.fellBack() && err != null) {
                err.println("amortizer: GPU " + choice.status() + "; running on the CPU (nd4j-native)");
                err.flush();
            }
        }
        return choice;
    }
}
