package dev.amortizer.bench;

import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.C2st;

/** Scores an answer by C2ST against its query's reference, with the run's seed; never timed, never charged. */
record QueryScorer(long seed) {
    double score(QuerySet.Query q, Samples draws) {
        return C2st.score(q.reference(), draws, seed);
    }
}
