package dev.amortizer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadlineTest {
    private static DirectVerdict method(String name, double c2st, double cost, CostAtAccuracy.Status status,
                                        BreakEven n) {
        var point = new ProfilePoint(1000, c2st, cost);
        double[] interval = {n.queries(), n.queries()};
        return new DirectVerdict(name, "unit", List.of(point), 0.55, new CostAtAccuracy(cost, status), n, interval,
                1000, point, n, interval);
    }

    @Test
    void namesTheMostAccurateMethodWhenNoneReachedTheTarget() {
        var abc = method("rejection-abc", 0.9, 0.010, CostAtAccuracy.Status.AT_LEAST,
                new BreakEven(3750, BreakEven.Status.AT_MOST));
        var mcmc = method("mcmc", 0.6, 0.017, CostAtAccuracy.Status.AT_LEAST,
                new BreakEven(2000, BreakEven.Status.AT_MOST));
        assertThat(Headline.of("npe-mdn@10k", 30, 0.002, List.of(abc, mcmc)))
                .startsWith("npe-mdn@10k pays off after at most N* = 2000 queries")
                .contains("against mcmc, which never reached").contains("c_D ≥ 17.00 ms");
    }

    @Test
    void prefersAMethodThatReachedTheTargetAndTheCheapestOfThose() {
        var slow = method("slow", 0.5, 0.5, CostAtAccuracy.Status.REACHED, new BreakEven(61, BreakEven.Status.FINITE));
        var fast = method("fast", 0.5, 0.1, CostAtAccuracy.Status.REACHED, new BreakEven(306, BreakEven.Status.FINITE));
        var never = method("weak", 0.9, 0.001, CostAtAccuracy.Status.AT_LEAST,
                new BreakEven(0, BreakEven.Status.UNDETERMINED));
        assertThat(Headline.of("npe-mdn@10k", 30, 0.002, List.of(slow, never, fast)))
                .startsWith("npe-mdn@10k pays off after N* = 306 queries (95% interval 306–306) against fast");
    }

    @Test
    void saysNeverAndNothingToCompareInWords() {
        var cheap = method("mcmc", 0.5, 0.001, CostAtAccuracy.Status.REACHED, new BreakEven(0, BreakEven.Status.NEVER));
        assertThat(Headline.of("npe-mdn@1k", 30, 0.002, List.of(cheap))).startsWith("npe-mdn@1k never pays off against mcmc");
        assertThat(Headline.of("npe-mdn@1k", 30, 0.002, List.of())).contains("no direct method ran");
    }

    @Test
    void withoutScoresItComparesDefaultBudgetsAgainstTheCheapestAndLabelsIt() {
        ProfilePoint slowPoint = new ProfilePoint(3000, Double.NaN, 0.004);
        ProfilePoint cheapPoint = new ProfilePoint(1000, Double.NaN, 0.0015);
        var slow = new DirectVerdict("smc-abc", "simulator_calls", List.of(slowPoint), Double.NaN, null, null, null,
                3000, slowPoint, new BreakEven(15_000, BreakEven.Status.FINITE), new double[] {9000, 30_000});
        var cheap = new DirectVerdict("rejection-abc", "simulator_calls", List.of(cheapPoint), Double.NaN, null, null,
                null, 1000, cheapPoint, new BreakEven(0, BreakEven.Status.NEVER), new double[] {1e300, 1.0 / 0});
        String why = "the task has no likelihood and no reference";
        assertThat(Headline.unmatched("npe@1k", 30, 0.002, List.of(slow, cheap), why))
                .startsWith("npe@1k never pays off against rejection-abc (F = 30.0 s, c_A = 2.00 ms, c_D = 1.50 ms "
                        + "at 1,000 simulator calls)")
                .contains(Headline.atDefaultOnly(why)).contains("not scored");
        assertThat(Headline.unmatched("npe@1k", 30, 0.002, List.of(slow), why))
                .startsWith("npe@1k pays off after N* = 15000 queries (95% interval 9000–30000) against smc-abc");
        assertThat(cheap.matchedLabel()).isEqualTo("not matched");
        assertThat(cheap.reachedTarget()).isFalse();
    }
}
