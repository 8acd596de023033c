package dev.amortizer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.estimator.SupportHandling;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.DefaultNpe;
import dev.amortizer.npe.Npe;
import dev.amortizer.task.RowsLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmortiserCatalogTest {
    @Test
    void namesEveryNpeEstimatorAndBuildsEach() {
        assertThat(AmortiserCatalog.names()).contains("npe", "npe-mdn", "npe-maf", "npe-nsf", "npe-coupling",
                "npe-maf-deepsets", "npe-maf-conv", "nle-maf", "nre-b", "point");
        for (String name : AmortiserCatalog.names()) {
            assertThat(AmortiserCatalog.byName(name).name()).isEqualTo(name);
        }
    }

    @Test
    void theDefaultFitsTheMdnUpToThreeParametersAndFlowsAboveWithOneEnsembleTruncatedOnlyForBoundedPriors() {
        assertThat(DefaultNpe.defaultCandidates(TaskCatalog.byName("two_moons"))).containsExactly(NpeConfig.defaults());
        assertThat(DefaultNpe.defaultCandidates(TaskCatalog.byName("gaussian_linear"))).containsExactly(
                NpeConfig.defaults(Estimator.NSF), DefaultNpe.couplingEnsemble(), DefaultNpe.shiftedCoupling());
        assertThat(DefaultNpe.defaultCandidates(TaskCatalog.byName("gaussian_linear_uniform"))).containsExactly(
                NpeConfig.defaults(Estimator.NSF), NpeConfig.defaults(Estimator.COUPLING),
                DefaultNpe.truncatedSpline(), DefaultNpe.shiftedCoupling());
        assertThat(DefaultNpe.truncatedSpline().support()).isEqualTo(SupportHandling.TRUNCATION);
        assertThat(DefaultNpe.truncatedSpline().label()).isEqualTo("nsf-truncation-x5");
        assertThat(DefaultNpe.shiftedCoupling().label()).isEqualTo("coupling-shift");
        assertThat(DefaultNpe.couplingEnsemble().label()).isEqualTo("coupling-x5");
    }

    @Test
    void whereTheTaskDeclaresExchangeableRowsEveryFlowCandidateIsWiderAndReadsTheirMoments() {
        var slcp = TaskCatalog.byName("slcp");
        List<NpeConfig> candidates = DefaultNpe.defaultCandidates(slcp);
        assertThat(candidates).extracting(NpeConfig::label)
                .containsExactly("nsf", "coupling", "nsf-truncation-x5", "coupling-shift");
        assertThat(candidates).allSatisfy(c -> assertThat(c.flow().hiddenWidths())
                .containsExactly(DefaultNpe.ROWS_FLOW_WIDTH, DefaultNpe.ROWS_FLOW_WIDTH));
        assertThat(new DefaultNpe().trainers(slcp)).allMatch(Npe::readsRowMoments);
        // the selection across families adds FMPE alone: its spline flows are the default's, as wide
        assertThat(DefaultNpe.acrossFamilyCandidates(slcp)).extracting(NpeConfig::label)
                .containsExactly("nsf", "coupling", "nsf-truncation-x5", "coupling-shift", "fmpe-truncation");
        // declared as given, slcp's x is a plain vector: the flows' own width
        assertThat(DefaultNpe.defaultCandidates(RowsLayout.declaredOn(slcp, 0)))
                .allSatisfy(c -> assertThat(c.flow().hiddenWidths()).containsExactly(50, 50));
    }

    @Test
    void benchsNpeIsTheLibrarysDefaultWhoseCandidatesTrainUsesToo() {
        var gaussianLinear = TaskCatalog.byName("gaussian_linear");
        assertThat(AmortiserCatalog.byName("npe")).isInstanceOf(DefaultNpe.class);
        assertThat(((DefaultNpe) AmortiserCatalog.byName("npe")).candidates(gaussianLinear))
                .isEqualTo(new DefaultNpe().candidates(gaussianLinear))
                .isEqualTo(DefaultNpe.defaultCandidates(gaussianLinear));
        // the command line's tuning maps each candidate and fits candidates it makes equal once
        assertThat(new DefaultNpe().tuned(c -> c.withSupport(SupportHandling.TRUNCATION)).candidates(gaussianLinear))
                .hasSize(3).allMatch(c -> c.support() == SupportHandling.TRUNCATION);
        assertThat(new DefaultNpe().trainers(gaussianLinear)).extracting(Npe::config)
                .isEqualTo(DefaultNpe.defaultCandidates(gaussianLinear));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> AmortiserCatalog.byName("npe-gru"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("npe-gru").hasMessageContaining("npe-mdn");
    }
}
