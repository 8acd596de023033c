package dev.amortizer.cli;

import java.util.Locale;

/**
 * Refuses, before any work, a size whose arrays cannot fit in the heap: without it {@code sample --n 300000000}
 * runs for minutes and ends in an OutOfMemoryError.
 *
 * <p>The estimate is rows × (columns × 8 bytes + {@value #ROW_OVERHEAD} bytes of array header and reference per row)
 * × the number of copies the command holds at once (each caller names and explains its factor), compared with
 * {@link Runtime#maxMemory()}. ND4J's off-heap arrays are bounded by the same figure by default (JavaCPP's
 * {@code maxbytes} defaults to the heap size), so the one limit covers both.
 */
final class MemoryCheck {
    /** Bytes a {@code double[]} row costs beyond its values: the array header and the reference to it. */
    static final long ROW_OVERHEAD = 24;

    private MemoryCheck() {
    }

    /**
     * @param option  the option that set the size, named in the message
     * @param rows    rows of the largest table the command builds
     * @param columns values per row
     * @param copies  how many such tables the command holds at once
     * @param what    what the rows are ("draws", "simulations"), for the message
     * @throws IllegalArgumentException naming the option, the size, the memory needed and the heap
     */
    static void require(String option, long rows, int columns, double copies, String what) {
        double bytes = (double) rows * (columns * 8.0 + ROW_OVERHEAD) * copies;
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            long raise = (long) Math.ceil(bytes * 1.25 / (1L << 30)); // some room for everything else
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s %,d: %,d %s of %d values need about %s"
                    + " of memory, more than the heap's %s; ask for fewer, or give Java a larger heap, e.g."
                    + " AMORTIZER_JAVA_OPTS=-Xmx%dg (if the machine has that much memory)", option, rows, rows, what,
                    columns, gigabytes(bytes), gigabytes(heap), raise));
        }
    }

    static String gigabytes(double bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30));
    }
}
