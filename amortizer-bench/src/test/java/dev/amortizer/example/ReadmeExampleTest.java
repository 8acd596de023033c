package dev.amortizer.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.direct.AnytimeAnswer;
import dev.amortizer.direct.RandomWalkMetropolis;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.model.ModelFile;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.Npe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example of amortizer-core/README.md, kept compiling and running (with a smaller simulation budget). */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void readmeExampleRuns() throws IOException {
        double c2st = example(2_000, dir.resolve("moons.zip"));
        assertThat(c2st).isBetween(0.45, 0.85);
    }

    static double example(int simulations, Path modelFile) throws IOException {
        // --- README example starts here ---
        Task task = TaskCatalog.byName("two_moons");
        CostMeter meter = new CostMeter();
        NpePosterior posterior = new Npe(NpeConfig.defaults()).train(task, simulations, Rng.seeded(1), meter);
        ModelFile.save(posterior, modelFile);                       // one versioned zip, cost ledger inside
        NpePosterior loaded = ModelFile.load(modelFile, TaskCatalog::byName);

        double[] xObs = {0.05, -0.1};
        Samples draws = loaded.sample(xObs, 10_000, Rng.seeded(2));  // thread-safe, ~1 ms
        System.out.printf("F = %.1f s%n", meter.ledger().fixed().wallSeconds());

        List<AnytimeAnswer> mcmc = RandomWalkMetropolis.of(RandomWalkMetropolis.Config.defaults())
                .run(task, xObs, new long[] {10_000, 100_000}, 10_000, Rng.seeded(3));
        Samples exact = task.referencePosterior().orElseThrow().sample(xObs, 10_000, Rng.seeded(4));
        System.out.printf("NPE C2ST %.3f; MCMC C2ST %.3f after %.1f ms%n", C2st.score(exact, draws, 1),
                C2st.score(exact, mcmc.get(1).samples(), 1), 1e3 * mcmc.get(1).cost().get(Phase.QUERY).wallSeconds());
        // --- README example ends here ---
        return C2st.score(exact, draws, 1);
    }
}
