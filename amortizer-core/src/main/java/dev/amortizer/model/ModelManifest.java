package dev.amortizer.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.amortizer.campaign.SimulationSource;
import dev.amortizer.training.CandidateSelection;

import dev.amortizer.amortiser.SurrogateMcmc;
import dev.amortizer.cost.Cost;
import dev.amortizer.device.ComputeEnvironment;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.nre.NreConfig;
import dev.amortizer.point.PointConfig;
import dev.amortizer.summary.SummaryConfig;
import java.util.List;
import java.util.Map;

/**
 * The {@code manifest.json} of a model file: what was trained, on which task, how, at what cost,
 * and the checksum of the weights. Field names are the file format; rename none of them.
 *
 * @param format             always {@value ModelFile#FORMAT}
 * @param formatVersion      the layout of this manifest and its entries; readers refuse newer versions
 * @param kind               the amortiser: "npe"; from format 3 also "nle", "nre" or "point"
 * @param estimator          npe and nle: the density estimator, "mdn", "maf", "nsf" or "coupling"; nre: the loss,
 *                           "b" or "c"; point: "quantile"
 * @param task               the task's catalogue name
 * @param parameterNames     θ's columns
 * @param dataNames          x's columns
 * @param parameterDim       D
 * @param dataDim            d
 * @param standardization    the z-scores applied to θ and x; from format 7 it may list x columns ignored
 * @param config             the training configuration (npe and nle; null for nre and point); from format 4 its
 *                           flow may set {@code linearShift}, from format 6 an MDN's config {@code meanShift}: earlier
 *                           readers would silently drop either
 * @param seed               the seed of the network's initial weights
 * @param libraryVersion     the Amortizer version that trained the model
 * @param simulations        (θ, x) pairs offered for training
 * @param invalidSimulations pairs dropped for non-finite x
 * @param training           how training ended
 * @param costs              cost per phase, keyed by {@code Phase.label()}
 * @param weights            the weights entry and its SHA-256
 * @param bijection          from format 2: per parameter, the map from R onto its prior's support; absent in
 *                           format 1 and with {@code SupportHandling.TRUNCATION}, where θ itself was fitted
 * @param mcmc               from format 3, nle and nre: the MCMC each query runs
 * @param ratioConfig        from format 3, nre: the classifier's configuration
 * @param pointConfig        from format 3, point: the estimator's configuration
 * @param summary            from format 3, npe: the summary network the flow is conditioned on (its weights precede
 *                           the flow's in the weights entry); absent when the estimator reads x itself
 * @param taskFingerprint    from format 5: the task's prior as the model saw it ({@link TaskFingerprint}), checked
 *                           against the task the name resolves to; format 5 also adds the entry
 *                           {@code manifest.sha256}, the SHA-256 of these bytes
 * @param simulationSource   from format 5, npe: where the training pairs came from (simulated, or files with their
 *                           SHA-256s) and the failed simulations by kind ({@link SimulationSource}); absent in older
 *                           files and for the other kinds
 * @param dataSupport        from format 5: where observations can lie ({@link DataBounds}); with the names,
 *                           dimensions, bijection, standardisation and the fingerprint's prior support it lets a
 *                           model be served without its task's code ({@link ServedTask})
 * @param device             optional, in files written since it was added (still format 5: a reader that ignores it
 *                           loses nothing it needs): where training ran and {@code costs} were measured, the
 *                           {@link ComputeEnvironment} (ND4J backend, device, GPU status, OMP_NUM_THREADS, processors,
 *                           Java, compute backend); absent (null) in older files
 * @param selection          optional, npe: every candidate's held-out score and the one kept, where the model was
 *                           chosen among candidates by a held-out criterion ({@code DefaultNpe.acrossFamilies()});
 *                           absent otherwise, so the default's files are as they were
 */
public record ModelManifest(String format, int formatVersion, String kind, String estimator, String task,
                            List<String> parameterNames, List<String> dataNames, int parameterDim, int dataDim,
                            Scaling standardization, NpeConfig config, long seed, String libraryVersion,
                            int simulations, int invalidSimulations, Training training, Map<String, Cost> costs,
                            Weights weights, List<Bound> bijection, SurrogateMcmc mcmc, NreConfig ratioConfig,
                            PointConfig pointConfig, SummaryConfig summary, TaskFingerprint taskFingerprint,
                            SimulationSource simulationSource, DataBounds dataSupport, ComputeEnvironment device,
                            @JsonInclude(JsonInclude.Include.NON_NULL) CandidateSelection selection) {

    /**
     * The task's {@link dev.amortizer.task.DataSupport}, so that a model served without its task's code still checks
     * observations.
     *
     * @param lower     each coordinate's lower bound
     * @param upper     each coordinate's upper bound
     * @param lowerOpen whether each excludes its lower bound
     * @param whole     whether each takes whole numbers only
     */
    public record DataBounds(List<Double> lower, List<Double> upper, List<Boolean> lowerOpen, List<Boolean> whole) {
    }

    /**
     * Means and standard deviations of θ and x; from format 7, {@code xIgnored}: the 1-based x columns the estimator
     * ignores (scored 0, {@code DataScreen}), absent when it reads every column; from format 8, {@code xLog}: the
     * 1-based x columns it reads on the log scale (their mean and sd those of ln x, {@code LogScale}), absent when
     * none; from format 9, {@code xRowWidth}: where x's exchangeable rows are put in canonical order before anything
     * else ({@code RowsLayout}), the values per row, and every column is one of x so ordered; absent when x is read in
     * the order given; from format 10, {@code thetaSymmetry}: the reflections ({@code ParameterSymmetry}, "flip 3",
     * "swap- 1 2") the training θ were folded by, the θ scores those of the folded θ, and the posterior symmetrised by
     * them; absent when θ was fitted as given; from format 11, {@code xRowMoments}: true where the ordered rows are
     * followed by their mean and covariance ({@code RowsLayout.moments}), whose scores are the last columns; absent
     * when they are not.
     */
    public record Scaling(double[] thetaMean, double[] thetaSd, double[] xMean, double[] xSd,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> xIgnored,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> xLog,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer xRowWidth,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<String> thetaSymmetry,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean xRowMoments) {
    }

    /** Epochs run, the epoch kept, and its mean validation −log q(θ | x) in θ's units. */
    public record Training(int epochs, int bestEpoch, double validationLoss) {
    }

    /**
     * One parameter's map ({@code CoordinateMap.Kind}: IDENTITY, LOWER, UPPER or INTERVAL) and its bounds, null
     * where unbounded.
     */
    public record Bound(String map, Double lower, Double upper) {
    }

    /** The zip entry holding the network and the hex SHA-256 of its bytes. */
    public record Weights(String entry, String sha256) {
    }
}
