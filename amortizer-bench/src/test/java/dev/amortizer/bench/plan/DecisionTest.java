package dev.amortizer.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A constructed case with a known answer: the amortiser reaches C2ST 0.6 at 10⁴ simulations (F = 0.01 s per
 * simulation = 100 s, c_A = 1 ms); the direct method reaches it at 0.1 s per query. So the choice flips at
 * Q× = ⌈100 / (0.1 − 0.001)⌉ = 1,011.
 */
class DecisionTest {
    private static Curves curves(PowerLaw direct) {
        Map<String, Curves.DirectCurve> methods = new LinkedHashMap<>();
        double[] costs = {0.01, 0.03, 0.05}; // 1e-5 s per evaluation
        double[] c2st = java.util.Arrays.stream(costs).map(direct::at).toArray();
        methods.put("mcmc", new Curves.DirectCurve(direct, new LogLine(Math.log(1e-5), 1), "likelihood_evaluations",
                new long[] {1_000, 3_000, 5_000}, costs, c2st, Double.NaN, 0));
        return new Curves(new PowerLaw(10, 0.5, 0), line(0.01), line(0.01),
                new LogLine(Math.log(0.001), 0), methods, 100, 2_000);
    }

    @Test
    void theChoiceFlipsAtTheKnownVolume() {
        Decision d = Decision.at(curves(new PowerLaw(0.01, 1, 0)), 0.6);
        assertThat(d.simulations()).isCloseTo(10_000, within(1.0));
        assertThat(d.fixedSeconds()).isCloseTo(100, within(0.02));
        assertThat(d.directCost().get("mcmc")).isCloseTo(0.1, within(1e-9));
        assertThat(d.crossover()).isEqualTo(1_011);
        assertThat(d.winner(10)).isEqualTo("mcmc");
        assertThat(d.winner(1_010)).isEqualTo("mcmc");
        assertThat(d.winner(1_012)).isEqualTo(Decision.AMORTISE);
        assertThat(d.winner(100_000)).isEqualTo(Decision.AMORTISE);
    }

    @Test
    void aDirectMethodThatCannotReachTheTargetLeavesOnlyAmortising() {
        Decision d = Decision.at(curves(new PowerLaw(0.01, 1, 0.2)), 0.6);
        assertThat(d.directCost().get("mcmc")).isInfinite();
        assertThat(d.cheapestDirect()).isNull();
        assertThat(d.winner(1)).isEqualTo(Decision.AMORTISE);
    }

    @Test
    void aDirectMethodIsNeverPricedBelowItsCheapestRung() {
        // C2ST = 0.5 + 0.001 / cost: the cheapest rung (0.01 s) already scores 0.6; the curve says 0.6 at 0.001 s
        Decision d = Decision.at(curves(new PowerLaw(0.001, 1, 0)), 0.6);
        assertThat(d.directCost().get("mcmc")).isCloseTo(0.01, within(1e-12));
    }

    @Test
    void aTargetBeyondTheExtrapolationCapIsUnreachableForBoth() {
        Decision d = Decision.at(curves(new PowerLaw(0.01, 1, 0)), 0.501);
        assertThat(d.simulations()).as("10⁸ simulations > 100 × the pilot's 2,000").isInfinite();
        assertThat(d.directCost().get("mcmc")).as("10 s > 100 × the pilot's 0.05 s").isInfinite();
        assertThat(d.winner(100)).isEqualTo(Decision.NONE);
    }

    @Test
    void aCostWhoseBudgetLiesBeyondTheCapIsUnreachable() {
        // the cost line hardly rises (0.01 s at 1,000): 0.1 s per query needs a budget of 10¹⁰³, nothing a pilot measured
        Map<String, Curves.DirectCurve> methods = new LinkedHashMap<>();
        methods.put("rejection-abc", new Curves.DirectCurve(new PowerLaw(0.01, 1, 0),
                new LogLine(Math.log(0.01) - 0.01 * Math.log(1_000), 0.01), "simulations", new long[] {1_000, 10_000},
                new double[] {0.01, 0.0102}, new double[] {1.5, 1.48}, Double.NaN, 0));
        Curves c = new Curves(new PowerLaw(10, 0.5, 0), line(0.01), line(0.01),
                new LogLine(Math.log(0.001), 0), methods, 100, 2_000);
        assertThat(Decision.at(c, 0.6).directCost().get("rejection-abc")).isInfinite();
        assertThat(Decision.at(curves(new PowerLaw(0.01, 1, 0)), 0.6).directCost().get("mcmc"))
                .as("the same cost on a line that rises with the budget").isCloseTo(0.1, within(1e-9));
    }

    @Test
    void aRungThatReachedTheTargetBoundsTheCostWhereNoCurveFits() {
        // gaussian_linear's NUTS: before its warm-up completed a rung was dearer and far worse (0.93 at 160 ms) than
        // the next (0.505 at 131 ms); the flat fit (0.547) never reaches 0.53, the measured rung did
        Map<String, Curves.DirectCurve> methods = new LinkedHashMap<>();
        methods.put("nuts", new Curves.DirectCurve(new PowerLaw(0.047, 0, 0),
                LogLine.fit(new double[] {30_000, 120_000}, new double[] {0.160, 0.131}), "likelihood_evaluations",
                new long[] {30_000, 120_000}, new double[] {0.160, 0.131}, new double[] {0.93, 0.505},
                Double.NaN, 0));
        Curves c = new Curves(new PowerLaw(10, 0.5, 0), line(0.01), line(0.01),
                new LogLine(Math.log(0.001), 0), methods, 100, 2_000);
        Decision d = Decision.at(c, 0.53);
        assertThat(d.directCost().get("nuts")).isEqualTo(0.131);
        assertThat(Planner.budgetFor(c.direct().get("nuts"), 0.131)).isEqualTo(120_000);
        assertThat(Decision.at(c, 0.5).directCost().get("nuts")).as("no rung reached 0.5").isInfinite();
    }

    @Test
    void theAnytimeRuleStopsWhereTheNextRungGainsTooLittlePerSecond() {
        Curves.DirectCurve c = curves(new PowerLaw(0.01, 1, 0)).direct().get("mcmc");
        // budget b costs 1e-5·b s; C2ST = 0.5 + 0.01 / cost = 0.5 + 1000 / b: the gain per second falls with b
        AnytimeStop lenient = AnytimeStop.of("mcmc", c, 0.5, 0.01);
        AnytimeStop strict = AnytimeStop.of("mcmc", c, 0.5, 100);
        assertThat(strict.budget()).isLessThan(lenient.budget());
        assertThat(strict.reason()).contains("below 100");
        AnytimeStop reached = AnytimeStop.of("mcmc", c, 0.9, 10);
        assertThat(reached.budget()).isEqualTo(3_000);
        assertThat(reached.reason()).contains("reached");
    }

    /** F = seconds·n: no overhead, no growth. */
    private static FixedCostCurve line(double seconds) {
        return new FixedCostCurve(new FixedCostLine(0, seconds), 2_000, 0);
    }
}
