package dev.amortizer.bench.plan;

import dev.amortizer.direct.AnswerWarnings;
import java.util.Map;

/**
 * Whether a direct method's answer vouches for itself without a reference: it ran chains (R̂ and ESS are among its
 * diagnostics) and {@link AnswerWarnings} finds nothing wrong (warm-up finished, R̂ ≤ 1.01 within modes, bulk and
 * tail ESS ≥ 400, no divergences with a finite energy error, modes weighed by mass). Such an answer is the exact
 * posterior up to Monte Carlo error, which no calibration target asks more of. Methods without chains (ABC) have no
 * such check and are never certified.
 */
public final class Certification {
    private Certification() {
    }

    /** Whether an answer with these diagnostics is certified. */
    public static boolean certified(Map<String, Double> diagnostics) {
        Double rhat = diagnostics.get("rhat");
        return rhat != null && Double.isFinite(rhat) && AnswerWarnings.warnings(diagnostics).isEmpty();
    }

    /** Whether every answer picked by {@code rows} is certified. */
    static boolean all(boolean[] certified, int[] rows) {
        for (int r : rows) {
            if (!certified[r]) {
                return false;
            }
        }
        return true;
    }
}
