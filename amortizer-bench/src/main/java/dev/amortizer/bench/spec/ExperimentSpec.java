package dev.amortizer.bench.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.amortizer.bench.BenchConfig;
import dev.amortizer.data.Quoted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A benchmark experiment as JSON: which tasks, amortisers, simulation budgets, direct methods with their anytime
 * ladders, hybrid proposal sizes, whether to add the escalation contender, and queries. Every field is optional; a missing one takes
 * {@link BenchConfig#defaults()}'s value, and a task entry may override the spec's settings for itself. Unknown
 * fields are errors.
 *
 * <pre>{@code
 * {"tasks": ["two_moons", {"name": "slcp", "observations": 5}], "amortisers": ["npe-mdn"],
 *  "simulations": [1000, 10000], "observations": 10, "samples": 10000,
 *  "methods": {"mcmc": [1000, 10000, 100000], "rejection-abc": [1000, 10000, 100000]},
 *  "hybrid": [10000], "escalate": true, "replicates": 2000, "seed": 1}
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentSpec(List<TaskEntry> tasks, List<String> amortisers, List<Integer> simulations,
                             Integer observations, String queries, Integer samples, Integer replicates, Long seed,
                             Map<String, List<Long>> methods, List<Long> hybrid, Double pricePerSimulatorCall,
                             Boolean escalate) {
    /** Refuses nulls inside lists and counts past {@link SpecLimits}, naming the field. */
    public ExperimentSpec {
        SpecLimits.names("tasks", tasks);
        SpecLimits.names("amortisers", amortisers);
        SpecLimits.counts("simulations", simulations, SpecLimits.MAX_SIMULATIONS);
        SpecLimits.count("observations", observations, SpecLimits.MAX_OBSERVATIONS);
        SpecLimits.count("samples", samples, SpecLimits.MAX_SAMPLES);
        SpecLimits.count("replicates", replicates, SpecLimits.MAX_REPLICATES);
        SpecLimits.methods("methods", methods);
        SpecLimits.counts("hybrid", hybrid, SpecLimits.MAX_SIMULATIONS);
        if (pricePerSimulatorCall != null && !(pricePerSimulatorCall >= 0 && Double.isFinite(pricePerSimulatorCall))) {
            throw new IllegalArgumentException("pricePerSimulatorCall must be a finite number >= 0, got "
                    + pricePerSimulatorCall);
        }
    }

    /** A spec with nothing set: every field takes the default. */
    public static ExperimentSpec empty() {
        return new ExperimentSpec(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** This spec with every field {@code other} sets taken from {@code other} (command-line flags over a file). */
    public ExperimentSpec overriddenBy(ExperimentSpec other) {
        return new ExperimentSpec(pick(other.tasks, tasks), pick(other.amortisers, amortisers),
                pick(other.simulations, simulations), pick(other.observations, observations),
                pick(other.queries, queries), pick(other.samples, samples), pick(other.replicates, replicates),
                pick(other.seed, seed), pick(other.methods, methods), pick(other.hybrid, hybrid),
                pick(other.pricePerSimulatorCall, pricePerSimulatorCall), pick(other.escalate, escalate));
    }

    /**
     * This spec with every unset field given the value a run takes for it, so that a saved copy says exactly what ran
     * and runs the same again. Task entries keep their own overrides; the number of observations stays unset when the
     * queries come from a file.
     */
    public ExperimentSpec withDefaults() {
        BenchConfig d = BenchConfig.defaults();
        return new ExperimentSpec(pick(tasks, List.of(TaskEntry.named(d.task()))), pick(amortisers, d.amortisers()),
                pick(simulations, d.simulations()),
                queries == null ? pick(observations, d.observations()) : observations,
                queries, pick(samples, d.samples()), pick(replicates, d.replicates()), pick(seed, d.seed()),
                pick(methods, d.methods()), pick(hybrid, d.hybrid()), pricePerSimulatorCall,
                pick(escalate, d.escalate()));
    }

    /** One validated configuration per task, in order. */
    public List<BenchConfig> configs() {
        BenchConfig d = BenchConfig.defaults();
        List<TaskEntry> entries = tasks == null ? List.of(TaskEntry.named(d.task())) : tasks;
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("tasks is empty; name at least one task");
        }
        List<BenchConfig> out = new ArrayList<>();
        for (TaskEntry t : entries) {
            try {
                out.add(new BenchConfig(t.name(), pick(amortisers, d.amortisers()),
                        pick(t.simulations(), pick(simulations, d.simulations())),
                        pick(t.observations(), pick(observations, d.observations())), queries,
                        pick(samples, d.samples()), pick(replicates, d.replicates()), pick(seed, d.seed()),
                        pick(t.methods(), pick(methods, d.methods())), pick(t.hybrid(), pick(hybrid, d.hybrid())),
                        pricePerSimulatorCall, pick(escalate, d.escalate())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("task " + Quoted.plain(t.name()) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static <T> T pick(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
