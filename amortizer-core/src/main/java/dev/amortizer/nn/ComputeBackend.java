package dev.amortizer.nn;

import java.util.Locale;

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
     * ND4J for the products large enough to gain there, Java for the rest: from {@value #AUTO_MACS} multiply-adds
     * (rows × in × out), forward and backward, and forward only with at least {@value #AUTO_FORWARD_MIN_INPUTS}
     * inputs (a few inputs and many outputs cost ND4J more to copy out than Java to compute). Measured on one core in
     * MLP training steps (amortizer-bench's results/training-backends.md): below that size ND4J's fixed cost per call
     * (about 0.1 ms: the copies in and out, W included, and the op's dispatch) outweighs its faster arithmetic, and
     * inside a ReLU network half of each layer's input and of ∂L/∂y are zeros, which the Java kernels skip and BLAS
     * multiplies; timed alone on dense data a layer's product pays in ND4J from about 0.4 to 1 M multiply-adds, inside
     * a training step only from tens of millions (the hidden layers of width 512, or 256 at 512 rows and more). A
     * whole ReLU network without a tape (a query) goes to ND4J as under {@link #CLASSIC}, crossing once.
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
    /** AUTO sends a product to ND4J from this many multiply-adds, 2^25... */
    static final long AUTO_MACS = 33_554_432;
    /** ...and a forward product only with this many inputs or more. */
    static final int AUTO_FORWARD_MIN_INPUTS = 32;

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

    /** Whether y = x·W + b for {@code rows} rows of an in × out layer goes through ND4J. */
    boolean forwardInNd4j(int rows, int in, int out) {
        return switch (this) {
            case JAVA -> false;
            case ND4J -> rows > 0 && in > 0;
            case AUTO -> in >= AUTO_FORWARD_MIN_INPUTS && (long) rows * in * out >= AUTO_MACS;
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

    /** Whether the backward pass of {@code rows} rows of an in × out layer goes through ND4J. */
    boolean backwardInNd4j(int rows, int in, int out) {
        return switch (this) {
            case JAVA, CLASSIC -> false;
            case ND4J -> rows > 0 && in > 0;
            case AUTO -> (long) rows * in * out >= AUTO_MACS;
        };
    }

    private static ComputeBackend initial() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? CLASSIC : parse(value.trim());
    }
}
