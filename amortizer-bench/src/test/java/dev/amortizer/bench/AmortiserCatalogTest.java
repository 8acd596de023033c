package dev.amortizer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> AmortiserCatalog.byName("npe-gru"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("npe-gru").hasMessageContaining("npe-mdn");
    }
}
