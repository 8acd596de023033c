package dev.amortizer.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.data.Samples;
import dev.amortizer.direct.AnswerWarnings;
import dev.amortizer.direct.AnytimeAnswer;
import dev.amortizer.direct.MultiChainSampler;
import dev.amortizer.direct.RandomWalkMetropolis;
import dev.amortizer.random.Rng;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MCMC samplers on two_moons, whose posterior is two crescents, mirror images across θ₁ + θ₂ = 0 with equal mass,
 * each ending in a hard edge (the likelihood is zero past the crescent's tips): a good answer puts half its draws on
 * each side and raises no alarm; an unconverged one says so.
 */
class TwoMoonsDirectInferenceTest {
    private static final TwoMoons TASK = new TwoMoons();
    /** x simulated from θ = (0.3, 0.2): its mirror (−0.2, −0.3) lies inside the box too, so both crescents do. */
    private static final double[] X = TASK.simulator().simulate(new double[] {0.3, 0.2}, Rng.seeded(5));
    private static final MultiChainSampler.Config SMALL = MultiChainSampler.Config.defaults().withWarmup(300)
            .withStartDraws(2_000).withBalanceDraws(2_000);

    @Test
    void nutsCoversBothCrescentsAndRaisesNoFalseAlarm() {
        AnytimeAnswer answer = MultiChainSampler.nuts(SMALL).run(TASK, X, new long[] {150_000}, 4_000, Rng.seeded(1))
                .get(0);
        Map<String, Double> d = answer.diagnostics();
        assertThat(positiveSide(answer.samples())).isCloseTo(0.5, within(0.06));
        assertAgreesWithTheReference(answer.samples());
        assertThat(d.get("modes")).isEqualTo(2.0);
        assertThat(d.get("rhat_all_chains")).as("R-hat across the two crescents").isGreaterThan(1.1);
        assertThat(AnswerWarnings.warnings(d)).isEmpty();
        // the divergences Stan would count here are all at the crescents' hard tips, where the density drops to zero
        assertThat(d.get("divergences")).isPositive().isEqualTo(d.get("divergences_at_zero_density"));
        assertThat(AnswerWarnings.notes(d)).anySatisfy(n -> assertThat(n).contains("zero posterior density"));
        assertThat(answer.parameters()).hasSize(2);
    }

    @Test
    void aNutsRunStoppedInItsWarmupIsFlagged() {
        AnytimeAnswer answer = MultiChainSampler.nuts(SMALL).run(TASK, X, new long[] {5_000}, 4_000, Rng.seeded(1))
                .get(0);
        assertThat(answer.diagnostics().get("warmup_complete")).isZero();
        assertThat(AnswerWarnings.warnings(answer.diagnostics())).anySatisfy(w -> assertThat(w).contains("warm-up"));
    }

    @Test
    void chainsInBothCrescentsPooledWithoutWeightsAreFlagged() {
        AnytimeAnswer answer = MultiChainSampler.nuts(SMALL.withBalanceDraws(0).withChains(5))
                .run(TASK, X, new long[] {100_000}, 4_000, Rng.seeded(2)).get(0);
        assertThat(answer.diagnostics().get("modes")).isEqualTo(2.0);
        assertThat(AnswerWarnings.warnings(answer.diagnostics()))
                .anySatisfy(w -> assertThat(w).contains("without weighing"));
    }

    @Test
    void randomWalkMetropolisCoversBothCrescents() {
        AnytimeAnswer answer = RandomWalkMetropolis.of(RandomWalkMetropolis.Config.defaults())
                .run(TASK, X, new long[] {300_000}, 4_000, Rng.seeded(3)).get(0);
        Map<String, Double> d = answer.diagnostics();
        assertThat(positiveSide(answer.samples())).isCloseTo(0.5, within(0.06));
        assertAgreesWithTheReference(answer.samples());
        assertThat(d.get("modes")).isEqualTo(2.0);
        assertThat(d.get("mass_weighted")).isEqualTo(1.0);
        assertThat(d.get("rhat")).isLessThan(1.05);
        assertThat(d.get("ess_bulk")).isPositive();
        assertThat(answer.queryCost().likelihoodEvaluations()).isEqualTo(300_000L);
    }

    /** The share of draws with θ₁ + θ₂ > 0: the crescent on that side of the mirror axis. */
    private static double positiveSide(Samples samples) {
        double positive = 0;
        for (double[] row : samples.toArray()) {
            positive += row[0] + row[1] > 0 ? 1 : 0;
        }
        return positive / samples.size();
    }

    /** Each crescent's mean and spread along the axis agree with the exact reference's. */
    private static void assertAgreesWithTheReference(Samples samples) {
        Samples reference = TASK.referencePosterior().orElseThrow().sample(X, 20_000, Rng.seeded(9));
        double[] ours = sideMoments(samples);
        double[] exact = sideMoments(reference);
        for (int k = 0; k < ours.length; k++) {
            assertThat(ours[k]).as("moment " + k).isCloseTo(exact[k], within(0.03));
        }
    }

    /** Per side of the axis: the mean of θ₁ + θ₂, of θ₂ − θ₁ and the sd of θ₂ − θ₁. */
    private static double[] sideMoments(Samples samples) {
        double[] out = new double[6];
        for (int side = 0; side < 2; side++) {
            double n = 0;
            double sum = 0;
            double diff = 0;
            double squares = 0;
            for (double[] row : samples.toArray()) {
                if ((row[0] + row[1] > 0) == (side == 0)) {
                    n++;
                    sum += row[0] + row[1];
                    diff += row[1] - row[0];
                    squares += (row[1] - row[0]) * (row[1] - row[0]);
                }
            }
            out[3 * side] = sum / n;
            out[3 * side + 1] = diff / n;
            out[3 * side + 2] = Math.sqrt(squares / n - (diff / n) * (diff / n));
        }
        return out;
    }
}
