package dev.amortizer.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import dev.amortizer.reference.DefensiveRejectionPosterior;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.ParallelSimulation;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import dev.amortizer.task.UniformBoxPrior;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The "your own task" example of amortizer-models/README.md, kept compiling and running. */
class UserTaskExampleTest {
    // --- README example starts here ---
    /** Radioactive decay: counts at t = 1..5 are Poisson(A·e^{−λt}); θ = (A, λ). */
    static final class Decay implements Task {
        private final Prior prior = new UniformBoxPrior(new dev.amortizer.task.Support(
                new double[] {10, 0.01}, new double[] {100, 1}));

        public String name() { return "decay"; }
        public Prior prior() { return prior; }
        public List<String> parameterNames() { return List.of("amplitude", "rate"); }
        public List<String> dataNames() { return List.of("t1", "t2", "t3", "t4", "t5"); }

        public Simulator simulator() {
            return new Simulator() {
                public int parameterDim() { return 2; }
                public int dataDim() { return 5; }
                public double[] simulate(double[] theta, Rng rng) {
                    double[] x = new double[5];
                    for (int t = 1; t <= 5; t++) {                 // Poisson by counting unit-rate arrivals
                        double mean = theta[0] * Math.exp(-theta[1] * t);
                        for (double s = -Math.log(rng.nextOpenDouble()); s < mean; s -= Math.log(rng.nextOpenDouble())) {
                            x[t - 1]++;
                        }
                    }
                    return x;
                }
            };
        }

        public Optional<LogLikelihood> likelihood() {              // log Π Poisson(x_t; μ_t), up to a constant
            return Optional.of((theta, x) -> {
                double s = 0;
                for (int t = 1; t <= 5; t++) {
                    double mean = theta[0] * Math.exp(-theta[1] * t);
                    s += x[t - 1] * Math.log(mean) - mean;
                }
                return s;
            });
        }
    }
    // --- README example ends here ---

    @Test
    void theUserTaskSimulatesInParallelAndHasAnExactReference() {
        Task task = new Decay();
        double[][] theta = task.prior().sample(1000, Rng.seeded(1));
        double[][] x = ParallelSimulation.simulate(task.simulator(), theta, Rng.seeded(2), 2);
        assertThat(x).hasNumberOfRows(1000);
        double sum = 0;
        Rng rng = Rng.seeded(3);
        for (int i = 0; i < 20_000; i++) {
            sum += task.simulator().simulate(new double[] {50, 0.5}, rng)[1];
        }
        assertThat(sum / 20_000).isCloseTo(50 * Math.exp(-1), within(0.2));
        Samples posterior = new DefensiveRejectionPosterior(task.prior(), task.likelihood().orElseThrow(),
                task.parameterNames(), DefensiveRejectionPosterior.Settings.of(3))
                .sample(new double[] {30, 18, 11, 7, 4}, 2000, Rng.seeded(4));
        assertThat(posterior.mean()[1]).isBetween(0.3, 0.7);
    }
}
