package dev.amortizer.model;

import dev.amortizer.amortiser.SurrogateMcmc;
import dev.amortizer.campaign.SimulationSource;
import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Quoted;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.training.TrainingProvenance;
import dev.amortizer.training.Standardization;
import dev.amortizer.nre.NreConfig;
import dev.amortizer.point.PointConfig;
import dev.amortizer.summary.SummaryConfig;
import dev.amortizer.task.ParameterSymmetry;
import dev.amortizer.task.Task;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What every {@link ModelCodec} writes and reads alike: names, standardisation, provenance, costs. */
final class ManifestParts {
    private ManifestParts() {
    }

    /**
     * The manifest fields only some kinds fill; the others stay null (absent for that kind).
     *
     * @param config    npe and nle
     * @param bijection npe with {@code SupportHandling.BIJECTION}
     * @param mcmc      nle and nre
     * @param ratio     nre
     * @param point     point
     * @param summary   npe with a summary network
     * @param source    npe: where the training pairs came from
     */
    record KindFields(NpeConfig config, List<ModelManifest.Bound> bijection, SurrogateMcmc mcmc, NreConfig ratio,
                      PointConfig point, SummaryConfig summary, SimulationSource source) {
    }

    /** The format that added {@code standardization.xIgnored}: readers before it would drop the field unseen. */
    static final int IGNORED_X_FORMAT = 7;
    /** The format that added {@code standardization.xLog}: readers before it would read ln x as x. */
    static final int LOG_X_FORMAT = 8;
    /** The format that added {@code standardization.xRowWidth}: readers before it would read x's rows as given. */
    static final int ROW_ORDER_FORMAT = 9;
    /** The format that added {@code standardization.thetaSymmetry}: readers before it would not symmetrise. */
    static final int SYMMETRY_FORMAT = 10;
    /** The format that added {@code standardization.xRowMoments}: readers before it would miss the extra columns. */
    static final int ROW_MOMENTS_FORMAT = 11;

    /** A current-format manifest of a model trained on {@code task}. */
    static ModelManifest manifest(String kind, String estimator, Task task, Standardization s, TrainingProvenance p,
                                  CostLedger ledger, ModelManifest.Weights weights, KindFields f) {
        Map<String, Cost> costs = new LinkedHashMap<>();
        ledger.byPhase().forEach((phase, cost) -> costs.put(phase.label(), cost));
        return new ModelManifest(ModelFile.FORMAT, ModelFile.FORMAT_VERSION, kind, estimator, task.name(),
                task.parameterNames(), task.dataNames(), task.parameterDim(), task.dataDim(),
                new ModelManifest.Scaling(s.thetaMean(), s.thetaSd(), s.xMean(), s.xSd(), oneBased(s.ignoredX()),
                        oneBased(s.loggedX()), s.rowWidth() == 0 ? null : s.rowWidth(),
                        s.thetaSymmetry() == null ? null : s.thetaSymmetry().texts(),
                        s.rowMoments() ? Boolean.TRUE : null),
                f.config(), p.seed(),
                p.libraryVersion(), p.simulations(), p.invalidSimulations(),
                new ModelManifest.Training(p.epochs(), p.bestEpoch(), p.validationLoss()), costs, weights,
                f.bijection(), f.mcmc(), f.ratio(), f.point(), f.summary(), TaskFingerprint.of(task), f.source(),
                ServedTask.bounds(task), ledger.device(), p.selection());
    }

    /** Refuses a manifest lacking a field every kind needs; {@code config} too where the kind says so. */
    static void requireCommon(ModelManifest m, boolean needsConfig) {
        if (m.task() == null || (needsConfig && m.config() == null) || m.standardization() == null
                || m.training() == null || m.weights() == null || m.parameterNames() == null
                || m.dataNames() == null) {
            throw new IllegalArgumentException(ModelFile.MANIFEST_ENTRY + " lacks a required field (task,"
                    + (needsConfig ? " config," : "") + " standardization, training, weights, parameterNames,"
                    + " dataNames)");
        }
        // only NPE's estimator reads the standardised x directly, so only it can have been trained so reading x
        var x = m.standardization();
        npeOnly(m, "xIgnored", x.xIgnored() != null, "ignores x columns");
        npeOnly(m, "xLog", x.xLog() != null, "reads x columns on the log scale");
        npeOnly(m, "xRowWidth", x.xRowWidth() != null, "puts x's rows in order");
        npeOnly(m, "xRowMoments", x.xRowMoments() != null, "reads the moments of x's rows");
        require(x.thetaSymmetry() == null || "npe".equals(m.kind()), "standardization.thetaSymmetry: only an npe model"
                + " symmetrises its posterior; this one is " + Quoted.of(m.kind()));
    }

    /** Refuses a present standardisation {@code field} on any model but an npe one without a summary network. */
    private static void npeOnly(ModelManifest m, String field, boolean present, String what) {
        require(!present || ("npe".equals(m.kind()) && m.summary() == null), "standardization." + field + ": only an"
                + " npe model without a summary network " + what + "; this one is " + Quoted.of(m.kind())
                + (m.summary() == null ? "" : " with a summary network"));
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    static Standardization standardization(ModelManifest m) {
        var s = m.standardization();
        Standardization scores = Standardization.of(s.thetaMean(), s.thetaSd(), s.xMean(), s.xSd());
        int[] ignored = columns(m, "xIgnored", s.xIgnored(), IGNORED_X_FORMAT);
        if (ignored.length > 0) {
            try {
                scores = scores.ignoringX(ignored);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("standardization.xIgnored " + s.xIgnored() + " does not fit the "
                        + s.xMean().length + " x columns: expected increasing column numbers from 1 to "
                        + s.xMean().length + ", at least one left out");
            }
        }
        int[] logged = columns(m, "xLog", s.xLog(), LOG_X_FORMAT);
        for (int j : logged) {
            require(Arrays.binarySearch(ignored, j) < 0, "standardization.xLog and xIgnored both list x column "
                    + (j + 1) + "; a column is ignored or read on the log scale, not both");
        }
        if (logged.length > 0) {
            try {
                scores = scores.loggingX(logged);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("standardization.xLog " + s.xLog() + " does not fit the "
                        + s.xMean().length + " x columns: expected increasing column numbers from 1 to "
                        + s.xMean().length);
            }
        }
        Integer width = s.xRowWidth();
        Boolean moments = s.xRowMoments();
        if (moments != null) {
            require(m.formatVersion() >= ROW_MOMENTS_FORMAT, "standardization.xRowMoments: model files have recorded"
                    + " the moments of x's rows since format " + ROW_MOMENTS_FORMAT + "; this one is format "
                    + m.formatVersion());
            require(moments && width != null, "standardization.xRowMoments: expected true beside an xRowWidth, got "
                    + moments + (width == null ? " without one" : ""));
        }
        if (width != null) {
            require(m.formatVersion() >= ROW_ORDER_FORMAT, "standardization.xRowWidth: model files have recorded x's"
                    + " row order since format " + ROW_ORDER_FORMAT + "; this one is format " + m.formatVersion());
            boolean withMoments = moments != null;
            try {
                scores = scores.sortingRows(width, withMoments);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("standardization.xRowWidth " + width + " does not fit the "
                        + s.xMean().length + " x columns: expected a width that splits them into two or more rows"
                        + (withMoments ? " followed by their moments" : ""));
            }
        }
        List<String> symmetry = s.thetaSymmetry();
        if (symmetry != null) {
            require(m.formatVersion() >= SYMMETRY_FORMAT, "standardization.thetaSymmetry: model files have recorded θ's"
                    + " symmetry since format " + SYMMETRY_FORMAT + "; this one is format " + m.formatVersion());
            try {
                scores = scores.foldingTheta(ParameterSymmetry.parse(s.thetaMean().length, symmetry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("standardization.thetaSymmetry " + symmetry + ": " + e.getMessage());
            }
        }
        return scores;
    }

    /** The 0-based columns of a 1-based list the manifest holds as {@code field} since format {@code since}. */
    private static int[] columns(ModelManifest m, String field, List<Integer> oneBased, int since) {
        if (oneBased == null) {
            return new int[0];
        }
        require(m.formatVersion() >= since, "standardization." + field + ": model files have listed these x"
                + " columns since format " + since + "; this one is format " + m.formatVersion());
        int[] columns = new int[oneBased.size()];
        for (int i = 0; i < columns.length; i++) {
            Integer c = oneBased.get(i);
            require(c != null, "standardization." + field + ": entry " + (i + 1) + " is null; expected a column"
                    + " number");
            columns[i] = c - 1;
        }
        return columns;
    }

    /** The 1-based column numbers of 0-based {@code columns}; null (absent from the manifest) for none. */
    private static List<Integer> oneBased(int[] columns) {
        return columns.length == 0 ? null : java.util.Arrays.stream(columns).map(c -> c + 1).boxed().toList();
    }

    /** The provenance the manifest records, without the pairs' source (only npe records one). */
    static TrainingProvenance provenance(ModelManifest m) {
        return new TrainingProvenance(m.seed(), m.simulations(), m.invalidSimulations(), m.training().epochs(),
                m.training().bestEpoch(), m.training().validationLoss(), m.libraryVersion());
    }

    /**
     * The manifest's {@code costs}, keyed by phase label, measured on its {@code device} (null in files written before
     * it was recorded); an unknown phase or a null cost is refused.
     */
    static CostLedger ledger(ModelManifest m) {
        return ledger(m.costs()).on(m.device());
    }

    /** The ledger of {@code costs}, keyed by phase label; an unknown phase or a null cost is refused. */
    private static CostLedger ledger(Map<String, Cost> costs) {
        EnumMap<Phase, Cost> byPhase = new EnumMap<>(Phase.class);
        if (costs != null) {
            for (Map.Entry<String, Cost> e : costs.entrySet()) {
                Phase phase;
                try {
                    phase = Phase.valueOf(e.getKey().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("unknown cost phase " + Quoted.of(e.getKey()), ex);
                }
                if (e.getValue() == null) {
                    throw new IllegalArgumentException("cost phase " + Quoted.of(e.getKey()) + " has no value (null)");
                }
                byPhase.put(phase, e.getValue());
            }
        }
        return CostLedger.of(byPhase);
    }

    /**
     * The weights, once it is clear that they can fill an MLP of these hidden widths: the network is built from the
     * manifest's config before the weights are loaded into it, so an edited config could otherwise ask for any size.
     */
    static List<double[]> fitting(List<double[]> weights, List<Integer> hidden) {
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
