package dev.amortizer.device;

/**
 * One CUDA device as the driver reports it.
 *
 * @param index the CUDA device number
 * @param name  the driver's name for it, e.g. "NVIDIA A100-SXM4-40GB"
 * @param major compute capability, major part
 * @param minor compute capability, minor part
 */
public record GpuDevice(int index, String name, int major, int minor) {
    /** The capability as written in NVIDIA's tables, e.g. "8.6". */
    public String capability() {
        return major + "." + minor;
    }

    /** Whether the capability lies in [lowMajor.lowMinor, highMajor.highMinor]. */
    boolean within(int lowMajor, int lowMinor, int highMajor, int highMinor) {
        int c = major * 10 + minor;
        return c >= lowMajor * 10 + lowMinor && c <= highMajor * 10 + highMinor;
    }
}
