package dev.amortizer.bench.plan;

import dev.amortizer.bench.AmortiserCatalog;
import dev.amortizer.bench.BenchConfig;
import dev.amortizer.data.Quoted;
import dev.amortizer.direct.DirectMethods;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the pilot runs: the amortiser at a few small simulation budgets and each direct method at the cheap rungs of
 * its ladder, on the first few observations, within a time budget.
 *
 * @param task          task name (resolved by the caller)
 * @param amortiser     amortiser name ({@link AmortiserCatalog})
 * @param simulations   the amortiser's pilot budgets, increasing, at least two
 * @param observations  queries: sbibm's observations 1..k (or k generated ones)
 * @param methods       each direct method's pilot rungs, increasing, at least two each
 * @param samples       draws per query (10,000 as in the bench, so pilot C2ST compares with the bench's)
 * @param seed          seed of everything random in the pilot and the bootstrap
 * @param pilotSeconds  wall-time budget: pieces not yet started when it is spent are skipped, and the plan says so
 */
public record PilotConfig(String task, String amortiser, List<Integer> simulations, int observations,
                          Map<String, List<Long>> methods, int samples, long seed, double pilotSeconds) {
    /** The default pilot budgets: four doublings up to 2,000 simulations, a fifth of the bench's 10⁴. */
    public static final List<Integer> DEFAULT_SIMULATIONS = List.of(250, 500, 1000, 2000);

    /**
     * The default direct pilots: the bench's default ladders without their largest (dearest) rung.
     */
    public static final Map<String, List<Long>> DEFAULT_METHODS = java.util.Collections.unmodifiableMap(
            new LinkedHashMap<>(java.util.stream.Stream.of("mcmc", "nuts", "rejection-abc").collect(
                    java.util.stream.Collectors.toMap(m -> m, m -> withoutLast(BenchConfig.DEFAULT_METHODS.get(m)),
                            (a, b) -> a, LinkedHashMap::new))));

    public PilotConfig {
        if (!AmortiserCatalog.names().contains(amortiser)) {
            throw new IllegalArgumentException("--amortiser: unknown amortiser " + Quoted.of(amortiser) + "; known: "
                    + String.join(", ", AmortiserCatalog.names()));
        }
        increasing("--pilot-simulations", simulations.stream().map(Integer::longValue).toList(), 100);
        if (observations < 1 || observations > 10) {
            throw new IllegalArgumentException("--observations must be 1..10, got " + observations);
        }
        Map<String, List<Long>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<Long>> e : methods.entrySet()) {
            if (!DirectMethods.names().contains(e.getKey())) {
                throw new IllegalArgumentException("--method: unknown direct method " + Quoted.of(e.getKey())
                        + "; known: " + String.join(", ", DirectMethods.names()));
            }
            copy.put(e.getKey(), increasing("--method " + e.getKey(), e.getValue(), 1));
        }
        methods = java.util.Collections.unmodifiableMap(copy);
        simulations = List.copyOf(simulations);
        if (samples < 100) {
            throw new IllegalArgumentException("samples must be >= 100, got " + samples);
        }
        if (!(pilotSeconds > 0) || !Double.isFinite(pilotSeconds)) {
            throw new IllegalArgumentException("--pilot-seconds must be a finite number > 0, got " + pilotSeconds);
        }
    }

    private static List<Long> withoutLast(List<Long> ladder) {
        return List.copyOf(ladder.subList(0, ladder.size() - 1));
    }

    private static List<Long> increasing(String what, List<Long> budgets, long minimum) {
        if (budgets.size() < 2) {
            throw new IllegalArgumentException(what + " needs at least two budgets to fit a curve through, got "
                    + budgets);
        }
        for (int i = 0; i < budgets.size(); i++) {
            if (budgets.get(i) < minimum || i > 0 && budgets.get(i) <= budgets.get(i - 1)) {
                throw new IllegalArgumentException(what + " must be >= " + minimum + " and increasing, got "
                        + budgets);
            }
        }
        return List.copyOf(budgets);
    }
}
