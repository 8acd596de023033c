package dev.amortizer.model;

import dev.amortizer.data.Quoted;
import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.amortiser.SurrogateMcmc;
import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.nle.NlePosterior;
import dev.amortizer.nn.ParameterBytes;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.training.TrainingProvenance;
import dev.amortizer.training.Standardization;
import dev.amortizer.nre.NreConfig;
import dev.amortizer.nre.NrePosterior;
import dev.amortizer.point.PointConfig;
import dev.amortizer.point.PointPosterior;
import dev.amortizer.task.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model-file side of the kinds added in format 3: NLE (a flow's bytes, its NPE-style config and the query MCMC),
 * NRE (the classifier's arrays, its {@code ratioConfig}, the MCMC) and point estimators (the network's arrays and
 * {@code pointConfig}). NPE stays in {@link ModelFile}.
 */
final class ModelKinds {
    static final List<String> KINDS = List.of("nle", "nre", "point");

    private ModelKinds() {
    }

    static byte[] weights(AmortisedPosterior q) {
        if (q instanceof NlePosterior nle) {
            return nle.weights();
        }
        if (q instanceof NrePosterior nre) {
            return ParameterBytes.encode(nre.weights());
        }
        if (q instanceof PointPosterior point) {
            return ParameterBytes.encode(point.weights());
        }
        throw new IllegalArgumentException("cannot save a posterior of kind '" + q.method() + "' ("
                + q.getClass().getSimpleName() + "); model files hold npe, " + String.join(", ", KINDS));
    }

    static ModelManifest manifest(AmortisedPosterior q, String entry, String sha256) {
        Map<String, Cost> costs = new LinkedHashMap<>();
        q.costLedger().byPhase().forEach((phase, cost) -> costs.put(phase.label(), cost));
        ModelManifest.Weights weights = new ModelManifest.Weights(entry, sha256);
        if (q instanceof NlePosterior nle) {
            return manifest("nle", nle.config().estimator().label(), nle.task(), nle.standardization(),
                    nle.provenance(), costs, weights, nle.config(), nle.mcmc(), null, null);
        }
        if (q instanceof NrePosterior nre) {
            return manifest("nre", nre.config().loss().label(), nre.task(), nre.standardization(), nre.provenance(),
                    costs, weights, null, nre.mcmc(), nre.config(), null);
        }
        if (q instanceof PointPosterior point) {
            return manifest("point", "quantile", point.task(), point.standardization(), point.provenance(), costs,
                    weights, null, null, null, point.config());
        }
        throw new IllegalArgumentException("cannot save a posterior of kind '" + q.method() + "'");
    }

    private static ModelManifest manifest(String kind, String estimator, Task task, Standardization s,
                                          TrainingProvenance p, Map<String, Cost> costs, ModelManifest.Weights weights,
                                          NpeConfig config, SurrogateMcmc mcmc,
                                          NreConfig ratio, PointConfig point) {
        return new ModelManifest(ModelFile.FORMAT, ModelFile.FORMAT_VERSION, kind, estimator, task.name(),
                task.parameterNames(), task.dataNames(), task.parameterDim(), task.dataDim(),
                new ModelManifest.Scaling(s.thetaMean(), s.thetaSd(), s.xMean(), s.xSd()), config, p.seed(),
                p.libraryVersion(), p.simulations(), p.invalidSimulations(),
                new ModelManifest.Training(p.epochs(), p.bestEpoch(), p.validationLoss()), costs, weights, null, mcmc,
                ratio, point, null, TaskFingerprint.of(task), null, ServedTask.bounds(task));
    }

    /** Refuses a manifest of these kinds that lacks what its kind needs, naming the field. */
    static void check(ModelManifest m) {
        if (m.task() == null || m.standardization() == null || m.training() == null || m.weights() == null
                || m.parameterNames() == null || m.dataNames() == null) {
            throw new IllegalArgumentException(ModelFile.MANIFEST_ENTRY + " lacks a required field (task,"
                    + " standardization, training, weights, parameterNames, dataNames)");
        }
        switch (m.kind()) {
            case "nle" -> {
                require(m.config() != null && m.config().flow() != null, "an nle model needs a flow config");
                require(m.config().estimator().label().equals(m.estimator()), "the manifest says estimator "
                        + Quoted.of(m.estimator()) + " but its config is for '" + m.config().estimator().label() + "'");
                require(m.mcmc() != null, "an nle model needs its mcmc settings");
            }
            case "nre" -> {
                require(m.ratioConfig() != null, "an nre model needs its ratioConfig");
                require(m.ratioConfig().loss().label().equals(m.estimator()), "the manifest says loss '"
                        + m.estimator() + "' but its ratioConfig is for '" + m.ratioConfig().loss().label() + "'");
                require(m.mcmc() != null, "an nre model needs its mcmc settings");
            }
            default -> require(m.pointConfig() != null, "a point model needs its pointConfig");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    static AmortisedPosterior restore(ModelManifest m, Task task, CostLedger costs, byte[] network) {
        var s = m.standardization();
        Standardization standardization = Standardization.of(s.thetaMean(), s.thetaSd(), s.xMean(), s.xSd());
        TrainingProvenance provenance = new TrainingProvenance(m.seed(), m.simulations(), m.invalidSimulations(),
                m.training().epochs(), m.training().bestEpoch(), m.training().validationLoss(), m.libraryVersion());
        return switch (m.kind()) {
            case "nle" -> NlePosterior.restore(task, m.config(), standardization, provenance, costs, m.mcmc(), network);
            case "nre" -> NrePosterior.restore(task, m.ratioConfig(), standardization, provenance, costs, m.mcmc(),
                    fitting(ParameterBytes.decode(network), m.ratioConfig().hiddenWidths()));
            default -> PointPosterior.restore(task, m.pointConfig(), standardization, provenance, costs,
                    fitting(ParameterBytes.decode(network), m.pointConfig().hiddenWidths()));
        };
    }

    /**
     * The weights, once it is clear that they can fill an MLP of these hidden widths: the network is built from the
     * manifest's config before the weights are loaded into it, so an edited config could otherwise ask for any size.
     */
    private static List<double[]> fitting(List<double[]> weights, List<Integer> hidden) {
        long minimum = 0;
        for (int i = 0; i < hidden.size(); i++) {
            minimum += hidden.get(i) + (i + 1 < hidden.size() ? (long) hidden.get(i) * hidden.get(i + 1) : 0);
        }
        long held = weights.stream().mapToLong(a -> a.length).sum();
        if (minimum > held) {
            throw new IllegalArgumentException("a network with hidden widths " + hidden + " has at least " + minimum
                    + " parameters; the weights hold " + held);
        }
        return weights;
    }
}
