package dev.amortizer.model;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.data.Quoted;
import java.util.List;

/** The one registry of {@link ModelCodec}s: every kind a model file can hold. */
final class ModelCodecs {
    static final List<ModelCodec> ALL = List.of(NpeCodec.MDN, NpeCodec.FLOWS, new NleCodec(), new NreCodec(),
            new PointCodec(), NpeCodec.FMPE);

    private ModelCodecs() {
    }

    /** The codec that writes {@code posterior}; an IllegalArgumentException names a kind no codec writes. */
    static ModelCodec writing(AmortisedPosterior posterior) {
        return ALL.stream().filter(c -> c.writes(posterior)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("cannot save a posterior of kind '" + posterior.method() + "' ("
                        + posterior.getClass().getSimpleName() + "); model files hold " + readable()));
    }

    /**
     * The codec that reads {@code manifest}, once its format version holds that kind; an IllegalArgumentException
     * (without the file name) otherwise.
     */
    static ModelCodec reading(ModelManifest manifest) {
        ModelCodec codec = ALL.stream().filter(c -> c.reads(manifest)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("model kind " + Quoted.of(manifest.kind()) + " with estimator "
                        + Quoted.of(manifest.estimator()) + " is not supported; this version reads " + readable()));
        if (manifest.formatVersion() < codec.sinceFormat()) {
            throw new IllegalArgumentException("model kind " + Quoted.of(manifest.kind()) + " with estimator "
                    + Quoted.of(manifest.estimator()) + " needs format version " + codec.sinceFormat()
                    + ", the manifest says " + manifest.formatVersion());
        }
        return codec;
    }

    /** Every kind, for messages. */
    static String readable() {
        return String.join(", ", ALL.stream().map(ModelCodec::describe).toList());
    }
}
