package dev.amortizer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {
    private static final BenchReport.Amortiser NPE = new BenchReport.Amortiser("npe", "mdn", 10_000, 0, Map.of(),
            30.0, List.of(), 0.002, 0.55);

    private static BenchReport.DirectResult method(String name, double c2st, double cost, CostAtAccuracy.Status status,
                                                   BreakEven n) {
        var point = new ProfilePoint(1000, c2st, cost);
        var v = new DirectVerdict(name, "unit", List.of(point), 0.55, new CostAtAccuracy(cost, status), n,
                new double[] {n.queries(), n.queries()}, 1000, point, n);
        return new BenchReport.DirectResult(name, "unit", Map.of(), v);
    }

    @Test
    void headlineNamesTheMostAccurateMethodWhenNoneReachedTheTarget() {
        var abc = method("rejection-abc", 0.9, 0.010, CostAtAccuracy.Status.AT_LEAST,
                new BreakEven(3750, BreakEven.Status.AT_MOST));
        var mcmc = method("mcmc", 0.6, 0.017, CostAtAccuracy.Status.AT_LEAST,
                new BreakEven(2000, BreakEven.Status.AT_MOST));
        assertThat(BenchReport.verdict(NPE, List.of(abc, mcmc)))
                .startsWith("NPE pays off after at most 2000 queries").contains("against mcmc, which never reached");
    }

    @Test
    void headlinePrefersAMethodThatReachedTheTargetAndTheCheapestOfThose() {
        var slow = method("slow", 0.5, 0.5, CostAtAccuracy.Status.REACHED, new BreakEven(61, BreakEven.Status.FINITE));
        var fast = method("fast", 0.5, 0.1, CostAtAccuracy.Status.REACHED, new BreakEven(306, BreakEven.Status.FINITE));
        var never = method("weak", 0.9, 0.001, CostAtAccuracy.Status.AT_LEAST,
                new BreakEven(0, BreakEven.Status.UNDETERMINED));
        assertThat(BenchReport.verdict(NPE, List.of(slow, never, fast))).startsWith("NPE pays off after N* = 306 queries")
                .contains("against fast");
    }
}
