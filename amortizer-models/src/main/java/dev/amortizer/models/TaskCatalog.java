package dev.amortizer.models;

import dev.amortizer.data.Quoted;
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
        TASKS.put(GaussianLinearReplicates.NAME, GaussianLinearReplicates::new);
        TASKS.put("noisy_signal", NoisySignal::new);
        TASKS.put("noisy_signal_" + NoisySignal.LONG_LENGTH, () -> new NoisySignal(NoisySignal.LONG_LENGTH));
    }

    private TaskCatalog() {
    }

    /**
     * The task called {@code name} (also {@code gaussian_linear_iid_m<k>}, k in 1..100: that task with m = k
     * replicates always); an unknown name is an IllegalArgumentException listing the known ones.
     */
    public static Task byName(String name) {
        Supplier<Task> s = TASKS.get(name);
        if (s == null) {
            Task fixed = name == null ? null : GaussianLinearReplicates.byName(name);
            if (fixed != null) {
                return fixed;
            }
            throw new IllegalArgumentException("unknown task " + Quoted.of(name) + "; known tasks: " + String.join(", ", names())
                    + " (and gaussian_linear_iid_m<k>, k in 1..100)");
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
