package dev.amortizer.models.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.amortizer.data.Quoted;
import dev.amortizer.models.external.ExternalCommand;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DiagonalNormalPrior;
import dev.amortizer.task.LogNormalPrior;
import dev.amortizer.task.MultivariateNormalPrior;
import dev.amortizer.task.ParameterSymmetry;
import dev.amortizer.task.Prior;
import dev.amortizer.task.ProductPrior;
import dev.amortizer.task.RowsLayout;
import dev.amortizer.task.Support;
import dev.amortizer.task.UniformBoxPrior;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one reader of task spec files (format: amortizer-models/README.md, "Your own task"): UTF-8 JSON of at most
 * {@value #MAX_BYTES} bytes, every field checked, unknown and repeated fields refused, each error naming the file and
 * the field's path.
 *
 * <p>{@code SpecTask task = TaskSpecs.load(Path.of("task.json"), Path.of("simulator.log"));}
 */
public final class TaskSpecs {
    /** The largest spec file read. */
    public static final int MAX_BYTES = 1 << 20;
    /** The most parameters, and the most data values. */
    public static final int MAX_PARAMETERS = 1000;
    public static final int MAX_DATA = 100_000;
    /** The widest exchangeable row ({@code RowsLayout}). */
    public static final int MAX_ROW_WIDTH = 10_000;
    /** Defaults of the command fields. */
    public static final double DEFAULT_TIMEOUT_SECONDS = 60;
    public static final int DEFAULT_BATCH_SIZE = 100;

    private static final String NAME = "[A-Za-z][A-Za-z0-9_.-]{0,63}";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private TaskSpecs() {
    }

    /**
     * The task a spec file describes, its commands' standard error appended to {@code log} (null:
     * {@link #defaultLog}); the processes start when the task is first used.
     */
    public static SpecTask load(Path file, Path log) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.size(absolute) > MAX_BYTES) {
            throw new IllegalArgumentException(file + ": a task spec is at most " + MAX_BYTES + " bytes, this one has "
                    + Files.size(absolute));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(absolute))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text (" + e.getMessage() + ")", e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
        return parse(root, new JsonFields(file.toString()), absolute.getParent(), log);
    }

    private static SpecTask parse(JsonNode root, JsonFields f, Path folder, Path log) {
        f.object(root, "the spec", Set.of("name", "description", "parameters", "multivariateNormal", "data",
                "exchangeableRows", "parameterSymmetry", "simulator", "likelihood"));
        String name = name(f, f.required(root, "name", "spec"), "name");
        if (root.has("description")) {
            f.string(root.get("description"), "description");
        }
        List<JsonNode> params = f.array(f.required(root, "parameters", "spec"), "parameters", 1, MAX_PARAMETERS);
        Map<String, Integer> index = new LinkedHashMap<>();
        List<ProductPrior.Block> blocks = new ArrayList<>();
        List<String> unset = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            String path = "parameters[" + i + "]";
            JsonNode p = f.object(params.get(i), path, Set.of("name", "prior"));
            String pname = name(f, f.required(p, "name", path), path + ".name");
            if (index.putIfAbsent(pname, i) != null) {
                throw f.error(path + ".name", Quoted.of(pname) + " is already the name of an earlier parameter");
            }
            if (p.has("prior")) {
                blocks.add(new ProductPrior.Block(prior(f, p.get("prior"), path + ".prior"), new int[] {i}));
            } else {
                unset.add(pname);
            }
        }
        if (root.has("multivariateNormal")) {
            List<JsonNode> mvns = f.array(root.get("multivariateNormal"), "multivariateNormal", 1, MAX_PARAMETERS);
            for (int b = 0; b < mvns.size(); b++) {
                blocks.add(multivariateNormal(f, mvns.get(b), "multivariateNormal[" + b + "]", index, unset));
            }
        }
        if (!unset.isEmpty()) {
            throw f.error("parameters", "has no prior for " + String.join(", ", unset)
                    + ": give each a \"prior\" or list it in a \"multivariateNormal\" block");
        }
        List<String> data = f.strings(f.required(root, "data", "spec"), "data", 1, MAX_DATA);
        Set<String> seen = new HashSet<>(index.keySet());
        for (int i = 0; i < data.size(); i++) {
            name(f, root.get("data").get(i), "data[" + i + "]");
            if (!seen.add(data.get(i))) {
                throw f.error("data[" + i + "]", Quoted.of(data.get(i)) + " is already the name of a parameter or an"
                        + " earlier data value");
            }
        }
        RowsLayout rows = root.has("exchangeableRows") ? rows(f, root.get("exchangeableRows"), data.size()) : null;
        Prior prior = blocks.size() == 1 ? blocks.get(0).prior() : new ProductPrior(params.size(), blocks);
        ParameterSymmetry symmetry = root.has("parameterSymmetry")
                ? symmetry(f, root.get("parameterSymmetry"), index, prior) : null;
        if (log == null) {
            log = defaultLog(name);
        }
        ExternalCommand simulator = command(f, f.required(root, "simulator", "spec"), "simulator", folder, log, true);
        Optional<ExternalCommand> likelihood = root.has("likelihood")
                ? Optional.of(command(f, root.get("likelihood"), "likelihood", folder, log, false)) : Optional.empty();
        return new SpecTask(name, List.copyOf(index.keySet()), data, prior, simulator, likelihood,
                Optional.ofNullable(rows), Optional.ofNullable(symmetry));
    }

    /** The environment variable naming the file spec tasks' commands log to when the caller gives none. */
    public static final String LOG_VARIABLE = "AMORTIZER_SIMULATOR_LOG";

    /**
     * Where a spec task's commands log when the caller names no file: the file {@value #LOG_VARIABLE} names, else
     * {@code NAME.simulator.log} in the working folder.
     */
    public static Path defaultLog(String taskName) {
        String log = System.getenv(LOG_VARIABLE);
        return log == null || log.isBlank() ? Path.of(taskName + ".simulator.log") : Path.of(log);
    }

    /**
     * "parameterSymmetry": reflections of θ that change neither the prior nor the likelihood, by parameter name
     * ("flip b", "swap a c", "swap- a c"; {@link ParameterSymmetry}); the prior must have them (checked on 200
     * draws).
     */
    private static ParameterSymmetry symmetry(JsonFields f, JsonNode node, Map<String, Integer> index, Prior prior) {
        List<String> entries = f.strings(node, "parameterSymmetry", 1, ParameterSymmetry.MAX_REFLECTIONS);
        List<String> numbered = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            String[] words = entries.get(e).trim().split("\\s+");
            StringBuilder text = new StringBuilder(words[0]);
            for (int w = 1; w < words.length; w++) {
                Integer i = index.get(words[w]);
                if (i == null) {
                    throw f.error("parameterSymmetry[" + e + "]", Quoted.of(words[w]) + " is not a parameter; expected"
                            + " \"flip NAME\", \"swap NAME NAME\" or \"swap- NAME NAME\" with names from "
                            + index.keySet());
                }
                text.append(' ').append(i + 1);
            }
            numbered.add(text.toString());
        }
        try {
            ParameterSymmetry symmetry = ParameterSymmetry.parse(index.size(), numbered);
            symmetry.checkPrior(prior, 200, Rng.seeded(0));
            return symmetry;
        } catch (IllegalArgumentException e) {
            throw f.error("parameterSymmetry", e.getMessage() + " (parameters numbered from 1 in the order listed)");
        }
    }

    /** "exchangeableRows": values per row of the data, which must split into two or more whole rows. */
    private static RowsLayout rows(JsonFields f, JsonNode node, int values) {
        if (values < 2) {
            throw f.error("exchangeableRows", "needs two or more rows, but the spec has one data value");
        }
        int width = f.integer(node, "exchangeableRows", 1, Math.min(values / 2, MAX_ROW_WIDTH));
        if (values % width != 0) {
            throw f.error("exchangeableRows", "is " + width + ", but the " + values + " data values are not a whole"
                    + " number of rows of " + width);
        }
        return new RowsLayout(values / width, width);
    }

    private static String name(JsonFields f, JsonNode node, String path) {
        String s = f.string(node, path);
        if (!s.matches(NAME)) {
            throw f.error(path, "is " + Quoted.of(s) + ", expected a letter then up to 63 letters, digits, _ . or -");
        }
        return s;
    }

    private static Prior prior(JsonFields f, JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            f.object(node, path, Set.of());
        }
        String type = f.string(f.required(node, "type", path), path + ".type");
        Set<String> fields = switch (type) {
            case "uniform" -> Set.of("type", "low", "high");
            case "normal" -> Set.of("type", "mean", "sd");
            case "logNormal" -> Set.of("type", "mu", "sigma");
            default -> throw f.error(path + ".type", "is " + Quoted.of(type)
                    + ", expected uniform, normal or logNormal (several correlated normals: multivariateNormal)");
        };
        f.object(node, path + " (" + type + ")", fields);
        return switch (type) {
            case "uniform" -> {
                double low = f.number(f.required(node, "low", path), path + ".low");
                double high = f.number(f.required(node, "high", path), path + ".high");
                if (!(high > low)) {
                    throw f.error(path, "needs low < high, got low " + low + ", high " + high);
                }
                yield new UniformBoxPrior(new Support(new double[] {low}, new double[] {high}));
            }
            case "normal" -> new DiagonalNormalPrior(new double[] {f.number(f.required(node, "mean", path),
                    path + ".mean")}, new double[] {positive(f, f.required(node, "sd", path), path + ".sd")});
            default -> new LogNormalPrior(new double[] {f.number(f.required(node, "mu", path), path + ".mu")},
                    new double[] {positive(f, f.required(node, "sigma", path), path + ".sigma")});
        };
    }

    private static double positive(JsonFields f, JsonNode node, String path) {
        double v = f.number(node, path);
        if (!(v > 0)) {
            throw f.error(path, "must be > 0, got " + v);
        }
        return v;
    }

    private static ProductPrior.Block multivariateNormal(JsonFields f, JsonNode node, String path,
                                                         Map<String, Integer> index, List<String> unset) {
        f.object(node, path, Set.of("parameters", "mean", "covariance"));
        List<String> names = f.strings(f.required(node, "parameters", path), path + ".parameters", 1, MAX_PARAMETERS);
        int[] coordinates = new int[names.size()];
        for (int k = 0; k < names.size(); k++) {
            String n = names.get(k);
            if (!index.containsKey(n)) {
                throw f.error(path + ".parameters[" + k + "]", Quoted.of(n) + " is not a parameter's name");
            }
            if (!unset.remove(n)) {
                throw f.error(path + ".parameters[" + k + "]", Quoted.of(n)
                        + " already has a prior (its own \"prior\" or an earlier block)");
            }
            coordinates[k] = index.get(n);
        }
        int d = names.size();
        double[] mean = f.numbers(f.required(node, "mean", path), path + ".mean", d);
        List<JsonNode> rows = f.array(f.required(node, "covariance", path), path + ".covariance", d, d);
        double[][] cov = new double[d][];
        for (int i = 0; i < d; i++) {
            cov[i] = f.numbers(rows.get(i), path + ".covariance[" + i + "]", d);
        }
        double[][] precision;
        try {
            var decomposition = new org.apache.commons.math3.linear.CholeskyDecomposition(
                    new org.apache.commons.math3.linear.Array2DRowRealMatrix(cov));
            precision = decomposition.getSolver().getInverse().getData();
        } catch (org.apache.commons.math3.exception.MathArithmeticException
                 | org.apache.commons.math3.exception.MathIllegalArgumentException e) {
            throw f.error(path + ".covariance", "must be symmetric and positive definite (" + e.getMessage() + ")");
        }
        for (int i = 0; i < d; i++) { // the inverse is symmetric up to rounding; the prior checks exact symmetry
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (precision[i][j] + precision[j][i]);
                precision[i][j] = s;
                precision[j][i] = s;
            }
        }
        try {
            return new ProductPrior.Block(new MultivariateNormalPrior(mean, precision), coordinates);
        } catch (IllegalArgumentException e) {
            throw f.error(path, "is not a proper normal distribution (" + e.getMessage() + ")");
        }
    }

    private static ExternalCommand command(JsonFields f, JsonNode node, String path, Path folder, Path log,
                                           boolean simulator) {
        Set<String> fields = simulator ? Set.of("command", "timeoutSeconds", "batchSize", "workers", "onFailure")
                : Set.of("command", "timeoutSeconds", "workers");
        f.object(node, path, fields);
        List<String> command = f.strings(f.required(node, "command", path), path + ".command", 1, 256);
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).isEmpty() || command.get(i).indexOf('\0') >= 0) {
                throw f.error(path + ".command[" + i + "]", "must be a non-empty string without NUL characters");
            }
        }
        double timeout = DEFAULT_TIMEOUT_SECONDS;
        if (node.has("timeoutSeconds")) {
            timeout = positive(f, node.get("timeoutSeconds"), path + ".timeoutSeconds");
            if (timeout > 1e7) {
                throw f.error(path + ".timeoutSeconds", "must be at most 1e7, got " + timeout);
            }
        }
        int batch = node.has("batchSize") ? f.integer(node.get("batchSize"), path + ".batchSize", 1,
                ExternalCommand.MAX_BATCH) : DEFAULT_BATCH_SIZE;
        int workers = node.has("workers") ? f.integer(node.get("workers"), path + ".workers", 1,
                ExternalCommand.MAX_WORKERS) : Runtime.getRuntime().availableProcessors();
        ExternalCommand.OnFailure onFailure = ExternalCommand.OnFailure.DROP;
        if (node.has("onFailure")) {
            String s = f.string(node.get("onFailure"), path + ".onFailure");
            onFailure = switch (s) {
                case "drop" -> ExternalCommand.OnFailure.DROP;
                case "fail" -> ExternalCommand.OnFailure.FAIL;
                default -> throw f.error(path + ".onFailure", "is " + Quoted.of(s) + ", expected \"drop\" or \"fail\"");
            };
        }
        return new ExternalCommand(command, folder, timeout, batch, workers, onFailure, log);
    }
}
