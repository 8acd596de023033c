package dev.amortizer.direct.mcmc;

import dev.amortizer.random.Rng;
import java.util.Arrays;
import java.util.Objects;

/**
 * The No-U-Turn Sampler with multinomial sampling of the trajectory, for a fixed step size ε and diagonal inverse
 * metric M⁻¹. The Hamiltonian is H(x, p) = −log π(x) + ½ pᵀM⁻¹p, integrated by leapfrog steps.
 *
 * <p>A step draws p ~ N(0, M), then doubles the trajectory forwards or backwards in time (direction uniform)
 * until its ends make a U-turn, a subtree makes a U-turn inside itself, a leapfrog step's energy error
 * H − H₀ exceeds 1000 (a divergence) or the depth reaches {@code maxDepth}. Within a subtree, points are drawn in
 * proportion to exp(−H) (multinomial); a new subtree's pick replaces the current one with probability
 * min(1, W_new / W_old) (biased progressive sampling), which favours the far end and leaves π invariant. The U-turn
 * criterion is the generalised one, p♯₋·ρ > 0 and p♯₊·ρ > 0 with ρ the sum of the momenta and p♯ = M⁻¹p at
 * the two ends, also checked across the two halves of every merge.
 *
 * <p>The target must not modify the positions it is given. Randomness from the {@code rng} given, in order: D normals for p, then per doubling one uniform for the
 * direction and one per merge for the multinomial pick. Immutable; adaptation makes a new kernel.
 *
 * <p>{@code var kernel = NutsKernel.of(target, 0.1, ones, 10); var t = kernel.step(rng, kernel.init(x0));}
 *
 * <p>Over 300 lines because tree building, U-turn checks and the multinomial pick are one algorithm on shared records.
 *
 * @see "Hoffman and Gelman (2014), The No-U-Turn Sampler, JMLR 15, 1593–1623"
 * @see "Betancourt (2017), A conceptual introduction to Hamiltonian Monte Carlo, arXiv:1701.02434, appendix A"
 */
public final class NutsKernel {
    static final double MAX_ENERGY_ERROR = 1000;

    private final GradientLogDensity target;
    private final double stepSize;
    private final double[] inverseMetric;
    private final double[] metricSd;
    private final int maxDepth;

    private NutsKernel(GradientLogDensity target, double stepSize, double[] inverseMetric, int maxDepth) {
        this.target = target;
        this.stepSize = stepSize;
        this.inverseMetric = inverseMetric;
        this.maxDepth = maxDepth;
        this.metricSd = new double[inverseMetric.length];
        for (int i = 0; i < inverseMetric.length; i++) {
            metricSd[i] = 1 / Math.sqrt(inverseMetric[i]);
        }
    }

    /**
     * @param stepSize      ε, finite and > 0
     * @param inverseMetric the diagonal of M⁻¹ (roughly the target's variances), each finite and > 0
     * @param maxDepth      the most doublings, 1..30
     */
    public static NutsKernel of(GradientLogDensity target, double stepSize, double[] inverseMetric, int maxDepth) {
        Objects.requireNonNull(target, "target");
        if (!(stepSize > 0 && stepSize < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("stepSize is " + stepSize + ", expected a finite number > 0");
        }
        if (inverseMetric.length == 0) {
            throw new IllegalArgumentException("inverseMetric is empty, expected one entry per coordinate");
        }
        for (int i = 0; i < inverseMetric.length; i++) {
            if (!(inverseMetric[i] > 0 && inverseMetric[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("inverseMetric[" + i + "] is " + inverseMetric[i] + ", expected a finite number > 0");
            }
        }
        if (maxDepth < 1 || maxDepth > 30) {
            throw new IllegalArgumentException("maxDepth is " + maxDepth + ", expected 1..30");
        }
        return new NutsKernel(target, stepSize, inverseMetric.clone(), maxDepth);
    }

    public NutsKernel withStepSize(double newStepSize) {
        return of(target, newStepSize, inverseMetric, maxDepth);
    }

    public NutsKernel withInverseMetric(double[] newInverseMetric) {
        return of(target, stepSize, newInverseMetric, maxDepth);
    }

    public double stepSize() {
        return stepSize;
    }

    public double[] inverseMetric() {
        return inverseMetric.clone();
    }

    public int dim() {
        return inverseMetric.length;
    }

    /** The state at {@code position}; evaluates the target and its gradient once there. */
    public HamiltonianState init(double[] position) {
        checkDimension(position.length);
        double[] grad = new double[position.length];
        double logDensity = target.logDensityAndGradient(position.clone(), grad);
        return new HamiltonianState(position, logDensity, grad);
    }

    /** One NUTS transition from {@code state}. */
    public NutsTransition step(Rng rng, HamiltonianState state) {
        checkDimension(state.dim());
        int d = state.dim();
        double[] momentum = new double[d];
        for (int i = 0; i < d; i++) {
            momentum[i] = rng.nextGaussian() * metricSd[i];
        }
        Point start = new Point(state.position(), momentum, state.gradient(), state.logDensity());
        Trajectory run = new Trajectory(hamiltonian(start));
        Subtree whole = Subtree.leaf(start, 0);
        Point backward = start;
        Point forward = start;
        Point sample = start;
        int depth = 0;
        while (depth < maxDepth) {
            boolean forwards = rng.nextDouble() < 0.5;
            Subtree grown = build(run, forwards ? forward : backward, forwards, depth, rng);
            depth++;
            if (!grown.valid) {
                break;
            }
            if (rng.nextDouble() < Math.exp(grown.logWeight - whole.logWeight)) {
                sample = grown.sample;
            }
            whole = forwards ? merge(whole, grown, grown.sample) : merge(grown, whole, grown.sample);
            if (forwards) {
                forward = grown.last;
            } else {
                backward = grown.first;
            }
            if (!whole.valid) {
                break;
            }
        }
        HamiltonianState next = sample == start ? state : new HamiltonianState(sample.q, sample.logDensity, sample.g);
        double acceptance = run.leapfrogs == 0 ? 0 : Math.min(1, run.acceptanceSum / run.leapfrogs);
        return new NutsTransition(next, new NutsInfo(acceptance, run.divergent, run.atZeroDensity, depth,
                run.leapfrogs));
    }

    /**
     * Stan's starting guess for ε: from {@code state}, with a fresh momentum each try, double (or halve) ε while a
     * single leapfrog step keeps exp(H₀ − H) above (or below) 0.8, and return the first ε that crosses it. At most
     * 50 tries; each costs one gradient evaluation.
     */
    public double reasonableStepSize(Rng rng, HamiltonianState state) {
        checkDimension(state.dim());
        double eps = stepSize;
        int direction = 0;
        for (int attempt = 0; attempt < 50; attempt++) {
            double[] momentum = new double[state.dim()];
            for (int i = 0; i < momentum.length; i++) {
                momentum[i] = rng.nextGaussian() * metricSd[i];
            }
            Point start = new Point(state.position(), momentum, state.gradient(), state.logDensity());
            Point next = leapfrog(start, eps);
            double delta = next == null ? Double.NEGATIVE_INFINITY : hamiltonian(start) - hamiltonian(next);
            if (Double.isNaN(delta)) {
                delta = Double.NEGATIVE_INFINITY;
            }
            boolean tooSmall = delta > Math.log(0.8);
            if (direction == 0) {
                direction = tooSmall ? 1 : -1;
            } else if ((direction == 1) != tooSmall) {
                return eps;
            }
            double next2 = direction == 1 ? 2 * eps : 0.5 * eps;
            if (!(next2 > 1e-12 && next2 < 1e6)) {
                return eps;
            }
            eps = next2;
        }
        return eps;
    }

    /** A subtree of 2^depth leapfrog steps from {@code edge}, its points kept in time order (first … last). */
    private Subtree build(Trajectory run, Point edge, boolean forwards, int depth, Rng rng) {
        if (depth == 0) {
            Point next = leapfrog(edge, forwards ? stepSize : -stepSize);
            double h = next == null ? Double.POSITIVE_INFINITY : hamiltonian(next);
            if (Double.isNaN(h)) {
                h = Double.POSITIVE_INFINITY;
            }
            run.leapfrogs++;
            run.acceptanceSum += h <= run.h0 ? 1 : Math.exp(run.h0 - h);
            if (h - run.h0 > MAX_ENERGY_ERROR) {
                run.divergent = true;
                run.atZeroDensity = next != null && next.logDensity == Double.NEGATIVE_INFINITY;
                return Subtree.INVALID;
            }
            return Subtree.leaf(next, run.h0 - h);
        }
        Subtree inner = build(run, edge, forwards, depth - 1, rng);
        if (!inner.valid) {
            return inner;
        }
        Subtree outer = build(run, forwards ? inner.last : inner.first, forwards, depth - 1, rng);
        if (!outer.valid) {
            return outer;
        }
        double logWeight = logAddExp(inner.logWeight, outer.logWeight);
        Point sample = rng.nextDouble() < Math.exp(outer.logWeight - logWeight) ? outer.sample : inner.sample;
        return forwards ? merge(inner, outer, sample) : merge(outer, inner, sample);
    }

    /** Joins two adjacent subtrees, {@code a} earlier in time than {@code b}, and checks the U-turn criteria. */
    private Subtree merge(Subtree a, Subtree b, Point sample) {
        int d = inverseMetric.length;
        double[] rho = new double[d];
        double[] rhoAPlusB0 = new double[d];
        double[] rhoBPlusALast = new double[d];
        for (int i = 0; i < d; i++) {
            rho[i] = a.rho[i] + b.rho[i];
            rhoAPlusB0[i] = a.rho[i] + b.first.p[i];
            rhoBPlusALast[i] = b.rho[i] + a.last.p[i];
        }
        boolean noUTurn = noUTurn(rho, a.first, b.last)
                && noUTurn(rhoAPlusB0, a.first, b.first)
                && noUTurn(rhoBPlusALast, a.last, b.last);
        return new Subtree(a.first, b.last, sample, logAddExp(a.logWeight, b.logWeight), rho, noUTurn);
    }

    /** p♯₋·ρ > 0 and p♯₊·ρ > 0. */
    private boolean noUTurn(double[] rho, Point minus, Point plus) {
        double dotMinus = 0;
        double dotPlus = 0;
        for (int i = 0; i < rho.length; i++) {
            dotMinus += inverseMetric[i] * minus.p[i] * rho[i];
            dotPlus += inverseMetric[i] * plus.p[i] * rho[i];
        }
        return dotMinus > 0 && dotPlus > 0;
    }

    /**
     * One leapfrog step of size {@code eps}: a point with log π = −∞ (so H = ∞) where π is zero at the new position,
     * null where the target or its gradient is otherwise not finite there.
     */
    private Point leapfrog(Point from, double eps) {
        int d = from.q.length;
        double[] p = new double[d];
        double[] q = new double[d];
        for (int i = 0; i < d; i++) {
            p[i] = from.p[i] + 0.5 * eps * from.g[i];
            q[i] = from.q[i] + eps * inverseMetric[i] * p[i];
        }
        double[] g = new double[d];
        double logDensity = target.logDensityAndGradient(q, g);
        if (logDensity == Double.NEGATIVE_INFINITY && allFinite(q)) {
            return new Point(q, p, new double[d], logDensity);
        }
        if (!(logDensity > Double.NEGATIVE_INFINITY) || Double.isNaN(logDensity)) {
            return null;
        }
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(g[i]) || !Double.isFinite(q[i])) {
                return null;
            }
            p[i] += 0.5 * eps * g[i];
        }
        return new Point(q, p, g, logDensity);
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private double hamiltonian(Point point) {
        double kinetic = 0;
        for (int i = 0; i < point.p.length; i++) {
            kinetic += inverseMetric[i] * point.p[i] * point.p[i];
        }
        return -point.logDensity + 0.5 * kinetic;
    }

    private static double logAddExp(double a, double b) {
        double max = Math.max(a, b);
        return max == Double.NEGATIVE_INFINITY ? max : max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }

    private void checkDimension(int dim) {
        if (dim != inverseMetric.length) {
            throw new IllegalArgumentException("position has " + dim + " coordinates, the kernel's metric " + inverseMetric.length);
        }
    }

    /** A point in phase space with the target's value and gradient there. */
    private record Point(double[] q, double[] p, double[] g, double logDensity) {
    }

    /** Bookkeeping of one transition: the initial energy, leapfrog count, acceptance sum, divergence and where. */
    private static final class Trajectory {
        final double h0;
        int leapfrogs;
        double acceptanceSum;
        boolean divergent;
        boolean atZeroDensity;

        Trajectory(double h0) {
            this.h0 = h0;
        }
    }

    /**
     * A run of points in time order: its first and last, the multinomial pick, log Σ exp(H₀ − H), the momentum sum
     * ρ, and whether it is still usable (no divergence, no internal U-turn).
     */
    private record Subtree(Point first, Point last, Point sample, double logWeight, double[] rho, boolean valid) {
        static final Subtree INVALID = new Subtree(null, null, null, Double.NEGATIVE_INFINITY, null, false);

        static Subtree leaf(Point point, double logWeight) {
            return new Subtree(point, point, point, logWeight, point.p.clone(), true);
        }

        @Override
        public String toString() {
            return "Subtree[logWeight=" + logWeight + ", rho=" + Arrays.toString(rho) + ", valid=" + valid + "]";
        }
    }
}
