package dev.amortizer.bench.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.amortizer.data.Quoted;
import java.util.List;
import java.util.Map;

/**
 * One task of an experiment spec: just its name ({@code "two_moons"}) or an object that overrides the spec's
 * settings for this task ({@code {"name": "slcp", "observations": 5, "methods": {"mcmc": [10000, 100000]}}}).
 * Null fields take the spec's value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskEntry(String name, Integer observations, List<Integer> simulations, Map<String, List<Long>> methods,
                        List<Long> hybrid) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public TaskEntry {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a task entry needs a \"name\"");
        }
        String field = "task " + Quoted.plain(name) + ": ";
        SpecLimits.count(field + "observations", observations, SpecLimits.MAX_OBSERVATIONS);
        SpecLimits.counts(field + "simulations", simulations, SpecLimits.MAX_SIMULATIONS);
        SpecLimits.methods(field + "methods", methods);
        SpecLimits.counts(field + "hybrid", hybrid, SpecLimits.MAX_SIMULATIONS);
    }

    /** A task named by a plain string. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TaskEntry named(String name) {
        return new TaskEntry(name, null, null, null, null);
    }
}
