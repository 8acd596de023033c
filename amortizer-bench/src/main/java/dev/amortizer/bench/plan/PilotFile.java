package dev.amortizer.bench.plan;

import dev.amortizer.data.StrictJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a {@code pilot.json} a plan wrote, so that the curves can be refitted (another target, other query volumes,
 * another price) without paying for the pilot again. The file is untrusted: read by {@link StrictJson}, then every
 * field is checked against what a pilot can hold (per-observation arrays of the observations' length, budgets
 * increasing, times finite and non-negative, accuracies in range); anything else is an IllegalArgumentException
 * naming the file and the field.
 */
public final class PilotFile {
    /** The largest pilot read: 10⁵ held-out simulations' levels and log scores at a few budgets fit within it. */
    public static final int MAX_BYTES = 32 << 20;
    /** The most pilot budgets or rungs a file may hold. */
    static final int MAX_STEPS = 64;
    /** The most direct methods, notes or pieces a file may hold. */
    static final int MAX_ENTRIES = 256;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@+-]{0,99}");
    private static final int MAX_TEXT = 2_000;

    private PilotFile() {
    }

    /** The pilot in {@code file}, checked. */
    public static PilotData read(Path file) throws IOException {
        String source = "pilot " + file;
        return check(StrictJson.read(file, "pilot", MAX_BYTES, PilotData.class), source);
    }

    /** {@code pilot} itself when every field holds what a pilot can; {@code source} names it in errors. */
    static PilotData check(PilotData p, String source) {
        Checker c = new Checker(source);
        c.text(p.task(), "task");
        c.require(!p.task().isBlank(), "task", "a task name");
        c.require(p.measure() != null, "measure", "C2ST or COVERAGE_ERROR");
        c.require(p.amortiser() != null && NAME.matcher(p.amortiser()).matches(), "amortiser", "an amortiser's name");
        c.text(p.source(), "source");
        List<Integer> obs = p.observations();
        c.require(obs != null && !obs.isEmpty() && obs.size() <= 10 && obs.stream().allMatch(o -> o != null && o >= 1),
                "observations", "1 to 10 observation numbers, each >= 1");
        int k = obs.size();
        c.require(p.points() != null && !p.points().isEmpty() && p.points().size() <= MAX_STEPS, "points",
                "1 to " + MAX_STEPS + " amortiser budgets");
        long previous = 0;
        for (int i = 0; i < p.points().size(); i++) {
            PilotData.AmortiserPoint a = p.points().get(i);
            String at = "points[" + i + "]";
            c.require(a != null, at, "an amortiser budget");
            c.require(a.simulations() > previous, at + ".simulations", "budgets increasing, each >= 1");
            previous = a.simulations();
            c.seconds(a.fixedSeconds(), at + ".fixedSeconds", false);
            c.seconds(a.fixedCpuSeconds(), at + ".fixedCpuSeconds", false);
            c.seconds(a.trainingSeconds(), at + ".trainingSeconds", true);
            c.seconds(a.trainingCpuSeconds(), at + ".trainingCpuSeconds", true);
            c.require(a.trainingPasses() >= 0, at + ".trainingPasses", "a count >= 0");
            c.c2sts(a.c2st(), k, at + ".c2st");
            c.perQuery(a.querySeconds(), k, at + ".querySeconds");
            c.require(a.hpdLevels() != null && a.truthLogDensities() != null
                    && a.hpdLevels().length == a.truthLogDensities().length, at + ".truthLogDensities",
                    "one per held-out simulation, as hpdLevels");
            for (double level : a.hpdLevels()) {
                c.require(level >= 0 && level <= 1, at + ".hpdLevels", "levels in [0, 1]");
            }
            for (double score : a.truthLogDensities()) {
                c.require(!Double.isInfinite(score), at + ".truthLogDensities", "finite log densities (NaN: none)");
            }
            c.require(Double.isNaN(a.contraction()) || a.contraction() <= 1, at + ".contraction", "at most 1 (or NaN)");
            c.require(p.measure() != Measure.COVERAGE_ERROR || a.hpdLevels().length > 0, at + ".hpdLevels",
                    "held-out levels in a coverage-error pilot");
        }
        c.require(p.direct() != null && p.direct().size() <= MAX_ENTRIES, "direct", "a list of direct methods");
        for (int m = 0; m < p.direct().size(); m++) {
            PilotData.DirectPilot d = p.direct().get(m);
            String at = "direct[" + m + "]";
            c.require(d != null && d.method() != null && NAME.matcher(d.method()).matches(), at + ".method",
                    "a method's name");
            c.require(d.unit() != null && NAME.matcher(d.unit().replace(' ', '_')).matches(), at + ".unit",
                    "a budget unit in words");
            c.require(d.rungs() != null && !d.rungs().isEmpty() && d.rungs().size() <= MAX_STEPS, at + ".rungs",
                    "1 to " + MAX_STEPS + " rungs");
            long budget = 0;
            for (int r = 0; r < d.rungs().size(); r++) {
                PilotData.Rung rung = d.rungs().get(r);
                String rat = at + ".rungs[" + r + "]";
                c.require(rung != null && rung.budget() > budget, rat + ".budget", "budgets increasing, each >= 1");
                budget = rung.budget();
                c.c2sts(rung.c2st(), k, rat + ".c2st");
                c.perQuery(rung.querySeconds(), k, rat + ".querySeconds");
                c.require(rung.certified() != null && rung.certified().length == k, rat + ".certified",
                        k + " values, one per observation");
            }
        }
        c.seconds(p.wallSeconds(), "wallSeconds", false);
        c.seconds(p.cpuSeconds(), "cpuSeconds", false);
        c.seconds(p.capSeconds(), "capSeconds", false);
        c.require(p.c2stFolds() >= 1 && p.c2stFolds() <= 5, "c2stFolds", "1 to 5");
        c.require(p.pieces() != null && p.pieces().size() <= MAX_ENTRIES, "pieces", "a list");
        for (PilotData.Piece piece : p.pieces()) {
            c.require(piece != null, "pieces", "pieces");
            c.text(piece.name(), "pieces.name");
            c.seconds(piece.wallSeconds(), "pieces.wallSeconds", false);
            c.seconds(piece.cpuSeconds(), "pieces.cpuSeconds", false);
            c.require(piece.c2sts() >= 0, "pieces.c2sts", "a count >= 0");
        }
        c.require(p.notes() != null && p.notes().size() <= MAX_ENTRIES, "notes", "a list");
        p.notes().forEach(n -> c.text(n, "notes"));
        c.require(p.passCost().size() <= MAX_STEPS, "passCost", "at most " + MAX_STEPS + " steps");
        for (PilotData.PassCostStep step : p.passCost()) {
            c.require(step != null && step.fromSimulations() > 0 && step.minibatches() != null
                    && step.minibatches().size() <= MAX_ENTRIES && step.minibatches().stream()
                    .allMatch(b -> b != null && b > 0), "passCost", "steps from a budget >= 1 with minibatch rows");
            c.require(step.wallRatio() > 0 && Double.isFinite(step.wallRatio()) && step.cpuRatio() > 0
                    && Double.isFinite(step.cpuRatio()), "passCost", "finite ratios > 0");
        }
        return p;
    }

    /** Collects the first failure as a message naming the file and field. */
    private record Checker(String source) {
        void require(boolean ok, String field, String expected) {
            if (!ok) {
                throw new IllegalArgumentException(source + ", field " + field + ": expected " + expected);
            }
        }

        void text(String s, String field) {
            require(s != null && s.length() <= MAX_TEXT, field, "text of at most " + MAX_TEXT + " characters");
            require(s.chars().noneMatch(Character::isISOControl), field, "text without control characters");
        }

        void seconds(double s, String field, boolean nanAllowed) {
            require((nanAllowed && Double.isNaN(s)) || (s >= 0 && Double.isFinite(s)), field,
                    "finite seconds >= 0" + (nanAllowed ? " (NaN: not recorded)" : ""));
        }

        void c2sts(double[] values, int k, String field) {
            require(values != null && values.length == k, field, k + " values, one per observation");
            for (double v : values) {
                require(Double.isNaN(v) || (v >= 0 && v <= 1), field, "C2STs in [0, 1] (NaN: unscored)");
            }
        }

        void perQuery(double[] values, int k, String field) {
            require(values != null && values.length == k, field, k + " values, one per observation");
            for (double v : values) {
                seconds(v, field, false);
            }
        }
    }
}
