package dev.amortizer.bench;

import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.C2st;

/**
 * Scores an answer by C2ST against its query's reference, with the run's seed; never timed, never charged. A query
 * without a reference (an unscored set) scores NaN: there is nothing to compare with.
 */
public record QueryScorer(long seed) {
    public double score(QuerySet.Query q, Samples draws) {
        return q.reference() == null ? Double.NaN : C2st.score(q.reference(), draws, seed);
    }
}
