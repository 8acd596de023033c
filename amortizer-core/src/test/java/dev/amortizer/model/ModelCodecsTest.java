package dev.amortizer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCodecsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ModelManifest manifest(String kind, String estimator, int version) {
        return new ModelManifest(ModelFile.FORMAT, version, kind, estimator, "t", List.of(), List.of(), 0, 0, null,
                null, 0, null, 0, 0, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void everyKindAndEstimatorHasExactlyOneCodec() {
        for (String[] k : new String[][] {{"npe", "mdn"}, {"npe", "maf"}, {"npe", "nsf"}, {"npe", "coupling"},
                {"npe", "fmpe"}, {"nle", "maf"}, {"nre", "b"}, {"point", "quantile"}}) {
            ModelManifest m = manifest(k[0], k[1], ModelFile.FORMAT_VERSION);
            assertThat(ModelCodecs.ALL.stream().filter(c -> c.reads(m))).as(k[0] + " " + k[1]).hasSize(1);
            assertThat(ModelCodecs.reading(m).kind()).isEqualTo(k[0]);
        }
    }

    @Test
    void aKindIsReadOnlyFromTheFormatThatIntroducedIt() {
        assertThat(ModelCodecs.reading(manifest("npe", "mdn", 1))).isSameAs(NpeCodec.MDN);
        assertThatThrownBy(() -> ModelCodecs.reading(manifest("npe", "nsf", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs format version 2");
        assertThatThrownBy(() -> ModelCodecs.reading(manifest("nre", "b", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs format version 3");
        assertThatThrownBy(() -> ModelCodecs.reading(manifest("gru", "mdn", 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind 'gru'")
                .hasMessageContaining("npe (estimators maf, nsf, coupling), nle, nre, point, npe (estimator fmpe)");
        assertThatThrownBy(() -> ModelCodecs.reading(manifest("npe", "fmpe", 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs format version 5");
    }

    @Test
    void theReaderFillsInWhatEarlierFormatsLeftImplicit() throws Exception {
        String old = "{\"config\": {\"flow\": {\"type\": \"NSF\"}}}";
        ObjectNode format1 = (ObjectNode) JSON.readTree(old);
        ManifestUpgrade.toCurrent(format1, 1);
        assertThat(format1.at("/config/estimator").asText()).isEqualTo("MDN");
        assertThat(format1.at("/config/support").asText()).isEqualTo("TRUNCATION");
        assertThat(format1.at("/config/flow/members").asInt()).isEqualTo(1);

        ObjectNode format4 = (ObjectNode) JSON.readTree(old);
        ManifestUpgrade.toCurrent(format4, 4);
        assertThat(format4.at("/config/estimator").isMissingNode()).isTrue();
        assertThat(format4.at("/config/flow/members").asInt()).isEqualTo(1);

        ObjectNode current = (ObjectNode) JSON.readTree(old);
        ManifestUpgrade.toCurrent(current, ModelFile.FORMAT_VERSION);
        assertThat(current).isEqualTo(JSON.readTree(old));
    }
}
