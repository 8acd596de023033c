package dev.amortizer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateSelectionTest {
    private static CandidateSelection.Score score(String label, double value) {
        return CandidateSelection.Score.of(label, value);
    }

    @Test
    void theLowestValueIsChosenTheEarliestAmongEqualsAndAFailureNever() {
        assertThat(CandidateSelection.choose(List.of(score("a", 1.0), score("b", -2.0), score("c", 0.5)))).isEqualTo(1);
        assertThat(CandidateSelection.choose(List.of(score("a", 0.5), score("b", 0.5)))).isEqualTo(0);
        assertThat(CandidateSelection.choose(List.of(score("a", 0.7), score("b", 0.5), score("c", 0.5))))
                .isEqualTo(1);
        assertThat(CandidateSelection.choose(List.of(score("a", Double.NaN),
                CandidateSelection.Score.failed("b", "diverged"), score("c", 3.0)))).isEqualTo(2);
        assertThat(CandidateSelection.choose(List.of(score("a", Double.NEGATIVE_INFINITY), score("b", 9.0))))
                .as("a non-finite score is a failure to score, however low").isEqualTo(1);
    }

    @Test
    void everyCandidateFailingIsRefusedNamingWhy() {
        assertThatThrownBy(() -> CandidateSelection.choose(List.of(CandidateSelection.Score.failed("a", "out of"
                + " memory"), score("b", Double.POSITIVE_INFINITY))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every candidate failed")
                .hasMessageContaining("out of memory").hasMessageContaining("criterion Infinity");
        assertThatThrownBy(() -> CandidateSelection.choose(List.of())).hasMessageContaining("every candidate failed");
    }

    /** For random score lists (some failed, many tied): the chosen value is the least, and nothing before it ties. */
    @Test
    void theChoiceIsTheFirstMinimumOfTheScoredCandidatesForRandomLists() {
        Rng rng = Rng.seeded(21);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + rng.nextInt(6);
            List<CandidateSelection.Score> scores = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                scores.add(rng.nextInt(4) == 0 ? CandidateSelection.Score.failed("c" + i, "failed")
                        : score("c" + i, rng.nextInt(3))); // few values: ties are common
            }
            if (scores.stream().allMatch(s -> s.value() == null)) {
                assertThatThrownBy(() -> CandidateSelection.choose(scores)).isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            int chosen = CandidateSelection.choose(scores);
            double best = scores.get(chosen).value();
            for (int i = 0; i < n; i++) {
                Double v = scores.get(i).value();
                if (v != null) {
                    assertThat(v).isGreaterThanOrEqualTo(best);
                    if (i < chosen) {
                        assertThat(v).isGreaterThan(best);
                    }
                }
            }
        }
    }

    @Test
    void aRecordMustKeepAScoredCandidateAndSaysWhichInItsSummary() {
        List<CandidateSelection.Score> scores = List.of(score("mdn", -3.5), CandidateSelection.Score.failed("fmpe",
                "diverged"), score("nsf", -3.25));
        CandidateSelection s = new CandidateSelection("criterion", 1000, scores, "mdn");
        assertThat(s.summary()).isEqualTo("mdn (kept) -3.5000, fmpe failed: diverged, nsf -3.2500");
        assertThatThrownBy(() -> new CandidateSelection("criterion", 1000, scores, "fmpe"))
                .hasMessageContaining("no score");
        assertThatThrownBy(() -> new CandidateSelection.Score("mdn", 1.0, "also failed"))
                .hasMessageContaining("not both");
    }
}
