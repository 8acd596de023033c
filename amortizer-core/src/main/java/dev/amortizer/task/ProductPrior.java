package dev.amortizer.task;

import dev.amortizer.random.Rng;
import java.util.Arrays;
import java.util.List;

/**
 * Independent blocks, each a prior over some coordinates of θ: p(θ) = Π_b p_b(θ_{I_b}), the index sets I_b a
 * partition of 0..D−1. Lets a task mix, for example, a uniform, a log-normal and a correlated normal pair.
 *
 * <p>{@code new ProductPrior(3, List.of(new ProductPrior.Block(normal, new int[] {0, 2}), new ProductPrior.Block(uniform, new int[] {1})))}
 */
public final class ProductPrior implements Prior {
    /**
     * One factor: {@code prior} over the coordinates {@code coordinates} of θ, in that order.
     *
     * @param prior       the factor's prior, of dimension {@code coordinates.length}
     * @param coordinates indices into θ
     */
    public record Block(Prior prior, int[] coordinates) {
        public Block {
            if (prior == null || coordinates == null || coordinates.length != prior.dim()) {
                throw new IllegalArgumentException("a block needs a prior and one coordinate per dimension of it, got "
                        + (coordinates == null ? "none" : coordinates.length) + " coordinates for a prior of dimension "
                        + (prior == null ? "none" : prior.dim()));
            }
            coordinates = coordinates.clone();
        }

        @Override
        public int[] coordinates() {
            return coordinates.clone();
        }
    }

    private final int dim;
    private final Prior[] priors;
    private final int[][] coordinates;
    private final Support support;

    public ProductPrior(int dim, List<Block> blocks) {
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        }
        boolean[] seen = new boolean[dim];
        double[] lower = new double[dim];
        double[] upper = new double[dim];
        priors = new Prior[blocks.size()];
        coordinates = new int[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            priors[b] = blocks.get(b).prior();
            coordinates[b] = blocks.get(b).coordinates();
            Support s = priors[b].support();
            for (int k = 0; k < coordinates[b].length; k++) {
                int i = coordinates[b][k];
                if (i < 0 || i >= dim || seen[i]) {
                    throw new IllegalArgumentException("coordinate " + i + " of block " + b
                            + (i < 0 || i >= dim ? " is outside 0.." + (dim - 1) : " is already in an earlier block"));
                }
                seen[i] = true;
                lower[i] = s.lower(k);
                upper[i] = s.upper(k);
            }
        }
        for (int i = 0; i < dim; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException("coordinate " + i + " is in no block");
            }
        }
        this.dim = dim;
        this.support = new Support(lower, upper);
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public double[] sample(Rng rng) {
        double[] theta = new double[dim];
        for (int b = 0; b < priors.length; b++) {
            double[] part = priors[b].sample(rng);
            for (int k = 0; k < part.length; k++) {
                theta[coordinates[b][k]] = part[k];
            }
        }
        return theta;
    }

    @Override
    public double logDensity(double[] theta) {
        double sum = 0;
        for (int b = 0; b < priors.length; b++) {
            sum += priors[b].logDensity(part(theta, b));
            if (sum == Double.NEGATIVE_INFINITY) {
                return sum;
            }
        }
        return sum;
    }

    @Override
    public double logDensityAndGradient(double[] theta, double[] grad) {
        double sum = 0;
        for (int b = 0; b < priors.length; b++) {
            double[] g = new double[coordinates[b].length];
            sum += priors[b].logDensityAndGradient(part(theta, b), g);
            for (int k = 0; k < g.length; k++) {
                grad[coordinates[b][k]] = g[k];
            }
        }
        return sum;
    }

    @Override
    public Support support() {
        return support;
    }

    private double[] part(double[] theta, int b) {
        double[] p = new double[coordinates[b].length];
        for (int k = 0; k < p.length; k++) {
            p[k] = theta[coordinates[b][k]];
        }
        return p;
    }

    @Override
    public String toString() {
        return "ProductPrior" + Arrays.deepToString(coordinates);
    }
}
