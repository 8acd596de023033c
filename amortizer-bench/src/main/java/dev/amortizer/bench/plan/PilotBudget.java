package dev.amortizer.bench.plan;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.Stopwatch;
import java.util.ArrayList;
import java.util.List;

/**
 * The pilot's wall-time cap, kept as a soft limit: a piece starts only when its predicted cost fits in what is left,
 * so the pilot stops near the cap rather than far after it; the warm-up, the amortiser's two smallest budgets and
 * each direct method's first rung always run (nothing is known of their cost before). Predictions come from what the pilot has measured so far:
 * the seconds of one C2ST (the pilot's largest expense), the amortiser's fixed cost line, a direct rung's query
 * seconds scaled by the next rung's budget. Every piece's wall and CPU seconds are kept for the plan.
 */
final class PilotBudget {
    private final double capSeconds;
    private final Stopwatch watch = Stopwatch.start();
    private final List<PilotData.Piece> pieces = new ArrayList<>();
    private double scoringSeconds;
    private int scored;

    PilotBudget(double capSeconds) {
        this.capSeconds = capSeconds;
    }

    /** Wall seconds left under the cap. */
    double left() {
        return capSeconds - watch.elapsed().wallSeconds();
    }

    /** Whether a piece predicted to take {@code seconds} fits in what is left. */
    boolean fits(double seconds) {
        return seconds <= left();
    }

    /** Predicted wall seconds of scoring {@code count} answers; 0 before the first was scored (nothing to go by). */
    double scoring(int count) {
        return scored == 0 ? 0 : count * scoringSeconds / scored;
    }

    /**
     * Records a finished piece: its whole cost, the wall seconds of the work it measured (training, queries) and how
     * many C2STs it ran; what is left of its wall time is taken as scoring, for the next predictions.
     */
    void record(String name, Stopwatch piece, double measuredWork, int c2sts) {
        Cost c = piece.elapsed();
        pieces.add(new PilotData.Piece(name, c.wallSeconds(), c.cpuSeconds(), c2sts));
        if (c2sts > 0) {
            scoringSeconds += Math.max(c.wallSeconds() - measuredWork, 0);
            scored += c2sts;
        }
    }

    double capSeconds() {
        return capSeconds;
    }

    Cost spent() {
        return watch.elapsed();
    }

    List<PilotData.Piece> pieces() {
        return List.copyOf(pieces);
    }
}
