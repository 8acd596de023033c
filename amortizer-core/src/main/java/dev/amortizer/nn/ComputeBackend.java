package dev.amortizer.nn;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Where {@link DenseLayer} and {@link Mlp} do the dense products of a batch: in plain Java loops ({@link RowKernels})
 * or through ND4J's BLAS ({@link BlasProduct} forward, {@link BlasGradient} backward), both in double precision.
 * Every network built on them (the flows' conditioners, NRE's classifier, the point and quantile networks, the
 * summary networks, C2ST's classifier, the MDN) follows the choice.
 *
 * <p>The choice is one process-wide setting rather than an argument threaded through every estimator, trainer and
 * model file: it changes where the arithmetic runs, not what a network is, so nothing saved depends on it (weights
 * are plain arrays, and a network trained under one backend loads and runs under another). It is read at each
 * product, set by {@link #select} (the command line's {@code --backend}) or at start-up by the system property
 * {@value #PROPERTY} ({@code java|nd4j|auto|classic}).
 *
 * <p>The default is {@link #CLASSIC}, the split in force before this setting existed, because the golden model files
 * and committed results were produced by it and {@link #AUTO} trains to different rounding (ND4J's sums run in
 * another order than the Java kernels'). Any choice gives the same predictions to about 1e-12 relative; trained
 * networks differ more, as rounding differences grow over thousands of Adam steps.
 */
public enum ComputeBackend {
    /** Plain Java loops for every product. */
    JAVA,
    /** ND4J for every forward and backward product of a batch of at least one row and one input. */
    ND4J,
    /**
     * Per product shape, the faster path on this machine: each shape's first calls are timed on both, and the faster
     * takes the rest ({@link ShapeChoice}); products below {@value ShapeChoice#MIN_TIMED_MACS} multiply-adds stay in
     * Java. Measured in MLP training steps (amortizer-bench's results/training-backends.md): where ND4J starts to pay
     * moves with the machine and its load, because inside a ReLU network half of each layer's input and of ∂L/∂y are
     * zeros, which the Java kernels skip and BLAS multiplies, and ND4J's fixed cost per call (about 0.1 ms: the copies
     * in and out, W included, and the op's dispatch) weighs differently on each. Trains to bits that depend on those
     * timings. A whole ReLU network without a tape (a query) goes to ND4J as under {@link #CLASSIC}, crossing once.
     */
    AUTO,
    /**
     * The split before this setting existed: forward products of at least {@value BlasProduct#MIN_ROWS} rows and
     * {@value BlasProduct#MIN_WEIGHTS} weights in ND4J, every backward product in Java. The default. Kept bit for bit
     * but for layers with a single output (NRE's and C2ST's logit), whose Java loops now sum in another order.
     */
    CLASSIC;

    /** The system property read once, at start-up, for the initial setting. */
    public static final String PROPERTY = "amortizer.backend";

    private static volatile ComputeBackend selected = initial();

    /** The backend in force. */
    public static ComputeBackend selected() {
        return selected;
    }

    /** Puts {@code backend} in force for the whole process, from the next product on. */
    public static void select(ComputeBackend backend) {
        if (backend == null) {
            throw new IllegalArgumentException("the compute backend must not be null");
        }
        selected = backend;
    }

    /** The backend named {@code name}, in any case: java, nd4j, auto or classic. */
    public static ComputeBackend parse(String name) {
        for (ComputeBackend b : values()) {
            if (b.name().equalsIgnoreCase(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown compute backend \"" + name + "\": expected java, nd4j, auto or"
                + " classic");
    }

    /** The name as the command line and {@value #PROPERTY} spell it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * y = x·W + b for {@code rows} rows of an in × out layer, computed by {@code java} or {@code nd4j} as this backend
     * says.
     */
    <T> T forward(int rows, int in, int out, Supplier<T> java, Supplier<T> nd4j) {
        return run(false, rows, in, out, java, nd4j);
    }

    /** The backward pass of {@code rows} rows of an in × out layer, by {@code java} or {@code nd4j} as this says. */
    <T> T backward(int rows, int in, int out, Supplier<T> java, Supplier<T> nd4j) {
        return run(true, rows, in, out, java, nd4j);
    }

    private <T> T run(boolean backward, int rows, int in, int out, Supplier<T> java, Supplier<T> nd4j) {
        if (this == AUTO && !ShapeChoice.tooSmallToTime(rows, in, out)) {
            return ShapeChoice.of(backward, rows, in, out).run(java, nd4j);
        }
        return (backward ? backwardInNd4j(rows, in, out) : forwardInNd4j(rows, in, out)) ? nd4j.get() : java.get();
    }

    /** Whether y = x·W + b for {@code rows} rows of an in × out layer goes through ND4J, short of a timed choice. */
    boolean forwardInNd4j(int rows, int in, int out) {
        return switch (this) {
            case JAVA, AUTO -> false;
            case ND4J -> rows > 0 && in > 0;
            case CLASSIC -> BlasProduct.worthIt(rows, in, out);
        };
    }

    /** Whether a whole ReLU network with {@code weights} weights runs its forward pass in ND4J in one go. */
    boolean networkInNd4j(int rows, int inputs, long weights) {
        return switch (this) {
            case JAVA -> false;
            case ND4J -> rows > 0 && inputs > 0;
            case AUTO, CLASSIC -> rows >= BlasProduct.MIN_ROWS && weights >= BlasProduct.MIN_WEIGHTS;
        };
    }

    /** Whether the backward pass of {@code rows} rows of an in × out layer goes through ND4J, short of a timed choice. */
    boolean backwardInNd4j(int rows, int in, int out) {
        return this == ND4J && rows > 0 && in > 0;
    }

    private static ComputeBackend initial() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? CLASSIC : parse(value.trim());
    }
}
