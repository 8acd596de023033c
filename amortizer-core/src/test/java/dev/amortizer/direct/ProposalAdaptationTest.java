package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class ProposalAdaptationTest {
    private static final double[][] INITIAL = {{4, 0}, {0, 9}};
    private static final double HAARIO = 2.38 * 2.38 / 2;

    @Test
    void startsFromASmallMultipleOfTheInitialCovariance() {
        ProposalAdaptation adaptation = new ProposalAdaptation(3, INITIAL);

        double[][] proposal = adaptation.proposal().covariance();

        assertThat(adaptation.scale()).isCloseTo(0.01, within(1e-12));
        assertThat(proposal[0][0]).isCloseTo(0.01 * HAARIO * 4, within(1e-12));
        assertThat(proposal[1][1]).isCloseTo(0.01 * HAARIO * 9, within(1e-12));
    }

    @Test
    void theScaleGrowsWhenTooManyProposalsAreAcceptedAndShrinksWhenTooFew() {
        ProposalAdaptation adaptation = new ProposalAdaptation(1, INITIAL);
        for (int r = 0; r < 25; r++) {
            adaptation.endRound(1.0);
        }
        double grown = adaptation.scale();
        for (int r = 0; r < 200; r++) {
            adaptation.endRound(0.0);
        }

        assertThat(grown).isGreaterThan(1);
        assertThat(adaptation.scale()).isLessThan(grown / 10);
    }

    @Test
    void poolsWithinChainCovariancesSoDistantChainsDoNotInflateIt() {
        ProposalAdaptation adaptation = new ProposalAdaptation(2, INITIAL);
        Rng rng = Rng.seeded(1);
        for (int t = 0; t < 5_000; t++) {
            adaptation.observe(0, new double[] {10 + rng.nextGaussian(), rng.nextGaussian(0, 0.5)});
            adaptation.observe(1, new double[] {-10 + rng.nextGaussian(), rng.nextGaussian(0, 0.5)});
        }

        double[][] proposal = adaptation.proposal().covariance();

        // λ = 0.01: the pooled within-chain covariance is diag(1, 0.25), not the 100 + 1 of all points together
        assertThat(proposal[0][0] / (0.01 * HAARIO)).isCloseTo(1, within(0.05));
        assertThat(proposal[1][1] / (0.01 * HAARIO)).isCloseTo(0.25, within(0.02));
        assertThat(proposal[0][1] / (0.01 * HAARIO)).isCloseTo(0, within(0.02));
    }
}
