package dev.amortizer.model;

import static dev.amortizer.model.ManifestParts.require;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.data.Quoted;
import dev.amortizer.nle.NlePosterior;
import dev.amortizer.task.Task;

/** NLE models (from format 3): the flow's bytes, its NPE-style {@code config} and the query MCMC. */
final class NleCodec extends SingleKindCodec<NlePosterior> {
    NleCodec() {
        super("nle", NlePosterior.class, true);
    }

    @Override
    byte[] weightsOf(NlePosterior q) {
        return q.weights();
    }

    @Override
    ModelManifest manifestOf(NlePosterior q, ModelManifest.Weights weights) {
        return ManifestParts.manifest(kind(), q.config().estimator().label(), q.task(), q.standardization(),
                q.provenance(), q.costLedger(), weights,
                new ManifestParts.KindFields(q.config(), null, q.mcmc(), null, null, null, null));
    }

    @Override
    public void check(ModelManifest m) {
        ManifestParts.requireCommon(m, false);
        require(m.config() != null && m.config().flow() != null, "an nle model needs a flow config");
        require(m.config().estimator().label().equals(m.estimator()), "the manifest says estimator "
                + Quoted.of(m.estimator()) + " but its config is for '" + m.config().estimator().label() + "'");
        require(m.mcmc() != null, "an nle model needs its mcmc settings");
    }

    @Override
    public AmortisedPosterior restore(ModelManifest m, Task task, byte[] weights) {
        return NlePosterior.restore(task, m.config(), ManifestParts.standardization(m), ManifestParts.provenance(m),
                ManifestParts.ledger(m), m.mcmc(), weights);
    }
}
