package dev.amortizer.npe.mdn;

import java.util.Arrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J loss: −log q(θ | x) of the full-covariance Gaussian mixture that each output row describes
 * ({@link MixtureLayout}), with the labels as θ. Score and gradient are computed in plain Java
 * ({@link MixtureDensity}) on double copies of the arrays.
 *
 * <p>Like DL4J's own losses, {@link #computeGradient} returns the per-example gradient (row i is
 * ∂(−log q_i)/∂preOutput_i, not divided by the minibatch size: the updater divides), and
 * {@code computeScore(..., average)} returns the sum or the mean over rows. An optional mask
 * weighs whole rows (one value per example).
 */
public final class MixtureNllLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @JsonProperty("components")
    private final int components;
    @JsonProperty("dim")
    private final int dim;

    @JsonCreator
    public MixtureNllLoss(@JsonProperty("components") int components, @JsonProperty("dim") int dim) {
        MixtureLayout valid = new MixtureLayout(components, dim);
        this.components = valid.components();
        this.dim = valid.dim();
    }

    public MixtureNllLoss(MixtureLayout layout) {
        this(layout.components(), layout.dim());
    }

    public MixtureLayout layout() {
        return new MixtureLayout(components, dim);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        return total(evaluate(labels, preOutput, activationFn, mask, false).scores, average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        double[] scores = evaluate(labels, preOutput, activationFn, mask, false).scores;
        return MdnNetworks.matrix(scores, scores.length, 1, preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return evaluate(labels, preOutput, activationFn, mask, true).gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        Evaluation e = evaluate(labels, preOutput, activationFn, mask, true);
        return new Pair<>(total(e.scores, average), e.gradient);
    }

    @Override
    public String name() {
        return "mixture_nll";
    }

    private record Evaluation(double[] scores, INDArray gradient) {
    }

    private static double total(double[] scores, boolean average) {
        double sum = 0;
        for (double s : scores) {
            sum += s;
        }
        return average ? sum / scores.length : sum;
    }

    private Evaluation evaluate(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                                boolean withGradient) {
        MixtureLayout layout = layout();
        int width = layout.width();
        if (preOutput.rank() != 2 || preOutput.columns() != width) {
            throw new IllegalArgumentException("mixture loss " + layout + " expects network output of width " + width
                    + ", got shape " + Arrays.toString(preOutput.shape()));
        }
        int n = preOutput.rows();
        if (labels.rank() != 2 || labels.rows() != n || labels.columns() != dim) {
            throw new IllegalArgumentException("mixture loss expects labels of shape [" + n + ", " + dim + "], got "
                    + Arrays.toString(labels.shape()));
        }
        double[] weights = rowWeights(mask, n);
        double[] out = MdnNetworks.values(activationFn.getActivation(preOutput.dup(), true));
        double[] theta = MdnNetworks.values(labels);
        double[] scores = new double[n];
        double[] grad = withGradient ? new double[n * width] : null;
        for (int r = 0; r < n; r++) {
            double logQ = withGradient
                    ? MixtureDensity.logDensityAndGradient(layout, out, r * width, theta, r * dim, grad, r * width)
                    : MixtureDensity.logDensity(layout, out, r * width, theta, r * dim);
            double w = weights == null ? 1.0 : weights[r];
            scores[r] = -logQ * w;
            if (withGradient) {
                // grad holds ∂ log q; the loss is −log q, weighted by the row's mask value.
                for (int j = r * width; j < (r + 1) * width; j++) {
                    grad[j] = -grad[j] * w;
                }
            }
        }
        if (!withGradient) {
            return new Evaluation(scores, null);
        }
        INDArray dLdOut = MdnNetworks.matrix(grad, n, width, preOutput.dataType());
        return new Evaluation(scores, activationFn.backprop(preOutput.dup(), dLdOut).getFirst());
    }

    private static double[] rowWeights(INDArray mask, int n) {
        if (mask == null) {
            return null;
        }
        if (mask.length() != n) {
            throw new IllegalArgumentException("mixture loss supports one mask value per example (" + n
                    + "), got mask shape " + Arrays.toString(mask.shape()));
        }
        return mask.reshape(n).toDoubleVector();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MixtureNllLoss l && l.components == components && l.dim == dim;
    }

    @Override
    public int hashCode() {
        return 31 * components + dim;
    }

    @Override
    public String toString() {
        return "MixtureNllLoss(components=" + components + ", dim=" + dim + ")";
    }
}
