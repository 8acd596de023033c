package dev.amortizer.model;

import static dev.amortizer.model.ManifestParts.require;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.nn.ParameterBytes;
import dev.amortizer.nre.NrePosterior;
import dev.amortizer.task.Task;

/** NRE models (from format 3): the classifier's arrays, its {@code ratioConfig} and the query MCMC. */
final class NreCodec extends SingleKindCodec<NrePosterior> {
    NreCodec() {
        super("nre", NrePosterior.class, true);
    }

    @Override
    byte[] weightsOf(NrePosterior q) {
        return ParameterBytes.encode(q.weights());
    }

    @Override
    ModelManifest manifestOf(NrePosterior q, ModelManifest.Weights weights) {
        return ManifestParts.manifest(kind(), q.config().loss().label(), q.task(), q.standardization(),
                q.provenance(), q.costLedger(), weights,
                new ManifestParts.KindFields(null, null, q.mcmc(), q.config(), null, null, null));
    }

    @Override
    public void check(ModelManifest m) {
        ManifestParts.requireCommon(m, false);
        require(m.ratioConfig() != null, "an nre model needs its ratioConfig");
        require(m.ratioConfig().loss().label().equals(m.estimator()), "the manifest says loss '"
                + m.estimator() + "' but its ratioConfig is for '" + m.ratioConfig().loss().label() + "'");
        require(m.mcmc() != null, "an nre model needs its mcmc settings");
    }

    @Override
    public AmortisedPosterior restore(ModelManifest m, Task task, byte[] weights) {
        return NrePosterior.restore(task, m.ratioConfig(), ManifestParts.standardization(m),
                ManifestParts.provenance(m), ManifestParts.ledger(m), m.mcmc(),
                ManifestParts.fitting(ParameterBytes.decode(weights), m.ratioConfig().hiddenWidths()));
    }
}
