package dev.amortizer.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amortizer.bench.BenchConfig;
import dev.amortizer.bench.BenchReport;
import dev.amortizer.bench.BenchRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/**
 * A small real run (two_moons, NPE on 200 simulations, 2 queries of 500 draws, short ladders) written to a folder:
 * every file is there, and N* in report.json is ⌈F / (c_D − c_A)⌉ recomputed from the report's own measurements.
 */
class ReportFilesTest {
    @TempDir
    static Path dir;
    static BenchReport report;
    static JsonNode json;

    @BeforeAll
    static void runSmallBench() throws Exception {
        BenchConfig config = new BenchConfig("two_moons", List.of("npe-mdn"), List.of(200), 2, null, 500, 200, 3,
                Map.of("rejection-abc", List.of(1_000L, 3_000L), "mcmc", List.of(1_000L)), List.of(500L), 0.5, true);
        report = new BenchRunner(config, new PrintStream(new ByteArrayOutputStream())).run();
        ReportWriter.write(report, dir);
        json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    }

    @Test
    void writesEveryArtefactAndNoTemporaryFile() throws Exception {
        assertThat(json.get("breakEvenBasis").asText()).as("a scored run says N* is at matched accuracy")
                .isEqualTo(BenchReport.MATCHED);
        for (String name : ReportWriter.FILES) {
            assertThat(dir.resolve(name)).as(name).isNotEmptyFile();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".tmp") || n.endsWith(dev.amortizer.data.AtomicFiles.TMP_SUFFIX));
        }
        assertThat(Files.readAllBytes(dir.resolve("total-cost.png"))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(dir.resolve("total-cost.svg"))).contains("<svg");
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains(report.verdict().replace("<", "&lt;")).contains("data:image/png;base64,")
                .doesNotContain("http://", "https://");
        assertThat(Files.readString(dir.resolve("report.md"))).as("report.md cites a protocol its reader can open")
                .contains("amortizer-bench/README.md").doesNotContain("docs/");
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(2);
        BenchReport back = ReportWriter.read(dir.resolve("report.json"));
        assertThat(back.verdict()).isEqualTo(report.verdict());
        assertThat(back.config()).isEqualTo(report.config());
        assertThat(back.contenders().get(0).queries()).isEqualTo(report.contenders().get(0).queries());
        assertThat(back.machine().device()).as("where it computed").isEqualTo(report.machine().device()).isNotNull();
        assertThat(json.get("machine").get("device").get("nd4jBackend").asText()).isEqualTo("nd4j-native");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("Compute: nd4j-native on ")
                .contains("GPU: none (a build without the CUDA backend)");
        assertThat(html).contains("Compute: nd4j-native on ");
        assertThat(Files.readAllLines(dir.resolve("measurements.csv")))
                .hasSize(1 + 3 + 3 * 2 + 2 * (2 + 1))
                .first().asString().startsWith("task,name,kind,simulations,budget,observation,phase,c2st,wall_seconds");
    }

    @Test
    void everyPlotHasATitleAndLabelledAxesAndTheTotalCostPlotMarksNStar() {
        for (XYChart chart : List.of(Charts.totalCost(report), Charts.accuracyVsCost(report),
                Charts.c2stVsSimulations(report))) {
            assertThat(chart.getTitle()).isNotBlank();
            assertThat(chart.getXAxisTitle()).isNotBlank();
            assertThat(chart.getYAxisTitle()).isNotBlank();
            assertThat(chart.getSeriesMap()).isNotEmpty();
        }
        XYChart total = Charts.totalCost(report);
        assertThat(total.getStyler().isXAxisLogarithmic()).isTrue();
        assertThat(total.getStyler().isYAxisLogarithmic()).isTrue();
        long marked = report.primary().versus().stream().filter(v -> v.matched().queries() > 0).count();
        assertThat(total.getSeriesMap().keySet().stream().filter(k -> k.startsWith("N* vs "))).hasSize((int) marked);
        assertThat(Charts.accuracyVsCost(report).getSeriesMap()).containsKeys("npe-mdn@200", "npe-mdn@200+is(500)");
    }

    @Test
    void reportsBothContendersAndBothDirectMethods() {
        assertThat(report.contenders()).extracting(BenchReport.Contender::name)
                .containsExactly("npe-mdn@200", "npe-mdn@200+is(500)", "npe-mdn@200+escalate");
        assertThat(report.direct()).extracting(BenchReport.DirectResult::method).containsExactlyInAnyOrder("rejection-abc", "mcmc");
        BenchReport.Contender hybrid = report.contenders().get(1);
        assertThat(hybrid.queries()).allSatisfy(q -> assertThat(q.diagnostics()).containsKeys("pareto_k", "ess"));
        assertThat(hybrid.fixedWallSeconds()).isEqualTo(report.contenders().get(0).fixedWallSeconds());
        assertThat(report.contenders().get(0).queries()).allSatisfy(q -> assertThat(q.cost().forwardPasses())
                .as("one forward pass per draw, counted through the amortiser's meter").isEqualTo(500));
        assertThat(hybrid.queries()).allSatisfy(q -> {
            assertThat(q.cost().forwardPasses()).as("500 proposals drawn and their densities").isEqualTo(1000);
            assertThat(q.cost().likelihoodEvaluations()).isEqualTo(500);
        });
        // names the primary contender whatever the verdict; which verdict depends on measured times ("Undetermined
        // for npe-mdn@200 ..." when a direct method's budgets all cost less than a query), so it is not asserted
        assertThat(report.verdict()).isEqualTo(report.primary().verdict()).contains("npe-mdn@200");
    }

    @Test
    void theEscalationContenderSaysWhichStepAnsweredAndPaysTheAmortisersFixedCost() {
        BenchReport.Contender escalated = report.contenders().get(2);
        assertThat(escalated.kind()).isEqualTo(BenchReport.Contender.ESCALATE);
        assertThat(escalated.fixedWallSeconds()).isEqualTo(report.contenders().get(0).fixedWallSeconds());
        assertThat(escalated.versus()).hasSize(report.direct().size());
        assertThat(escalated.queries()).allSatisfy(q -> {
            assertThat(q.diagnostics().get("step")).isIn(1.0, 2.0, 3.0);
            // the probe's weights are always computed on a task with a likelihood
            assertThat(q.cost().likelihoodEvaluations()).isGreaterThanOrEqualTo(1_000);
            double steps = q.diagnostics().getOrDefault("amortised_seconds", 0.0)
                    + q.diagnostics().getOrDefault("importance_seconds", 0.0)
                    + q.diagnostics().getOrDefault("mcmc_seconds", 0.0);
            assertThat(q.cost().wallSeconds()).isCloseTo(steps, within(1e-9));
        });
        assertThat(Charts.accuracyVsCost(report).getSeriesMap()).containsKey("npe-mdn@200+escalate");
    }

    @Test
    void nStarEqualsTheCeilingOfFOverTheCostGapRecomputedFromTheReport() {
        int checked = 0;
        for (JsonNode c : json.get("contenders")) {
            double f = 0;
            for (Iterator<JsonNode> it = c.get("fixedCostByPhase").elements(); it.hasNext(); ) {
                f += it.next().get("wallSeconds").asDouble();
            }
            assertThat(c.get("fixedWallSeconds").asDouble()).isCloseTo(f, within(1e-9));
            f = c.get("fixedWallSeconds").asDouble();
            double cA = c.get("medianQueryWallSeconds").asDouble();
            assertThat(cA).isCloseTo(median(walls(c.get("queries"))), within(1e-15));
            double target = c.get("meanC2st").asDouble();
            assertThat(target).isCloseTo(mean(c2sts(c.get("queries"))), within(1e-12));
            for (JsonNode v : c.get("versus")) {
                JsonNode measurements = direct(v.get("method").asText()).get("measurements");
                List<double[]> profile = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = measurements.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> rung = it.next();
                    profile.add(new double[] {Long.parseLong(rung.getKey()), mean(c2sts(rung.getValue())),
                            median(walls(rung.getValue()))});
                }
                profile.sort((a, b) -> Double.compare(a[0], b[0]));
                double cD = v.get("matchedCost").get("wallSeconds").asDouble();
                assertThat(cD).isCloseTo(costAt(profile, target)[0], within(1e-12));
                checkNStar(v.get("matched"), f, cD, cA);
                double cDefault = v.get("defaultPoint").get("medianWallSeconds").asDouble();
                assertThat(cDefault).isCloseTo(profile.get(profile.size() - 1)[2], within(1e-15));
                checkNStar(v.get("atDefault"), f, cDefault, cA);
                checked++;
            }
        }
        assertThat(checked).as("3 contenders against 2 direct methods").isEqualTo(6);
    }

    /** N* = ⌈F / (c_D − c_A)⌉ (at least 1) when c_D > c_A; "never"/"undetermined" (0) otherwise. */
    private static void checkNStar(JsonNode n, double f, double cD, double cA) {
        String status = n.get("status").asText();
        if (cD > cA) {
            assertThat(status).isIn("FINITE", "AT_MOST", "AT_LEAST");
            assertThat(n.get("queries").asLong()).isEqualTo(Math.max(1, (long) Math.ceil(f / (cD - cA))));
        } else {
            assertThat(status).isIn("NEVER", "UNDETERMINED");
            assertThat(n.get("queries").asLong()).isZero();
        }
    }

    /** c_D(target) (amortizer-bench/README.md): the first rung at or below it, log-interpolated from the one before. */
    private static double[] costAt(List<double[]> profile, double target) {
        for (int i = 0; i < profile.size(); i++) {
            if (profile.get(i)[1] <= target) {
                if (i == 0) {
                    return new double[] {profile.get(0)[2]};
                }
                double[] q = profile.get(i - 1);
                double[] p = profile.get(i);
                double t = (q[1] - target) / (q[1] - p[1]);
                return new double[] {Math.exp(Math.log(q[2]) + t * (Math.log(p[2]) - Math.log(q[2])))};
            }
        }
        return new double[] {profile.get(profile.size() - 1)[2]};
    }

    private static JsonNode direct(String method) {
        for (JsonNode d : json.get("direct")) {
            if (d.get("method").asText().equals(method)) {
                return d;
            }
        }
        throw new AssertionError("no direct method " + method + " in report.json");
    }

    private static double[] walls(JsonNode queries) {
        double[] v = new double[queries.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = queries.get(i).get("cost").get("wallSeconds").asDouble();
        }
        return v;
    }

    private static double[] c2sts(JsonNode queries) {
        double[] v = new double[queries.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = queries.get(i).get("c2st").asDouble();
        }
        return v;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).sum() / v.length;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    @Test
    void failedSimulationsByKindAreReportedInJsonAndMarkdown() throws Exception {
        assertThat(json.get("contenders").get(0).get("simulationFailures").size()).as("two_moons never fails")
                .isZero();
        BenchReport.Contender c = report.contenders().get(0);
        BenchReport.Contender failing = new BenchReport.Contender(c.name(), c.amortiser(), c.kind(), c.simulations(),
                c.proposalDraws(), c.fixedCostByPhase(), c.fixedWallSeconds(), c.fixedMoney(), c.queries(),
                c.medianQueryCost(), c.medianQueryWallSeconds(), c.meanC2st(), c.versus(), c.verdict(),
                Map.of("timeout", 3L, "non-finite", 1L));
        BenchReport withFailures = new BenchReport(report.schemaVersion(), report.generatedAt(),
                report.amortizerVersion(), report.machine(), report.config(), report.task(), report.observations(),
                List.of(failing), report.direct(), report.skipped(), report.verdict());
        Path out = dir.resolve("with-failures");
        ReportWriter.write(withFailures, out);
        assertThat(Files.readString(out.resolve("report.md")))
                .contains("Failed simulations, dropped before training (counted in F): 1 non-finite, 3 timeout.");
        JsonNode failures = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("contenders").get(0)
                .get("simulationFailures");
        assertThat(failures.get("timeout").asLong()).isEqualTo(3);
        assertThat(report.observations()).as("the reference's provenance").contains("; references: ");
    }
}
