package dev.amortizer.models;

import dev.amortizer.task.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every task by name: {@code Task t = TaskCatalog.byName("two_moons");} */
public final class TaskCatalog {
    private static final Map<String, Supplier<Task>> TASKS = new LinkedHashMap<>();

    static {
        TASKS.put("two_moons", TwoMoons::new);
        TASKS.put("gaussian_linear", GaussianLinear::new);
        TASKS.put("gaussian_linear_uniform", GaussianLinearUniform::new);
        TASKS.put("slcp", Slcp::new);
        TASKS.put("slcp_distractors", SlcpDistractors::new);
        TASKS.put("bernoulli_glm", BernoulliGlm::new);
        TASKS.put("bernoulli_glm_raw", BernoulliGlmRaw::new);
        TASKS.put("gaussian_mixture", GaussianMixture::new);
        TASKS.put("sir", Sir::new);
        TASKS.put("lotka_volterra", LotkaVolterra::new);
        TASKS.put("g_and_k", GAndK::new);
        TASKS.put("theis", Theis::new);
    }

    private TaskCatalog() {
    }

    /** The task called {@code name}; an unknown name is an IllegalArgumentException listing the known ones. */
    public static Task byName(String name) {
        Supplier<Task> s = TASKS.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown task '" + name + "'; known tasks: " + String.join(", ", names()));
        }
        return s.get();
    }

    public static List<String> names() {
        return List.copyOf(TASKS.keySet());
    }

    public static List<Task> all() {
        return TASKS.values().stream().map(Supplier::get).toList();
    }
}
