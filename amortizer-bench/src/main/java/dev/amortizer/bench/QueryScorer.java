package dev.amortizer.bench;

import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.diagnostics.C2stOptions;

/**
 * Scores an answer by C2ST against its query's reference, with the run's seed; never timed, never charged. A query
 * without a reference (an unscored set) scores NaN: there is nothing to compare with.
 *
 * @param options the C2ST's settings: sbibm's ({@link C2stOptions#defaults()}) unless a caller trades precision for
 *                time (the planner's pilot scores with fewer folds)
 */
public record QueryScorer(long seed, C2stOptions options) {
    /** sbibm's C2ST. */
    public QueryScorer(long seed) {
        this(seed, C2stOptions.defaults());
    }

    public double score(QuerySet.Query q, Samples draws) {
        return q.reference() == null ? Double.NaN : C2st.run(q.reference(), draws, seed, options).accuracy();
    }
}
