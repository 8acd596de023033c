package dev.amortizer.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.amortizer.nn.ComputeBackend;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where numbers were computed, recorded beside them (model files, cost ledgers, bench reports, {@code --version}):
 * the same code runs at very different speeds on different backends, devices and thread counts, so a cost or a
 * timing means little without this. Field names are part of those files' formats.
 *
 * @param nd4jBackend    the ND4J backend actually loaded: "nd4j-native" (CPU) or "nd4j-cuda-11.6", or "unavailable"
 *                       and why
 * @param device         what that backend computes on: the CPU's model (from /proc/cpuinfo, else the architecture), or
 *                       the GPU's name and compute capability
 * @param gpu            the GPU check's answer ({@link GpuChoice#status}): the device used, "not used: " and why, or
 *                       "none" in a build without the CUDA backend
 * @param ompNumThreads  OMP_NUM_THREADS as the process saw it, "unset" if it was not set
 * @param processors     the processors this JVM may use
 * @param java           the Java version and VM
 * @param computeBackend which code path ran the networks ({@link ComputeBackend#selected()})
 */
public record ComputeEnvironment(String nd4jBackend, String device, String gpu, String ompNumThreads, int processors,
                                 String java, String computeBackend) {
    private static Backend loaded;

    /** What ND4J loaded and on what device: fixed for the life of the process once ND4J has started. */
    private record Backend(String name, String device, String gpu) {
    }

    /**
     * This process's environment. Starts ND4J if nothing has yet (after {@link DevicePreflight#run}): which backend
     * it picks is only known once it has, and every trainer uses it anyway.
     */
    public static ComputeEnvironment current() {
        Backend b = backend();
        String omp = System.getenv("OMP_NUM_THREADS");
        return new ComputeEnvironment(b.name(), b.device(), b.gpu(), omp == null ? "unset" : omp,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                ComputeBackend.selected().toString());
    }

    /** One line for people: backend, device, threads, GPU. */
    public String summary() {
        return nd4jBackend + " on " + device + ", OMP_NUM_THREADS=" + ompNumThreads + ", " + processors
                + " processors, compute backend " + computeBackend + "; GPU: " + gpu;
    }

    private static synchronized Backend backend() {
        if (loaded == null) {
            GpuChoice gpu = DevicePreflight.run(System.err);
            String name;
            try {
                name = backendName(Nd4j.getBackend().getClass().getName());
            } catch (RuntimeException | LinkageError e) {
                name = "unavailable (" + CudaProbe.firstLine(e) + ")";
            }
            loaded = new Backend(name, name.startsWith("nd4j-cuda") ? gpu.status() : cpuModel(), gpu.status());
        }
        return loaded;
    }

    /** The artifact a backend class comes from; its simple name for backends this library does not know. */
    static String backendName(String backendClass) {
        return switch (backendClass) {
            case "org.nd4j.linalg.cpu.nativecpu.CpuBackend" -> "nd4j-native";
            case CudaProbe.CUDA_BACKEND -> "nd4j-cuda-11.6";
            default -> backendClass.substring(backendClass.lastIndexOf('.') + 1);
        };
    }

    /** The CPU's model name from /proc/cpuinfo (Linux); the architecture where that cannot be read. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && line.indexOf(':') > 0) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall through
        }
        return System.getProperty("os.arch", "unknown");
    }
}
