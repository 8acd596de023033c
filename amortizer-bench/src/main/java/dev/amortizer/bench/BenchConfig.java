package dev.amortizer.bench;

/**
 * What a break-even run measures.
 *
 * @param task          task name
 * @param simulations   the amortiser's simulation budget
 * @param observations  number of queries (sbibm observations 1..k, or generated ones)
 * @param samples       posterior draws per query (sbibm: 10,000)
 * @param replicates    bootstrap replicates for the intervals
 * @param seed          the seed of everything random in the run
 */
public record BenchConfig(String task, int simulations, int observations, int samples, int replicates, long seed) {
    public BenchConfig {
        if (simulations < 100) {
            throw new IllegalArgumentException("--simulations must be >= 100, got " + simulations);
        }
        if (observations < 1 || observations > 10) {
            throw new IllegalArgumentException("--observations must be 1..10, got " + observations);
        }
        if (samples < 100) {
            throw new IllegalArgumentException("--samples must be >= 100, got " + samples);
        }
        if (replicates < 1) {
            throw new IllegalArgumentException("--replicates must be >= 1, got " + replicates);
        }
    }

    /** two_moons, 10^4 simulations, the 10 sbibm observations, 10,000 draws per query. */
    public static BenchConfig defaults() {
        return new BenchConfig("two_moons", 10_000, 10, 10_000, 2_000, 1);
    }
}
