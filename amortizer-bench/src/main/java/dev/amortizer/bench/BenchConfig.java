package dev.amortizer.bench;

import java.util.List;
import java.util.Map;

/**
 * What a break-even run measures.
 *
 * @param task          task name
 * @param simulations   the amortiser's simulation budget
 * @param observations  number of queries (sbibm observations 1..k, or generated ones)
 * @param samples       posterior draws per query (sbibm: 10,000)
 * @param replicates    bootstrap replicates for the intervals
 * @param seed          the seed of everything random in the run
 * @param budgets       the anytime ladder of each direct method, by method name (ascending budgets)
 */
public record BenchConfig(String task, int simulations, int observations, int samples, int replicates, long seed,
                          Map<String, List<Long>> budgets) {
    /**
     * The default ladders: sbibm's budgets 10³–10⁵ for rejection ABC; for MCMC, 10³–10⁵ log-density
     * evaluations, the range over which it crosses a good amortiser's accuracy on sbibm's 2-D tasks; for NUTS,
     * 3·10⁴–10⁶ (its warm-up alone takes about 3·10⁴ on two_moons).
     * The last rung of each is the method's "default settings" point.
     */
    public static final Map<String, List<Long>> DEFAULT_BUDGETS = Map.of(
            "mcmc", List.of(1_000L, 3_000L, 10_000L, 100_000L),
            "nuts", List.of(30_000L, 100_000L, 300_000L, 1_000_000L),
            "rejection-abc", List.of(1_000L, 10_000L, 100_000L));

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
        budgets = Map.copyOf(budgets);
        budgets.forEach((method, ladder) -> {
            for (int i = 0; i < ladder.size(); i++) {
                if (ladder.get(i) <= 0 || i > 0 && ladder.get(i) <= ladder.get(i - 1)) {
                    throw new IllegalArgumentException("budgets of " + method + " must be positive and increasing, got "
                            + ladder);
                }
            }
            if (ladder.isEmpty()) {
                throw new IllegalArgumentException("budgets of " + method + " are empty");
            }
        });
    }

    /** The ladder for a method: the configured one, else the method's own. */
    public long[] ladder(String method, long[] methodDefault) {
        List<Long> ladder = budgets.get(method);
        return ladder == null ? methodDefault : ladder.stream().mapToLong(Long::longValue).toArray();
    }

    /** two_moons, 10^4 simulations, the 10 sbibm observations, 10,000 draws per query. */
    public static BenchConfig defaults() {
        return new BenchConfig("two_moons", 10_000, 10, 10_000, 2_000, 1, DEFAULT_BUDGETS);
    }
}
