package dev.amortizer.model;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.task.Task;

/**
 * How one kind of amortiser is written to and read from a model file: its weights entry, its manifest fields and
 * what its kind requires of them. {@link ModelFile} owns the zip, the checksums and the format version; a codec sees
 * a manifest already upgraded to the current field meanings ({@link ManifestUpgrade}), so the domain objects it builds
 * carry no format history. Codecs are listed in {@link ModelCodecs}.
 */
interface ModelCodec {
    /** The manifest's {@code kind}. */
    String kind();

    /** The first format version that holds models of this codec. */
    int sinceFormat();

    /** What this codec reads, for messages: "npe (estimator mdn)". */
    String describe();

    /** Whether this codec writes {@code posterior}. */
    boolean writes(AmortisedPosterior posterior);

    /** Whether this codec reads a manifest of this kind and estimator. */
    boolean reads(ModelManifest manifest);

    /** Whether serving needs the task's own code (MCMC on its prior's density), not only the manifest. */
    boolean needsTaskCode();

    /** The weights entry's bytes. */
    byte[] weights(AmortisedPosterior posterior);

    /** The current-format manifest of {@code posterior}, whose weights entry is {@code weights}. */
    ModelManifest manifest(AmortisedPosterior posterior, ModelManifest.Weights weights);

    /** Refuses, naming the field, a manifest that lacks what this kind needs. */
    void check(ModelManifest manifest);

    /** The posterior a checked manifest and its weights describe, for {@code task}. */
    AmortisedPosterior restore(ModelManifest manifest, Task task, byte[] weights);
}
