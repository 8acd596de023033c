package dev.amortizer.training;

import java.util.List;
import java.util.Objects;

/**
 * How one model was chosen among candidates fitted on the same pairs: every candidate's score by {@code criterion}
 * (lower is better) on {@code heldOutPairs} pairs none of them trained on, and the label of the one kept.
 *
 * @param criterion    what was scored, in words (e.g. "mean −log q(θ | x) on held-out pairs, θ's units")
 * @param heldOutPairs pairs scored
 * @param candidates   every candidate in the order fitted
 * @param chosen       the label of the kept candidate
 */
public record CandidateSelection(String criterion, int heldOutPairs, List<Score> candidates, String chosen) {
    /**
     * One candidate's result.
     *
     * @param label   the candidate's configuration label
     * @param value   its criterion value; null when it failed
     * @param failure why it failed to train or to score; null when it did not
     */
    public record Score(String label, Double value, String failure) {
        public Score {
            Objects.requireNonNull(label, "label");
            if ((value == null) == (failure == null)) {
                throw new IllegalArgumentException("a score has a value or a failure, not both or neither: " + label);
            }
        }

        /** A candidate scored {@code value}; a non-finite value is recorded as a failure to score. */
        public static Score of(String label, double value) {
            return Double.isFinite(value) ? new Score(label, value, null)
                    : new Score(label, null, "criterion " + value);
        }

        /** A candidate that failed for {@code why}. */
        public static Score failed(String label, String why) {
            return new Score(label, null, why == null || why.isBlank() ? "failed" : why);
        }
    }

    public CandidateSelection {
        candidates = List.copyOf(candidates);
        if (candidates.stream().noneMatch(s -> s.label().equals(chosen) && s.value() != null)) {
            throw new IllegalArgumentException("the chosen candidate " + chosen + " has no score among " + candidates);
        }
    }

    /**
     * The index of the lowest scored value; among equal values the earliest (the primary is listed first); failed
     * candidates are never chosen.
     *
     * @throws IllegalArgumentException when every candidate failed, naming why
     */
    public static int choose(List<Score> scores) {
        int best = -1;
        for (int i = 0; i < scores.size(); i++) {
            Double v = scores.get(i).value();
            if (v != null && (best < 0 || v < scores.get(best).value())) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("every candidate failed: " + scores);
        }
        return best;
    }

    /** One line: each candidate's value (or failure), the chosen one marked. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        for (Score c : candidates) {
            if (!s.isEmpty()) {
                s.append(", ");
            }
            s.append(c.label()).append(c.label().equals(chosen) ? " (kept) " : " ")
                    .append(c.value() == null ? "failed: " + c.failure()
                            : String.format(java.util.Locale.ROOT, "%.4f", c.value()));
        }
        return s.toString();
    }
}
