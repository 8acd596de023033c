package dev.amortizer.direct.mcmc;

/**
 * Nesterov dual averaging of log ε towards a target acceptance statistic δ: after the t-th statistic αₜ,
 * H̄ₜ = (1 − 1/(t + t₀)) H̄ₜ₋₁ + (δ − αₜ)/(t + t₀), log εₜ = μ − √t H̄ₜ / γ, and the averaged iterate
 * log ε̄ₜ = t^−κ log εₜ + (1 − t^−κ) log ε̄ₜ₋₁, with μ = log(10 ε₀), γ = 0.05, t₀ = 10, κ = 0.75 (Stan's values).
 * Use εₜ while adapting and ε̄ once adaptation ends. Mutable, one per chain.
 *
 * @see "Hoffman and Gelman (2014), The No-U-Turn Sampler, JMLR 15, section 3.2.1"
 */
public final class DualAveraging {
    private static final double GAMMA = 0.05;
    private static final double T0 = 10;
    private static final double KAPPA = 0.75;

    private final double targetAcceptance;
    private double mu;
    private double errorAverage;
    private double logStepSize;
    private double averagedLogStepSize;
    private long iterations;

    /** @param targetAcceptance δ, in (0, 1); Stan's default is 0.8 */
    public DualAveraging(double targetAcceptance, double initialStepSize) {
        if (!(targetAcceptance > 0 && targetAcceptance < 1)) {
            throw new IllegalArgumentException("targetAcceptance is " + targetAcceptance + ", expected (0, 1)");
        }
        this.targetAcceptance = targetAcceptance;
        restart(initialStepSize);
    }

    /** Starts afresh around {@code stepSize}, as after a metric update. */
    public void restart(double stepSize) {
        if (!(stepSize > 0 && stepSize < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("stepSize is " + stepSize + ", expected a finite number > 0");
        }
        mu = Math.log(10 * stepSize);
        errorAverage = 0;
        logStepSize = Math.log(stepSize);
        averagedLogStepSize = 0;
        iterations = 0;
    }

    /** Takes one acceptance statistic in [0, 1] and returns the next ε to use. */
    public double update(double acceptanceStatistic) {
        iterations++;
        double eta = 1 / (iterations + T0);
        errorAverage = (1 - eta) * errorAverage + eta * (targetAcceptance - acceptanceStatistic);
        logStepSize = mu - Math.sqrt(iterations) / GAMMA * errorAverage;
        double weight = Math.pow(iterations, -KAPPA);
        averagedLogStepSize = weight * logStepSize + (1 - weight) * averagedLogStepSize;
        return Math.exp(logStepSize);
    }

    /** ε̄, the step size to keep once adaptation ends. */
    public double finalStepSize() {
        return iterations == 0 ? Math.exp(logStepSize) : Math.exp(averagedLogStepSize);
    }
}
