package dev.amortizer.device;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the CUDA runtime which devices there are, through JavaCPP's cudart bindings ({@code org.bytedeco:cuda}),
 * without touching ND4J. The bindings are only on the classpath of the CUDA build, so they are reached by reflection:
 * the default build compiles and runs without them. Every failure (bindings absent, {@code libcudart} or the driver
 * missing, a CUDA error) becomes a {@link Result} that says why, never an exception.
 */
final class CudaProbe {
    /** ND4J's CUDA backend; its presence on the classpath is what makes this a CUDA build. */
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    private static final String CUDART = "org.bytedeco.cuda.global.cudart";
    private static final String CUBLAS = "org.bytedeco.cuda.global.cublas";
    private static final String DEVICE_PROP = "org.bytedeco.cuda.cudart.cudaDeviceProp";
    /** cudaErrorInsufficientDriver and cudaErrorNoDevice, as in the CUDA 11 runtime's headers. */
    static final int INSUFFICIENT_DRIVER = 35;
    static final int NO_DEVICE = 100;
    /** The library named in the dynamic linker's message, e.g. "libcuda.so.1: cannot open shared object file". */
    private static final Pattern MISSING_LIBRARY = Pattern.compile("([^/\\s:]+\\.so[.0-9]*): cannot open shared object");

    private CudaProbe() {
    }

    /** What the probe found. */
    sealed interface Result {
    }

    /** The classpath holds no ND4J CUDA backend: a CPU build, nothing to decide. */
    record NotBuilt() implements Result {
    }

    /** CUDA cannot be used at all; {@code reason} says why in a few words. */
    record Unavailable(String reason) implements Result {
    }

    /** The driver answered: these devices (possibly none). */
    record Devices(List<GpuDevice> devices) implements Result {
    }

    /** Probes with the class loader that loaded this class. */
    static Result probe() {
        return probe(CudaProbe.class.getClassLoader());
    }

    static Result probe(ClassLoader loader) {
        if (!present(CUDA_BACKEND, loader)) {
            return new NotBuilt();
        }
        Class<?> cudart;
        try {
            cudart = Class.forName(CUDART, true, loader); // loads libjnicudart, which needs libcudart
        } catch (ClassNotFoundException e) {
            return new Unavailable("the CUDA bindings (org.bytedeco:cuda) are not on the classpath");
        } catch (LinkageError e) {
            return new Unavailable(linkFailure(e));
        }
        try {
            int[] count = {0};
            int rc = (Integer) cudart.getMethod("cudaGetDeviceCount", int[].class).invoke(null, (Object) count);
            if (rc != 0) {
                return new Unavailable(describe(rc, errorString(cudart, rc)));
            }
            List<GpuDevice> devices = new ArrayList<>();
            for (int d = 0; d < count[0]; d++) {
                devices.add(device(cudart, loader, d));
            }
            if (!devices.isEmpty()) {
                try {
                    Class.forName(CUBLAS, true, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    return new Unavailable("the CUDA runtime loads but cuBLAS does not: " + linkFailure(e));
                }
            }
            return new Devices(devices);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new Unavailable("the CUDA runtime could not be queried (" + firstLine(e) + ")");
        }
    }

    /**
     * Why a native library did not load, in words. JavaCPP's own message only says that its JNI library is not on
     * java.library.path; the cause it wraps names the system library that was missing, which is what a user can act
     * on: {@code libcuda.so.1} is the NVIDIA driver's, {@code libcudart.so.11.0} the CUDA 11.6 runtime's.
     */
    static String linkFailure(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        Matcher m = MISSING_LIBRARY.matcher(String.valueOf(deepest.getMessage()));
        if (!m.find()) {
            return "no CUDA runtime library could be loaded (" + firstLine(deepest) + ")";
        }
        String library = m.group(1);
        if (library.startsWith("libcuda.so")) {
            return "no NVIDIA driver (" + library + " cannot be loaded)";
        }
        if (library.startsWith("libcudart.so")) {
            return "no CUDA 11.6 runtime (" + library + " cannot be loaded; install the CUDA 11.6 toolkit or build"
                    + " with -Pcuda,cuda-redist)";
        }
        return "the CUDA library " + library + " cannot be loaded";
    }

    /** A CUDA error code in words: the two that mean "no GPU here" get a sentence of their own. */
    static String describe(int rc, String cudaText) {
        return switch (rc) {
            case INSUFFICIENT_DRIVER -> "no NVIDIA driver, or one too old for CUDA 11.6 (CUDA error 35: " + cudaText
                    + ")";
            case NO_DEVICE -> "no CUDA device (CUDA error 100: " + cudaText + ")";
            default -> "CUDA error " + rc + " (" + cudaText + ")";
        };
    }

    private static GpuDevice device(Class<?> cudart, ClassLoader loader, int d) throws ReflectiveOperationException {
        Method attribute = cudart.getMethod("cudaDeviceGetAttribute", int[].class, int.class, int.class);
        int[] major = {0};
        int[] minor = {0};
        attribute.invoke(null, major, cudart.getField("cudaDevAttrComputeCapabilityMajor").getInt(null), d);
        attribute.invoke(null, minor, cudart.getField("cudaDevAttrComputeCapabilityMinor").getInt(null), d);
        return new GpuDevice(d, name(cudart, loader, d), major[0], minor[0]);
    }

    private static String name(Class<?> cudart, ClassLoader loader, int d) {
        try {
            Class<?> propClass = Class.forName(DEVICE_PROP, true, loader);
            Object prop = propClass.getConstructor().newInstance();
            cudart.getMethod("cudaGetDeviceProperties", propClass, int.class).invoke(null, prop, d);
            Object bytes = propClass.getMethod("name").invoke(prop);
            return ((String) bytes.getClass().getMethod("getString").invoke(bytes)).trim();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "CUDA device " + d;
        }
    }

    private static String errorString(Class<?> cudart, int rc) {
        try {
            Object bytes = cudart.getMethod("cudaGetErrorString", int.class).invoke(null, rc);
            return (String) bytes.getClass().getMethod("getString").invoke(bytes);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "no description";
        }
    }

    private static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The first line of a throwable's message (the root cause's when wrapped), capped. */
    static String firstLine(Throwable e) {
        Throwable t = e;
        while ((t instanceof InvocationTargetException || t instanceof ExceptionInInitializerError)
                && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = m.indexOf('\n');
        m = newline < 0 ? m : m.substring(0, newline);
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
