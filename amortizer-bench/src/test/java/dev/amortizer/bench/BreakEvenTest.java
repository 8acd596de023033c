package dev.amortizer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.cost.Cost;
import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BreakEvenTest {
    private static CostAtAccuracy reached(double c) {
        return new CostAtAccuracy(c, CostAtAccuracy.Status.REACHED);
    }

    @Test
    void nStarIsTheCeilingOfFixedCostOverTheGap() {
        assertThat(BreakEven.of(10, reached(0.375), 0.125)).isEqualTo(new BreakEven(40, BreakEven.Status.FINITE));
        assertThat(BreakEven.of(10.01, reached(0.375), 0.125).queries()).isEqualTo(41);
        assertThat(BreakEven.of(10, reached(0.125), 0.125).status()).isEqualTo(BreakEven.Status.NEVER);
        assertThat(BreakEven.of(10, reached(0.0625), 0.125).label()).isEqualTo("never");
    }

    @Test
    void boundsOnTheDirectCostBecomeBoundsOnNStar() {
        var unreached = new CostAtAccuracy(0.375, CostAtAccuracy.Status.AT_LEAST);
        assertThat(BreakEven.of(10, unreached, 0.125).label()).isEqualTo("≤ 40");
        var tooGood = new CostAtAccuracy(0.375, CostAtAccuracy.Status.AT_MOST);
        assertThat(BreakEven.of(10, tooGood, 0.125).label()).isEqualTo("≥ 40");
        assertThat(BreakEven.of(10, new CostAtAccuracy(0.05, CostAtAccuracy.Status.AT_LEAST), 0.1).status())
                .isEqualTo(BreakEven.Status.UNDETERMINED);
        assertThatThrownBy(() -> BreakEven.of(-1, unreached, 0.1)).hasMessageContaining("F = -1");
    }

    @Test
    void costAtAccuracyInterpolatesInLogCost() {
        List<ProfilePoint> profile = List.of(new ProfilePoint(100, 0.9, 0.01), new ProfilePoint(1000, 0.7, 0.1),
                new ProfilePoint(10000, 0.5, 1.0));
        CostAtAccuracy c = CostAtAccuracy.read(profile, 0.6);
        assertThat(c.status()).isEqualTo(CostAtAccuracy.Status.REACHED);
        assertThat(c.wallSeconds()).isCloseTo(Math.sqrt(0.1 * 1.0), within(1e-12));
        assertThat(CostAtAccuracy.read(profile, 0.95).status()).isEqualTo(CostAtAccuracy.Status.AT_MOST);
        CostAtAccuracy never = CostAtAccuracy.read(profile, 0.4);
        assertThat(never.status()).isEqualTo(CostAtAccuracy.Status.AT_LEAST);
        assertThat(never.wallSeconds()).isEqualTo(1.0);
    }

    @Test
    void analysisUsesMedianCostsMeanAccuracyAndBootstraps() {
        List<QueryMeasurement> amortised = new ArrayList<>();
        List<QueryMeasurement> cheap = new ArrayList<>();
        List<QueryMeasurement> dear = new ArrayList<>();
        for (int k = 1; k <= 10; k++) {
            amortised.add(new QueryMeasurement(k, 0.6, wall(0.001 * k)));
            cheap.add(new QueryMeasurement(k, 0.8, wall(0.01)));
            dear.add(new QueryMeasurement(k, 0.55, wall(0.1 + 0.001 * k)));
        }
        BreakEvenAnalysis a = new BreakEvenAnalysis(20, amortised, 500);
        assertThat(a.amortisedPerQuery()).isCloseTo(0.0055, within(1e-12));
        DirectVerdict v = a.compare("mcmc", "likelihood evaluations", Map.of(1000L, cheap, 100_000L, dear), 100_000L,
                Rng.seeded(1));
        double cD = Math.exp(Math.log(0.01) + (0.8 - 0.6) / (0.8 - 0.55) * (Math.log(0.1055) - Math.log(0.01)));
        assertThat(v.matchedCost().wallSeconds()).isCloseTo(cD, within(1e-12));
        double cA = a.amortisedPerQuery();
        assertThat(v.matched().queries()).isEqualTo((long) Math.ceil(20 / (v.matchedCost().wallSeconds() - cA)));
        assertThat(v.atDefault().queries()).isEqualTo((long) Math.ceil(20 / (v.defaultPoint().medianWallSeconds() - cA)));
        assertThat(v.defaultPoint().medianWallSeconds()).isCloseTo(0.1055, within(1e-12));
        assertThat(v.matchedInterval()[0]).isLessThanOrEqualTo(v.matched().queries());
        assertThat(v.matchedInterval()[1]).isGreaterThanOrEqualTo(v.matched().queries());
        assertThat(v.atDefaultInterval()[0]).isLessThanOrEqualTo(v.atDefault().queries());
        assertThat(v.atDefaultInterval()[1]).isGreaterThanOrEqualTo(v.atDefault().queries());
    }

    private static Cost wall(double s) {
        return new Cost(s, s, 0, 0, 0, 0, 0);
    }
}
