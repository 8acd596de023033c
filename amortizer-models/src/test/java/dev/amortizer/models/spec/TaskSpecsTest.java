package dev.amortizer.models.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.models.external.ExternalCommand;
import dev.amortizer.task.MultivariateNormalPrior;
import dev.amortizer.task.ProductPrior;
import dev.amortizer.task.RowsLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskSpecsTest {
    private static final String VALID = """
            {"name": "mixed", "description": "every kind of prior",
             "parameters": [{"name": "u", "prior": {"type": "uniform", "low": -1, "high": 2}},
                            {"name": "a"},
                            {"name": "r", "prior": {"type": "logNormal", "mu": 0, "sigma": 0.5}},
                            {"name": "b"},
                            {"name": "n", "prior": {"type": "normal", "mean": 3, "sd": 2}}],
             "multivariateNormal": [{"parameters": ["b", "a"], "mean": [1, 0], "covariance": [[2, 0.5], [0.5, 1]]}],
             "data": ["y1", "y2"],
             "simulator": {"command": ["python3", "sim.py"], "timeoutSeconds": 5, "batchSize": 20, "workers": 3,
                           "onFailure": "fail"},
             "likelihood": {"command": ["python3", "loglik.py"]}}
            """;

    @TempDir
    Path dir;

    private SpecTask load(String json) throws Exception {
        Path file = dir.resolve("task.json");
        Files.writeString(file, json);
        return TaskSpecs.load(file, dir.resolve("log"));
    }

    @Test
    void readsNamesPriorsAndCommands() throws Exception {
        try (SpecTask task = load(VALID)) {
            assertThat(task.name()).isEqualTo("mixed");
            assertThat(task.parameterNames()).containsExactly("u", "a", "r", "b", "n");
            assertThat(task.dataNames()).containsExactly("y1", "y2");
            assertThat(task.prior()).isInstanceOf(ProductPrior.class);
            assertThat(task.prior().support().lower()).containsExactly(-1, Double.NEGATIVE_INFINITY, 0,
                    Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
            assertThat(task.prior().support().upper()[0]).isEqualTo(2);
            assertThat(task.likelihood()).isPresent();
            // log density: U(-1, 2) · N([b, a]; [1, 0], Σ) · LogNormal(0, 0.5) · N(3, 2²), at one point
            double[] theta = {0.5, 0.2, 1.5, 1.1, 2.0};
            double expected = -Math.log(3)
                    + new MultivariateNormalPrior(new double[] {1, 0}, inverse(new double[][] {{2, 0.5}, {0.5, 1}}))
                    .logDensity(new double[] {1.1, 0.2})
                    + (-Math.log(1.5) - Math.log(0.5 * Math.sqrt(2 * Math.PI)) - Math.pow(Math.log(1.5), 2) / 0.5)
                    + (-Math.log(2 * Math.sqrt(2 * Math.PI)) - Math.pow(2.0 - 3, 2) / 8);
            assertThat(task.prior().logDensity(theta)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(task.prior().logDensity(new double[] {2.5, 0, 1, 0, 0})).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    private static double[][] inverse(double[][] m) {
        double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        return new double[][] {{m[1][1] / det, -m[0][1] / det}, {-m[1][0] / det, m[0][0] / det}};
    }

    @Test
    void defaultsFillTheCommandsOptionalFields() throws Exception {
        String json = """
                {"name": "t", "parameters": [{"name": "m", "prior": {"type": "normal", "mean": 0, "sd": 1}}],
                 "data": ["x"], "simulator": {"command": ["./sim"]}}""";
        try (SpecTask task = load(json)) {
            assertThat(task.likelihood()).isEmpty();
            assertThat(task.simulator().dataDim()).isEqualTo(1);
            assertThat(task.simulator().log()).isEqualTo(dir.resolve("log").toAbsolutePath());
        }
        assertThat(TaskSpecs.DEFAULT_BATCH_SIZE).isEqualTo(100);
        assertThat(ExternalCommand.OnFailure.valueOf("DROP")).isNotNull();
    }

    @Test
    void readsExchangeableRowsAndRefusesAWidthThatDoesNotSplitTheData() throws Exception {
        String spec = """
                {"name": "t", "parameters": [{"name": "m", "prior": {"type": "normal", "mean": 0, "sd": 1}}],
                 "data": ["a1", "b1", "a2", "b2", "a3", "b3"], %s"simulator": {"command": ["./sim"]}}""";
        try (SpecTask task = load(spec.formatted("\"exchangeableRows\": 2, "))) {
            assertThat(task.dataLayout()).contains(new RowsLayout(3, 2));
        }
        try (SpecTask task = load(spec.formatted(""))) {
            assertThat(task.dataLayout()).isEmpty();
        }
        for (String[] bad : new String[][] {{"4", "must be a whole number in 1..3, got number 4"},
            {"0", "must be a whole number in 1..3"}, {"1.5", "must be a whole number in 1..3"},
            {"\"2\"", "must be a whole number in 1..3"}}) {
            assertThatThrownBy(() -> load(spec.formatted("\"exchangeableRows\": " + bad[0] + ", ")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exchangeableRows")
                    .hasMessageContaining(bad[1]);
        }
        String five = spec.replace("\"a3\", \"b3\"", "\"a3\"");
        assertThatThrownBy(() -> load(five.formatted("\"exchangeableRows\": 2, ")))
                .hasMessageContaining("exchangeableRows is 2, but the 5 data values are not a whole number of rows");
        String one = spec.replace("\"a1\", \"b1\", \"a2\", \"b2\", \"a3\", \"b3\"", "\"a1\"");
        assertThatThrownBy(() -> load(one.formatted("\"exchangeableRows\": 1, ")))
                .hasMessageContaining("exchangeableRows needs two or more rows");
    }

    @Test
    void parameterSymmetryNamesParametersAndMustHoldForThePrior() throws Exception {
        String spec = """
                {"name": "t", "parameters": [{"name": "a", "prior": {"type": "uniform", "low": -1, "high": 1}},
                  {"name": "b", "prior": {"type": "uniform", "low": -1, "high": 1}},
                  {"name": "c", "prior": {"type": "uniform", "low": 0, "high": 1}}],
                 "data": ["x"], %s"simulator": {"command": ["./sim"]}}""";
        try (SpecTask task = load(spec.formatted("\"parameterSymmetry\": [\"swap- a b\", \"swap a b\"], "))) {
            assertThat(task.parameterSymmetry().orElseThrow().texts()).containsExactly("swap- 1 2", "swap 1 2");
        }
        try (SpecTask task = load(spec.formatted(""))) {
            assertThat(task.parameterSymmetry()).isEmpty();
        }
        for (String[] bad : new String[][] {{"[\"flip d\"]", "parameterSymmetry[0] 'd' is not a parameter"},
            {"[\"flip c\"]", "does not map onto itself under flip 3"}, {"[]", "must have 1 to 8 entries"},
            {"[\"turn a\"]", "\"turn 1\""}, {"[\"flip a\", \"swap a b\"]", "does not commute"},
            {"\"flip a\"", "parameterSymmetry"}}) {
            assertThatThrownBy(() -> load(spec.formatted("\"parameterSymmetry\": " + bad[0] + ", ")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameterSymmetry")
                    .hasMessageContaining(bad[1]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown top field|\"name\": \"mixed\"|\"name\": \"mixed\", \"nmae\": 1|has an unknown field 'nmae'",
        "unknown prior field|\"sd\": 2}|\"sd\": 2, \"scale\": 1}|parameters[4].prior (normal) has an unknown field 'scale'",
        "repeated field|\"name\": \"mixed\"|\"name\": \"mixed\", \"name\": \"other\"|Duplicate field 'name'",
        "bad prior type|\"type\": \"normal\"|\"type\": \"gamma\"|parameters[4].prior.type is 'gamma', expected uniform, normal or logNormal",
        "bounds reversed|\"high\": 2|\"high\": -2|parameters[0].prior needs low < high",
        "negative sd|\"sd\": 2|\"sd\": -2|parameters[4].prior.sd must be > 0, got -2.0",
        "missing prior|{\"name\": \"a\"},|{\"name\": \"a\"}, {\"name\": \"c\"},|has no prior for c",
        "two priors|[\"b\", \"a\"]|[\"b\", \"u\"]|multivariateNormal[0].parameters[1] 'u' already has a prior",
        "not positive definite|[[2, 0.5], [0.5, 1]]|[[1, 2], [2, 1]]|multivariateNormal[0].covariance must be symmetric and positive definite",
        "wrong mean length|\"mean\": [1, 0]|\"mean\": [1]|multivariateNormal[0].mean must have 2 to 2 entries, got 1",
        "bad name|\"y2\"|\"y 2\"|data[1] is 'y 2', expected a letter",
        "name used twice|\"y2\"|\"u\"|data[1] 'u' is already the name of a parameter",
        "bad onFailure|\"fail\"|\"ignore\"|simulator.onFailure is 'ignore', expected \"drop\" or \"fail\"",
        "zero timeout|\"timeoutSeconds\": 5|\"timeoutSeconds\": 0|simulator.timeoutSeconds must be > 0",
        "fractional batch|\"batchSize\": 20|\"batchSize\": 2.5|simulator.batchSize must be a whole number in 1..100000",
        "empty command|[\"python3\", \"sim.py\"]|[]|simulator.command must have 1 to 256 entries, got 0",
        "command not strings|[\"python3\", \"sim.py\"]|[\"python3\", 4]|simulator.command[1] must be a string, got number",
        "unknown likelihood field|[\"python3\", \"loglik.py\"]}|[\"python3\", \"loglik.py\"], \"batchSize\": 3}|likelihood has an unknown field 'batchSize'",
        "no simulator|\"simulator\"|\"simulatr\"|has an unknown field 'simulatr'",
        "trailing text|\"loglik.py\"]}}|\"loglik.py\"]}} {}|is not valid JSON",
    })
    void refusesABadSpecNamingTheFieldAndWhatWasExpected(String label, String find, String replace, String message) {
        assertThat(VALID).contains(find);
        assertThatThrownBy(() -> load(VALID.replace(find, replace)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(dir.resolve("task.json").toString())
                .hasMessageContaining(message);
    }

    @Test
    void refusesAFileThatIsNotUtf8OrTooLarge() throws Exception {
        Path file = dir.resolve("task.json");
        Files.write(file, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        assertThatThrownBy(() -> TaskSpecs.load(file, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not UTF-8 text");
        Files.writeString(file, " ".repeat(TaskSpecs.MAX_BYTES + 1));
        assertThatThrownBy(() -> TaskSpecs.load(file, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a task spec is at most 1048576 bytes");
    }
}
