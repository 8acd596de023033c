package dev.amortizer.model;

import dev.amortizer.amortiser.AmortisedPosterior;

/**
 * A codec for a kind with one posterior class and no choice of estimator in the file (nle, nre, point): all but the
 * weights and the manifest fields are the same for each.
 */
abstract class SingleKindCodec<P extends AmortisedPosterior> implements ModelCodec {
    private final String kind;
    private final Class<P> posterior;
    private final boolean needsTaskCode;

    SingleKindCodec(String kind, Class<P> posterior, boolean needsTaskCode) {
        this.kind = kind;
        this.posterior = posterior;
        this.needsTaskCode = needsTaskCode;
    }

    @Override
    public final String kind() {
        return kind;
    }

    /** Format 3 added every kind but npe. */
    @Override
    public final int sinceFormat() {
        return 3;
    }

    @Override
    public final String describe() {
        return kind;
    }

    @Override
    public final boolean writes(AmortisedPosterior q) {
        return posterior.isInstance(q);
    }

    @Override
    public final boolean reads(ModelManifest m) {
        return kind.equals(m.kind());
    }

    @Override
    public final boolean needsTaskCode() {
        return needsTaskCode;
    }

    @Override
    public final byte[] weights(AmortisedPosterior q) {
        return weightsOf(posterior.cast(q));
    }

    @Override
    public final ModelManifest manifest(AmortisedPosterior q, ModelManifest.Weights weights) {
        return manifestOf(posterior.cast(q), weights);
    }

    abstract byte[] weightsOf(P posterior);

    abstract ModelManifest manifestOf(P posterior, ModelManifest.Weights weights);
}
