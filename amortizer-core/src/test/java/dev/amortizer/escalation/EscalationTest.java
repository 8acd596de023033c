package dev.amortizer.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.amortiser.AmortisedDensity;
import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class EscalationTest {
    private static final double SIGMA = 0.5;
    private static final double[] X = {0.8, -1.2};
    private static final int N = 4_000;
    private static final EscalationPolicy POLICY = EscalationPolicy.defaults().withMcmcEvaluations(100_000);

    private final GaussianToy task = new GaussianToy(2, SIGMA, true);

    @Test
    void anExactAmortisedPosteriorIsTrustedAtStepOne() {
        EscalatedAnswer a = new Escalation(POLICY, QueryGate.none()).answer(task, task.amortised(0, 1), X, N,
                Rng.seeded(1));
        assertThat(a.step()).isEqualTo(Step.AMORTISED);
        assertThat(a.stepCosts()).containsOnlyKeys(Step.AMORTISED);
        // equal weights: the probe's ESS is all its draws and k̂ is at most 0.5
        assertThat(a.ess()).isCloseTo(POLICY.probeDraws(), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(a.paretoK()).isLessThanOrEqualTo(0.5);
        assertThat(a.stepCosts().get(Step.AMORTISED).likelihoodEvaluations()).isEqualTo(POLICY.probeDraws());
        assertThat(a.draws().size()).isEqualTo(N);
        assertThat(task.momentError(a.draws(), X)).isLessThan(0.1);
        assertThat(a.diagnostics()).containsEntry("step", 1.0);
    }

    @Test
    void aSlightlyWrongPosteriorIsCorrectedByImportanceSampling() {
        AmortisedDensity wide = task.amortised(0.5, 1.5);
        assertThat(task.momentError(wide.sample(X, N, Rng.seeded(9)), X)).as("uncorrected").isGreaterThan(0.5);
        EscalatedAnswer a = new Escalation(POLICY, QueryGate.none()).answer(task, wide, X, N, Rng.seeded(2));
        assertThat(a.step()).isEqualTo(Step.IMPORTANCE);
        assertThat(a.stepCosts()).containsOnlyKeys(Step.AMORTISED, Step.IMPORTANCE);
        assertThat(a.paretoK()).isLessThanOrEqualTo(POLICY.maxParetoK());
        assertThat(a.ess()).isGreaterThanOrEqualTo(POLICY.minEss());
        // step 2 adds to the probe's draws rather than starting over
        assertThat(a.stepCosts().get(Step.IMPORTANCE).likelihoodEvaluations())
                .isEqualTo(POLICY.importanceDraws() - POLICY.probeDraws());
        assertThat(a.totalCost().likelihoodEvaluations()).isEqualTo(POLICY.importanceDraws());
        assertThat(a.reason()).contains("10000 importance draws");
        assertThat(task.momentError(a.draws(), X)).isLessThan(0.1);
    }

    @Test
    void aShiftedNarrowPosteriorEscalatesToMcmcAndRecovers() {
        // two posterior sds off and half as wide: importance weights have an infinite-variance tail
        AmortisedDensity bad = task.amortised(2, 0.5);
        assertThat(task.momentError(bad.sample(X, N, Rng.seeded(9)), X)).as("uncorrected").isGreaterThan(1.0);
        EscalationPolicy alwaysTry = POLICY.withMinPredictedEssShare(0);
        EscalatedAnswer a = new Escalation(alwaysTry, QueryGate.none()).answer(task, bad, X, N, Rng.seeded(3));
        assertThat(a.step()).isEqualTo(Step.MCMC);
        assertThat(a.stepCosts()).containsOnlyKeys(Step.AMORTISED, Step.IMPORTANCE, Step.MCMC);
        assertThat(a.paretoK() > POLICY.maxParetoK() || a.ess() < POLICY.minEss()).isTrue();
        assertThat(a.stepCosts().get(Step.MCMC).likelihoodEvaluations()).isBetween(90_000L, 101_000L);
        assertThat(a.totalCost().likelihoodEvaluations()).isEqualTo(a.stepCosts().values().stream()
                .mapToLong(c -> c.likelihoodEvaluations()).sum());
        assertThat(task.momentError(a.draws(), X)).isLessThan(0.12);
        assertThat(a.reason()).contains("slice sampling", "not trusted");
    }

    @Test
    void aProbeThatPredictsTooLittleEssSkipsImportanceSamplingAndStartsTheChainsFromItsDraws() {
        AmortisedDensity bad = task.amortised(2, 0.5);
        EscalatedAnswer a = new Escalation(POLICY, QueryGate.none()).answer(task, bad, X, N, Rng.seeded(3));
        double probeEss = a.diagnostics().get("probe_ess");
        assertThat(probeEss / POLICY.probeDraws() * POLICY.importanceDraws())
                .as("predicted ESS").isLessThan(POLICY.minPredictedEssShare() * POLICY.minEss());
        assertThat(a.step()).isEqualTo(Step.MCMC);
        assertThat(a.stepCosts()).containsOnlyKeys(Step.AMORTISED, Step.MCMC);
        assertThat(a.diagnostics()).doesNotContainKey("ess");
        // the weights reported are the probe's: the last ones computed
        assertThat(a.ess()).isEqualTo(probeEss);
        assertThat(a.totalCost().likelihoodEvaluations() - a.stepCosts().get(Step.MCMC).likelihoodEvaluations())
                .isEqualTo(POLICY.probeDraws());
        assertThat(task.momentError(a.draws(), X)).isLessThan(0.12);
        assertThat(a.reason()).contains("predicting an ESS of", "500 needed", "slice sampling");
    }

    @Test
    void aFlaggedObservationSkipsTheAmortisedAnswer() {
        EscalatedAnswer a = new Escalation(POLICY, x -> true).answer(task, task.amortised(0, 1), X, N, Rng.seeded(4));
        assertThat(a.step()).isEqualTo(Step.IMPORTANCE);
        assertThat(a.diagnostics()).doesNotContainKey("probe_ess");
        assertThat(a.reason()).contains("query gate flagged");
        // the probe was skipped: step 1 evaluated no likelihood
        assertThat(a.stepCosts().get(Step.AMORTISED).likelihoodEvaluations()).isZero();
    }

    @Test
    void withoutALikelihoodTheAmortisedAnswerStandsUnchecked() {
        GaussianToy simulatorOnly = new GaussianToy(2, SIGMA, false);
        EscalatedAnswer a = Escalation.withDefaults().answer(simulatorOnly, simulatorOnly.amortised(2, 0.5), X, 100,
                Rng.seeded(5));
        assertThat(a.step()).isEqualTo(Step.AMORTISED);
        assertThat(a.paretoK()).isNaN();
        assertThat(a.reason()).contains("no tractable likelihood");
    }

    @Test
    void sameSeedSameAnswer() {
        Escalation escalation = new Escalation(POLICY, QueryGate.none());
        AmortisedDensity bad = task.amortised(2, 0.5);
        EscalatedAnswer first = escalation.answer(task, bad, X, 500, Rng.seeded(6));
        EscalatedAnswer second = escalation.answer(task, bad, X, 500, Rng.seeded(6));
        assertThat(second.step()).isEqualTo(first.step());
        assertThat(second.draws().toArray()).isDeepEqualTo(first.draws().toArray());
    }
}
