package dev.amortizer.npe.mdn;

/**
 * How one network output row parameterises a K-component Gaussian mixture over R^D.
 *
 * <p>Component k has a logit a_k (weights w = softmax(a)), a mean μ_k ∈ R^D and an upper-triangular
 * precision factor U_k (precision Λ_k = U_kᵀU_k): diagonal U_ii = exp(s_i) with
 * s_i = B·tanh(r_i / B) for the raw output r_i, and free strictly-upper entries U_ij (i &lt; j).
 * The row holds, in order: K logits, K·D means, K·D raw log-diagonals, K·D(D−1)/2 off-diagonals,
 * so its width is K·(1 + 2D + D(D−1)/2). Off-diagonals are stored row by row: (0,1), (0,2), …, (1,2), ….
 *
 * <p>B = {@value #LOG_DIAGONAL_BOUND} bounds the log-diagonal smoothly (scales between e^−B and e^B
 * in standardised units) so a bad minibatch cannot drive a variance to 0 or ∞, while the gradient
 * never vanishes abruptly as it would under a hard clamp.
 *
 * @param components K, at least 1
 * @param dim        D, at least 1
 */
public record MixtureLayout(int components, int dim) {
    /** B, the bound on the log-diagonal of every precision factor. */
    public static final double LOG_DIAGONAL_BOUND = 8.0;

    public MixtureLayout {
        if (components < 1) {
            throw new IllegalArgumentException("components must be >= 1, got " + components);
        }
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        }
    }

    /** D(D−1)/2, the number of strictly upper-triangular entries of one factor. */
    public int offDiagonals() {
        return dim * (dim - 1) / 2;
    }

    /** K·(1 + 2D + D(D−1)/2), the width of one output row. */
    public int width() {
        return components * (1 + 2 * dim + offDiagonals());
    }

    public int logit(int k) {
        return k;
    }

    public int mean(int k, int i) {
        return components + k * dim + i;
    }

    public int logDiagonal(int k, int i) {
        return components * (1 + dim) + k * dim + i;
    }

    /** Offset of the first off-diagonal of component k; entry (i, j) follows at {@link #pairIndex}. */
    public int offDiagonal(int k) {
        return components * (1 + 2 * dim) + k * offDiagonals();
    }

    /** Position of the pair (i, j), i &lt; j, in the row-by-row order of the strictly upper triangle. */
    public int pairIndex(int i, int j) {
        return i * dim - i * (i + 1) / 2 + (j - i - 1);
    }

    /** s = B·tanh(r / B): the bounded log-diagonal. */
    public static double boundedLogDiagonal(double raw) {
        // tanh(v) = 1 − 2/(e^{2v} + 1): Math.exp is an intrinsic, Math.tanh a slow StrictMath call that
        // took a tenth of the training time; the absolute error stays below 1e-15.
        return LOG_DIAGONAL_BOUND * (1 - 2 / (Math.exp(2 * raw / LOG_DIAGONAL_BOUND) + 1));
    }
}
