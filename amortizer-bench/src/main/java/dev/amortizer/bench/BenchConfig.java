package dev.amortizer.bench;

import dev.amortizer.data.Quoted;
import dev.amortizer.direct.DirectMethods;
import dev.amortizer.models.TaskResolver;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a break-even run on one task measures: every amortiser at every simulation budget, every direct method along
 * its anytime ladder, and (where the task has a likelihood) each amortised posterior corrected by importance
 * sampling, all on the same queries.
 *
 * @param task                  task name
 * @param amortisers            amortiser names ({@link AmortiserCatalog}), each trained once per budget
 * @param simulations           the amortisers' simulation budgets, ascending
 * @param observations          number of queries: sbibm's observations 1..k, or the first k rows of {@code queries}
 * @param queries               a CSV of the user's own observations (one per row), or null for sbibm's/generated ones
 * @param samples               posterior draws per query (sbibm: 10,000)
 * @param replicates            bootstrap replicates for the intervals
 * @param seed                  the seed of everything random in the run
 * @param methods               each direct method's anytime ladder (ascending budgets in its own unit), in run order;
 *                              the last rung is the method's "default settings" point
 * @param hybrid                proposal draws of the hybrid contender (amortised proposal + importance sampling),
 *                              one contender per entry; empty for none
 * @param pricePerSimulatorCall money per simulator call, or null when simulations are not priced
 * @param escalate              whether each amortiser also answers by per-query escalation (amortised, importance
 *                              sampling, MCMC: {@code dev.amortizer.escalation}), one contender per amortiser and budget
 */
public record BenchConfig(String task, List<String> amortisers, List<Integer> simulations, int observations,
                          String queries, int samples, int replicates, long seed, Map<String, List<Long>> methods,
                          List<Long> hybrid, Double pricePerSimulatorCall, boolean escalate) {
    /**
     * The default ladders: each method's own {@code defaultBudgets()}, defined once in the method (sbibm's budgets
     * 10³–10⁵ for rejection ABC; 10³–10⁵ log-density evaluations for MCMC; 3·10⁴–10⁶ for NUTS, whose warm-up alone
     * takes about 3·10⁴ on two_moons).
     */
    public static final Map<String, List<Long>> DEFAULT_METHODS = defaultLadders(List.of("mcmc", "nuts",
            "rejection-abc"));

    /** The default amortiser: NPE with the default estimators for the task ({@code DefaultNpe.defaultCandidates}). */
    public static final String DEFAULT_AMORTISER = "npe";

    public BenchConfig {
        TaskResolver.resolve(task);
        if (amortisers == null || amortisers.isEmpty()) {
            throw new IllegalArgumentException("amortisers: name at least one; known: "
                    + String.join(", ", AmortiserCatalog.names()));
        }
        for (String a : amortisers) {
            if (!AmortiserCatalog.names().contains(a)) {
                throw new IllegalArgumentException("amortisers: unknown amortiser " + Quoted.of(a) + "; known: "
                        + String.join(", ", AmortiserCatalog.names()));
            }
        }
        amortisers = List.copyOf(amortisers);
        if (simulations == null || simulations.isEmpty()) {
            throw new IllegalArgumentException("simulations: name at least one budget, e.g. [1000, 10000]");
        }
        for (int i = 0; i < simulations.size(); i++) {
            if (simulations.get(i) == null || simulations.get(i) < 100
                    || i > 0 && simulations.get(i) <= simulations.get(i - 1)) {
                throw new IllegalArgumentException("simulations must be >= 100 and increasing, got " + simulations);
            }
        }
        simulations = List.copyOf(simulations);
        if (observations < 1) {
            throw new IllegalArgumentException("observations must be >= 1, got " + observations);
        }
        if (queries == null && observations > 10) {
            throw new IllegalArgumentException("observations must be 1..10 for sbibm's observations, got "
                    + observations + " (a queries file allows more)");
        }
        if (samples < 100) {
            throw new IllegalArgumentException("samples must be >= 100, got " + samples);
        }
        if (replicates < 1) {
            throw new IllegalArgumentException("replicates must be >= 1, got " + replicates);
        }
        if (methods == null) {
            throw new IllegalArgumentException("methods must not be null; use {} for none");
        }
        for (Map.Entry<String, List<Long>> e : methods.entrySet()) {
            if (!DirectMethods.names().contains(e.getKey())) {
                throw new IllegalArgumentException("methods: unknown direct method " + Quoted.of(e.getKey())
                        + "; known: " + String.join(", ", DirectMethods.names()));
            }
            increasing("methods." + e.getKey(), e.getValue(), DirectMethods.byName(e.getKey(), 0).minimumBudget());
        }
        methods = ordered(methods, List.copyOf(methods.keySet()));
        hybrid = hybrid == null || hybrid.isEmpty() ? List.of() : List.copyOf(increasing("hybrid", hybrid, 10));
        if (pricePerSimulatorCall != null && !(pricePerSimulatorCall >= 0 && Double.isFinite(pricePerSimulatorCall))) {
            throw new IllegalArgumentException("pricePerSimulatorCall must be a finite number >= 0, got "
                    + pricePerSimulatorCall);
        }
    }

    /**
     * two_moons; NPE (MDN) at 10³ and 10⁴ simulations; the 10 sbibm observations, 10,000 draws per query; MCMC, NUTS
     * and rejection ABC along their default ladders; the hybrid with 10,000 proposal draws. 10⁵ simulations only on
     * request: its training alone would take most of the ten minutes the default may use on 2 cores.
     */
    public static BenchConfig defaults() {
        return new BenchConfig("two_moons", List.of(DEFAULT_AMORTISER), List.of(1_000, 10_000), 10, null, 10_000,
                2_000, 1, DEFAULT_METHODS, List.of(10_000L), null, false);
    }

    /** The ladder of a configured method as an array. */
    public long[] ladder(String method) {
        List<Long> ladder = methods.get(method);
        if (ladder == null) {
            throw new IllegalArgumentException("method " + method + " is not configured; configured: " + methods.keySet());
        }
        return ladder.stream().mapToLong(Long::longValue).toArray();
    }

    private static List<Long> increasing(String what, List<Long> ladder, long minimum) {
        if (ladder == null || ladder.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty; expected increasing budgets");
        }
        for (int i = 0; i < ladder.size(); i++) {
            if (ladder.get(i) == null || ladder.get(i) < minimum || i > 0 && ladder.get(i) <= ladder.get(i - 1)) {
                throw new IllegalArgumentException(what + " must be >= " + minimum + " and increasing, got " + ladder);
            }
        }
        return ladder;
    }

    private static Map<String, List<Long>> ordered(Map<String, List<Long>> map, List<String> order) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (String k : order) {
            out.put(k, List.copyOf(map.get(k)));
        }
        return Collections.unmodifiableMap(out);
    }

    /** A method's default ladder: its own {@code DirectMethod.defaultBudgets()}. */
    public static List<Long> defaultLadder(String method) {
        return java.util.Arrays.stream(DirectMethods.byName(method, 0).defaultBudgets()).boxed().toList();
    }

    private static Map<String, List<Long>> defaultLadders(List<String> methods) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        methods.forEach(m -> out.put(m, defaultLadder(m)));
        return Collections.unmodifiableMap(out);
    }
}
