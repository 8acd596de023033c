package dev.amortizer.model;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.data.Quoted;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.task.Task;
import java.util.Arrays;
import java.util.List;

/**
 * NPE models: the MDN (every format; its weights of formats 1 to 4, DL4J's network zip, become the current arrays
 * here, {@link LegacyMdnWeights}) and the flows (from format 2: MAF, NSF, coupling; with a linear shift or as an
 * ensemble from format 4; conditioned on a summary network from format 3), flow matching (format 5) and the MDN's mean
 * shift (format 6: its A and b follow the network's arrays). The weights
 * entry is {@link NpePosterior#weights()}; the manifest adds the config, the bijection, the summary network and the
 * pairs' source.
 */
final class NpeCodec implements ModelCodec {
    static final NpeCodec MDN = new NpeCodec(List.of(Estimator.MDN), 1);
    static final NpeCodec FLOWS = new NpeCodec(Arrays.stream(Estimator.values())
            .filter(e -> e.flowType() != null).toList(), 2);
    /** Flow matching, from format 5 (whose readers know the config's {@code matching} field). */
    static final NpeCodec FMPE = new NpeCodec(List.of(Estimator.FMPE), 5);

    /** The first format whose readers know the MDN's {@code meanShift}. */
    static final int MEAN_SHIFT_FORMAT = 6;

    private final List<Estimator> estimators;
    private final int sinceFormat;

    private NpeCodec(List<Estimator> estimators, int sinceFormat) {
        this.estimators = estimators;
        this.sinceFormat = sinceFormat;
    }

    @Override
    public String kind() {
        return "npe";
    }

    @Override
    public int sinceFormat() {
        return sinceFormat;
    }

    @Override
    public String describe() {
        return "npe (estimator" + (estimators.size() > 1 ? "s " : " ")
                + String.join(", ", estimators.stream().map(Estimator::label).toList()) + ")";
    }

    @Override
    public boolean writes(AmortisedPosterior posterior) {
        return posterior instanceof NpePosterior npe && estimators.contains(npe.config().estimator());
    }

    @Override
    public boolean reads(ModelManifest m) {
        return kind().equals(m.kind()) && estimators.stream().anyMatch(e -> e.label().equals(m.estimator()));
    }

    @Override
    public boolean needsTaskCode() {
        return false;
    }

    @Override
    public byte[] weights(AmortisedPosterior posterior) {
        return ((NpePosterior) posterior).weights();
    }

    @Override
    public ModelManifest manifest(AmortisedPosterior posterior, ModelManifest.Weights weights) {
        NpePosterior q = (NpePosterior) posterior;
        return ManifestParts.manifest(kind(), q.config().estimator().label(), q.task(), q.standardization(),
                q.provenance(), q.costLedger(), weights, new ManifestParts.KindFields(q.config(),
                        ManifestBijection.bounds(q.bijection()), null, null, null, q.summary(),
                        q.provenance().source()));
    }

    @Override
    public void check(ModelManifest m) {
        if (m.config() != null && !m.config().estimator().label().equals(m.estimator())) {
            throw new IllegalArgumentException("the manifest says estimator " + Quoted.of(m.estimator())
                    + " but its config is for '" + m.config().estimator().label() + "'");
        }
        if (m.config() != null && m.config().meanShift() && m.formatVersion() < MEAN_SHIFT_FORMAT) {
            throw new IllegalArgumentException("the config gives the mdn a meanShift, which model files have carried"
                    + " since format " + MEAN_SHIFT_FORMAT + "; this one is format " + m.formatVersion());
        }
        ManifestParts.requireCommon(m, true);
    }

    @Override
    public AmortisedPosterior restore(ModelManifest m, Task task, byte[] weights) {
        boolean legacy = this == MDN && m.summary() == null && LegacyMdnWeights.isLegacy(weights);
        return NpePosterior.restore(task, m.config(), m.summary(), ManifestParts.standardization(m),
                ManifestBijection.of(m), ManifestParts.provenance(m).withSource(m.simulationSource()).withSelection(m.selection()),
                ManifestParts.ledger(m), legacy
                        ? LegacyMdnWeights.upgrade(m.config(), task.parameterDim(), task.dataDim(), weights)
                        : weights);
    }
}
