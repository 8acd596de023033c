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
        double bytes = bytes(rows, columns, copies);
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            long raise = (long) Math.ceil(bytes * 1.25 / (1L << 30)); // some room for everything else
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s %,d: %,d %s of %d values need about %s"
                    + " of memory, more than the heap's %s; ask for fewer, or give Java a larger heap, e.g."
                    + " AMORTIZER_JAVA_OPTS=-Xmx%dg (if the machine has that much memory)", option, rows, rows, what,
                    columns, gigabytes(bytes), gigabytes(heap), raise));
        }
    }

    /** Whether {@link #require} would accept these tables. */
    static boolean fits(long rows, int columns, double copies) {
        return bytes(rows, columns, copies) <= Runtime.getRuntime().maxMemory();
    }

    private static double bytes(long rows, int columns, double copies) {
        return (double) rows * (columns * 8.0 + ROW_OVERHEAD) * copies;
    }

    /** As {@link #require}, for {@code count} items of {@code values} doubles each held in flat arrays. */
    static void requireFlat(String option, long count, double values, String what) {
        double bytes = (double) count * values * 8;
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s %,d: %s need about %s of memory, more"
                    + " than the heap's %s; ask for fewer, or give Java a larger heap, e.g. AMORTIZER_JAVA_OPTS=-Xmx%dg"
                    + " (if the machine has that much memory)", option, count, what, gigabytes(bytes), gigabytes(heap),
                    (long) Math.ceil(bytes * 1.25 / (1L << 30))));
        }
    }

    /**
     * The direct methods that keep all of their budget in memory: rejection ABC keeps every simulation (θ and x, in
     * arrays that double as they grow, so twice) and a distance for each; importance sampling every draw and its
     * weight; TSNPE every simulation four times (the rounds' pairs, the copy it trains on, and NPE's mapped and
     * standardised rows). The others keep their chains' kept draws only.
     */
    static void requireDirect(String option, String method, dev.amortizer.task.Task task, long budget) {
        switch (method) {
            case "rejection-abc" -> requireFlat(option, budget, 2.0 * (task.parameterDim() + task.dataDim()) + 1,
                    "rejection ABC's simulations of " + task.name());
            case "importance" -> requireFlat(option, budget, task.parameterDim() + 1.0,
                    "importance sampling's draws of " + task.name());
            case "tsnpe", "tsnpe-warm" -> requireFlat(option, budget, 4.0 * (task.parameterDim() + task.dataDim()),
                    "TSNPE's simulations of " + task.name());
            default -> {
            }
        }
    }

    /**
     * Refuses a network whose weights cannot fit: each weight is held four times in training (the value, its
     * gradient and Adam's two moments), and the network's layers are dense, of the widths the options give.
     */
    static void requireNetwork(String option, double weights) {
        double bytes = weights * 8 * 4;
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: a network of about %,.0f weights"
                    + " needs about %s of memory to train, more than the heap's %s; use fewer or narrower layers,"
                    + " or give Java a larger heap, e.g. AMORTIZER_JAVA_OPTS=-Xmx%dg (if the machine has that much"
                    + " memory)", option, weights, gigabytes(bytes), gigabytes(heap),
                    (long) Math.ceil(bytes * 1.25 / (1L << 30))));
        }
    }

    /** Weights of a stack of dense layers {@code in → widths... → out}, biases included. */
    static double denseWeights(int in, java.util.List<Integer> widths, double out) {
        double total = 0;
        double previous = in;
        for (int w : widths) {
            total += (previous + 1) * w;
            previous = w;
        }
        return total + (previous + 1) * out;
    }

    static String gigabytes(double bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30));
    }
}
