package dev.amortizer.model;

import static dev.amortizer.model.ManifestParts.require;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.nn.ParameterBytes;
import dev.amortizer.point.PointPosterior;
import dev.amortizer.task.Task;

/** Point estimators (from format 3): the network's arrays and {@code pointConfig}. */
final class PointCodec extends SingleKindCodec<PointPosterior> {
    PointCodec() {
        super("point", PointPosterior.class, false);
    }

    @Override
    byte[] weightsOf(PointPosterior q) {
        return ParameterBytes.encode(q.weights());
    }

    @Override
    ModelManifest manifestOf(PointPosterior q, ModelManifest.Weights weights) {
        return ManifestParts.manifest(kind(), "quantile", q.task(), q.standardization(), q.provenance(),
                q.costLedger(), weights, new ManifestParts.KindFields(null, null, null, null, q.config(), null, null));
    }

    @Override
    public void check(ModelManifest m) {
        ManifestParts.requireCommon(m, false);
        require(m.pointConfig() != null, "a point model needs its pointConfig");
    }

    @Override
    public AmortisedPosterior restore(ModelManifest m, Task task, byte[] weights) {
        return PointPosterior.restore(task, m.pointConfig(), ManifestParts.standardization(m),
                ManifestParts.provenance(m), ManifestParts.ledger(m),
                ManifestParts.fitting(ParameterBytes.decode(weights), m.pointConfig().hiddenWidths()));
    }
}
