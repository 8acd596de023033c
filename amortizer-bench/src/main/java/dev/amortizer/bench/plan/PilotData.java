package dev.amortizer.bench.plan;

import java.util.List;

/**
 * What the pilot measured, per observation, so the planner can resample observations.
 *
 * @param task         task name
 * @param observations the observations' numbers, in the order of every per-observation array below
 * @param source       where the observations and references came from
 * @param measure      what the accuracy target measures: C2ST against references, or the amortiser's coverage error on
 *                     held-out simulations with direct methods certified by their diagnostics
 * @param scored       whether answers could be scored against references (a C2ST pilot without them can plan cost only)
 * @param amortiser    the amortiser's name
 * @param points       the amortiser at each pilot budget that ran
 * @param direct       each direct method that ran, at its pilot rungs
 * @param wallSeconds  the pilot's whole wall time, scoring included
 * @param cpuSeconds   the pilot's whole process CPU time (all threads), scoring included
 * @param capSeconds   the wall-time cap it ran under
 * @param c2stFolds    the C2ST folds it scored with
 * @param pieces       what each piece cost (warm-up, each amortiser budget, each direct rung)
 * @param notes        what was skipped and why (time budget, a method that cannot handle the task)
 * @param passCost     how a training pass's cost changes beyond the largest budget ({@link PassCostProbe}; empty: it
 *                     does not, or was not timed)
 */
public record PilotData(String task, List<Integer> observations, String source, Measure measure, boolean scored,
                        String amortiser,
                        List<AmortiserPoint> points, List<DirectPilot> direct, double wallSeconds,
                        double cpuSeconds, double capSeconds, int c2stFolds, List<Piece> pieces, List<String> notes,
                        List<PassCostStep> passCost) {
    public PilotData {
        passCost = passCost == null ? List.of() : List.copyOf(passCost);
    }

    /** A pilot whose passes cost the same at every budget. */
    public PilotData(String task, List<Integer> observations, String source, Measure measure, boolean scored,
                     String amortiser, List<AmortiserPoint> points, List<DirectPilot> direct, double wallSeconds,
                     double cpuSeconds, double capSeconds, int c2stFolds, List<Piece> pieces, List<String> notes) {
        this(task, observations, source, measure, scored, amortiser, points, direct, wallSeconds, cpuSeconds,
                capSeconds, c2stFolds, pieces, notes, List.of());
    }

    /**
     * From {@code fromSimulations} on, the amortiser trains with other minibatches than at the pilot's largest budget,
     * and a training pass costs {@code wallRatio} (in wall seconds) and {@code cpuRatio} (in CPU seconds) times as
     * much.
     *
     * @param minibatches each candidate's minibatch rows there
     */
    public record PassCostStep(int fromSimulations, List<Integer> minibatches, double wallRatio, double cpuRatio) {
    }

    /** The steps as {@link FixedCostCurve}'s ratios, of wall or of CPU seconds. */
    List<FixedCostCurve.PassRatio> passRatios(boolean cpu) {
        return passCost.stream()
                .map(s -> new FixedCostCurve.PassRatio(s.fromSimulations(), cpu ? s.cpuRatio() : s.wallRatio()))
                .toList();
    }

    /** Whether the pilot measured accuracy: a coverage-error pilot always does, a C2ST pilot where it had references. */
    public boolean accuracyMeasured() {
        return measure == Measure.COVERAGE_ERROR || scored;
    }

    /**
     * One piece of the pilot and its whole cost: training or queries, their warm-ups and their scoring.
     *
     * @param name  "warm-up", "AMORTISER@n" or "METHOD@budget"
     * @param c2sts how many C2STs it ran
     */
    public record Piece(String name, double wallSeconds, double cpuSeconds, int c2sts) {
    }

    /**
     * The amortiser trained once on {@code simulations} simulations.
     *
     * @param fixedSeconds F: wall seconds of simulation, training and validation
     * @param fixedCpuSeconds F in process CPU seconds: unlike wall time, barely moved by other jobs on the machine
     * @param c2st         per observation (NaN when unscored)
     * @param querySeconds per observation, wall seconds of one query
     * @param trainingPasses forward passes its training ran, every candidate and epoch (0: not counted)
     * @param hpdLevels    per held-out simulation, the HPD level of its truth ({@link CoverageError}); empty in a C2ST
     *                     pilot
     * @param contraction  mean posterior contraction over the held-out simulations and parameters (1 − posterior
     *                     variance / prior variance; 0: no better than the prior); NaN in a C2ST pilot
     * @param truthLogDensities per held-out simulation, log q(θ* | x*) (the log score; NaN without a density); empty
     *                     in a C2ST pilot
     * @param trainingSeconds    the part of F spent training, wall seconds (NaN: not recorded)
     * @param trainingCpuSeconds the same in process CPU seconds
     */
    public record AmortiserPoint(int simulations, double fixedSeconds, double fixedCpuSeconds, double[] c2st,
                                 double[] querySeconds, long trainingPasses, double[] hpdLevels, double contraction,
                                 double[] truthLogDensities, double trainingSeconds, double trainingCpuSeconds) {
        /** A point without its training's share of F. */
        public AmortiserPoint(int simulations, double fixedSeconds, double fixedCpuSeconds, double[] c2st,
                              double[] querySeconds, long trainingPasses, double[] hpdLevels, double contraction,
                              double[] truthLogDensities) {
            this(simulations, fixedSeconds, fixedCpuSeconds, c2st, querySeconds, trainingPasses, hpdLevels,
                    contraction, truthLogDensities, Double.NaN, Double.NaN);
        }

        /** A point of a C2ST pilot. */
        public AmortiserPoint(int simulations, double fixedSeconds, double fixedCpuSeconds, double[] c2st,
                              double[] querySeconds, long trainingPasses) {
            this(simulations, fixedSeconds, fixedCpuSeconds, c2st, querySeconds, trainingPasses, new double[0],
                    Double.NaN, new double[0]);
        }
    }

    /** One direct method at its pilot rungs. */
    public record DirectPilot(String method, String unit, List<Rung> rungs) {
    }

    /**
     * One rung: per observation, C2ST (NaN unscored), wall seconds of one query, and whether the answer's own
     * diagnostics certify it ({@link Certification}).
     */
    public record Rung(long budget, double[] c2st, double[] querySeconds, boolean[] certified) {
        /** A rung of a C2ST pilot, certification not read. */
        public Rung(long budget, double[] c2st, double[] querySeconds) {
            this(budget, c2st, querySeconds, new boolean[c2st.length]);
        }
    }
}
