package dev.amortizer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amortizer.bench.report.ReportWriter;
import dev.amortizer.bench.report.SuiteSummary;
import dev.amortizer.data.Samples;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Break-even where no exact reference can be had: a likelihood task whose rejection sampler fails falls back to a
 * gated long MCMC run, and a simulator-only task is benchmarked unscored, N* at the direct method's default budget.
 */
class NoReferenceBenchTest {
    /** Rejection may spend one evaluation: it fails after its fit, whatever the task. */
    private static final long NO_REJECTION = 1;

    @Test
    void whenRejectionFailsAConvergedLongRunIsTheReferenceAndTheReportSaysHowItWasGated() {
        // A Gaussian posterior, which NUTS mixes well on in a short run (gaussian_mixture's needs longer for R-hat)
        Task linear = TaskCatalog.byName("gaussian_linear");
        Task hidden = ReferenceSamplerTest.hidden(linear, true);
        String method = linear.likelihood().orElseThrow().hasAnalyticGradient() ? "nuts" : "slice";
        QuerySet q = QuerySet.generated(hidden, 2, 2_000, Rng.seeded(5),
                new ReferenceSampler.Budgets(NO_REJECTION, 100_000));
        assertThat(q.scored()).as(q.source()).isTrue();
        assertThat(q.queries()).hasSize(2);
        assertThat(q.source()).contains("kind direct:" + method)
                .contains("exact rejection failed on observation 1: exact rejection ran out of its budget of 1")
                .contains("budget 100,000 likelihood evaluations").contains("R-hat <= 1.01").contains("ESS >= 400")
                .containsPattern("observation 1: R-hat 1\\.00\\d, ESS \\d+ bulk / \\d+ tail, accepted")
                .doesNotContain("refused");
        for (QuerySet.Query query : q.queries()) {
            Samples exact = linear.referencePosterior().orElseThrow().sample(query.x(), 2_000, Rng.seeded(6));
            for (int j = 0; j < linear.parameterDim(); j++) {
                // ESS >= 400 on a posterior of sd ≈ 0.22: the means agree within a few of their standard errors
                assertThat(mean(query.reference(), j)).isCloseTo(mean(exact, j), Offset.offset(0.05));
            }
        }
    }

    @Test
    void aTooShortRunIsRefusedAsReferenceSayingWhy() {
        Task hidden = ReferenceSamplerTest.hidden(TaskCatalog.byName("gaussian_mixture"), true);
        QuerySet q = QuerySet.generated(hidden, 1, 500, Rng.seeded(5), new ReferenceSampler.Budgets(NO_REJECTION, 6_000));
        assertThat(q.scored()).as("its only observation has no reference").isFalse();
        assertThat(q.unscored()).isEqualTo("no observation got a reference (see observations)");
        assertThat(q.queries().get(0).reference()).isNull();
        assertThat(q.source()).contains("observation 1: ").contains("refused as reference (")
                .contains("no reference, left out");
    }

    @Test
    void aSimulatorOnlyTaskIsBenchmarkedUnscoredWithNStarAtTheDefaultBudgetLabelled(@TempDir Path dir)
            throws Exception {
        Task simulatorOnly = ReferenceSamplerTest.hidden(TaskCatalog.byName("two_moons"), false);
        BenchConfig config = new BenchConfig("two_moons", List.of("npe-mdn"), List.of(200), 2, null, 300,
                100, 3, Map.of("rejection-abc", List.of(1_000L, 3_000L), "mcmc", List.of(1_000L)), List.of(), null, false);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        BenchReport report = new BenchRunner(config, new PrintStream(console, true, StandardCharsets.UTF_8))
                .run(simulatorOnly);
        String label = "N* at the direct method's default budget; accuracy not matched: the task has no likelihood "
                + "and no reference";
        assertThat(report.breakEvenBasis()).isEqualTo(label);
        assertThat(report.accuracyMatched()).isFalse();
        assertThat(report.observations()).contains("references: none: the task has no likelihood and no reference");
        assertThat(report.skipped()).extracting(BenchReport.Skipped::what).contains("mcmc");
        BenchReport.Contender npe = report.primary();
        assertThat(npe.queries()).hasSize(2).allSatisfy(m -> assertThat(m.c2st()).isNaN());
        assertThat(npe.medianQueryWallSeconds()).isPositive();
        DirectVerdict abc = npe.versus().get(0);
        assertThat(abc.method()).isEqualTo("rejection-abc");
        assertThat(abc.matched()).isNull();
        assertThat(abc.matchedCost()).isNull();
        assertThat(abc.defaultBudget()).isEqualTo(3_000L);
        assertThat(abc.atDefault()).isEqualTo(BreakEven.of(npe.fixedWallSeconds(), new CostAtAccuracy(
                abc.defaultPoint().medianWallSeconds(), CostAtAccuracy.Status.REACHED), npe.medianQueryWallSeconds()));
        assertThat(report.verdict()).contains(label).contains("timed, not scored").contains("rejection-abc")
                .contains("c_D = ").contains("at 3,000 simulator calls");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("no C2ST: the task has no likelihood");

        ReportWriter.write(report, dir);
        for (String name : ReportWriter.FILES) {
            assertThat(dir.resolve(name)).as(name).isNotEmptyFile();
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.get("breakEvenBasis").asText()).isEqualTo(label);
        JsonNode versus = json.get("contenders").get(0).get("versus").get(0);
        assertThat(versus.get("matched").isNull()).isTrue();
        assertThat(versus.get("atDefault").get("status").asText()).isNotEmpty();
        assertThat(json.get("contenders").get(0).get("queries").get(0).get("c2st").asText()).isEqualTo("NaN");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("**" + label + ".**").contains("not scored").contains("not matched");
        assertThat(Files.readString(dir.resolve("measurements.csv"))).doesNotContain("NaN,");
        assertThat(ReportWriter.table(report)).contains(label).contains("not scored");
        assertThat(ReportWriter.read(dir.resolve("report.json")).breakEvenBasis()).isEqualTo(label);
        SuiteSummary.write(List.of(report), dir.resolve("suite"));
        assertThat(Files.readString(dir.resolve("suite").resolve("suite.md"))).contains("| not scored |")
                .contains("not matched");
    }

    private static double mean(Samples s, int j) {
        double sum = 0;
        for (int i = 0; i < s.size(); i++) {
            sum += s.get(i, j);
        }
        return sum / s.size();
    }
}
