package dev.amortizer.npe.mdn;

import dev.amortizer.nn.ConditionalRows;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.Mlp;
import dev.amortizer.nn.RidgeRegression;
import java.util.ArrayList;
import java.util.List;

/**
 * The MDN's network: an {@link Mlp} giving a {@link MixtureLayout} row for x and, where asked, a mean shift that
 * adds A·x + b to every component's mean. With the shift the network fits only the part of θ's location that is not
 * linear in x: on gaussian_mixture, whose narrow component sits at θ = x, a tanh network's own approximation of the
 * identity left the component's centre off by a tenth of its width (amortizer-bench/results/npe-estimators.md). A
 * and b start at the least-squares regression of θ on x ({@link #fitShift}) and are trained with the weights.
 * Parameters, and the arrays a model file stores, are the MLP's followed by A (row-major D × x-width) and b.
 */
public final class MixtureNetwork {
    private final Mlp mlp;
    private final MixtureLayout layout;
    private final double[] shiftWeights;
    private final double[] shiftBias;

    private MixtureNetwork(Mlp mlp, MixtureLayout layout, double[] shiftWeights, double[] shiftBias) {
        if (mlp.outputDim() != layout.width()) {
            throw new IllegalArgumentException("the network gives " + mlp.outputDim() + " outputs; the mixture "
                    + layout + " needs " + layout.width());
        }
        this.mlp = mlp;
        this.layout = layout;
        this.shiftWeights = shiftWeights;
        this.shiftBias = shiftBias;
    }

    /** {@code mlp} with a zero mean shift when {@code shifted}, without one otherwise. */
    public static MixtureNetwork of(Mlp mlp, MixtureLayout layout, boolean shifted) {
        return shifted ? new MixtureNetwork(mlp, layout, new double[layout.dim() * mlp.inputDim()],
                new double[layout.dim()]) : new MixtureNetwork(mlp, layout, null, null);
    }

    /**
     * The network {@link #arrays()} listed: the MLP of these widths, then A and b when {@code shifted}. A count or
     * length that does not fit is named.
     */
    public static MixtureNetwork ofArrays(List<double[]> arrays, List<Integer> widths, HiddenActivation activation,
                                          MixtureLayout layout, boolean shifted) {
        int layerArrays = 2 * (widths.size() - 1);
        int expected = layerArrays + (shifted ? 2 : 0);
        if (arrays.size() != expected) {
            throw new IllegalArgumentException("the MDN's weights hold " + arrays.size() + " arrays; widths " + widths
                    + (shifted ? " and a mean shift need " : " need ") + expected);
        }
        Mlp mlp = Mlp.ofLayerArrays(arrays.subList(0, layerArrays), widths, activation);
        if (!shifted) {
            return new MixtureNetwork(mlp, layout, null, null);
        }
        double[] a = arrays.get(layerArrays);
        double[] b = arrays.get(layerArrays + 1);
        if (a.length != layout.dim() * mlp.inputDim() || b.length != layout.dim()) {
            throw new IllegalArgumentException("the MDN's mean shift holds " + a.length + " and " + b.length
                    + " values; " + layout.dim() + " parameters and " + mlp.inputDim() + " inputs need "
                    + layout.dim() * mlp.inputDim() + " and " + layout.dim());
        }
        return new MixtureNetwork(mlp, layout, a.clone(), b.clone());
    }

    public boolean shifted() {
        return shiftWeights != null;
    }

    public Mlp mlp() {
        return mlp;
    }

    public MixtureLayout layout() {
        return layout;
    }

    /**
     * Sets A and b to the least-squares regression of the standardised θ rows on their x rows (one pass); nothing,
     * and no pass, without a shift.
     */
    public void fitShift(ConditionalRows rows) {
        if (shifted()) {
            RidgeRegression fit = RidgeRegression.fit(rows, layout.dim(), mlp.inputDim());
            System.arraycopy(fit.weights(), 0, shiftWeights, 0, shiftWeights.length);
            System.arraycopy(fit.bias(), 0, shiftBias, 0, shiftBias.length);
        }
    }

    /** The arrays Adam updates in place: the MLP's, then A and b. */
    public List<double[]> parameters() {
        return withShift(mlp.parameters());
    }

    /** Copies of the MLP's layer arrays ({@link Mlp#layerArrays()}), then of A and b: what a model file stores. */
    public List<double[]> arrays() {
        List<double[]> out = new ArrayList<>(mlp.layerArrays());
        if (shifted()) {
            out.add(shiftWeights.clone());
            out.add(shiftBias.clone());
        }
        return out;
    }

    private List<double[]> withShift(List<double[]> arrays) {
        if (!shifted()) {
            return arrays;
        }
        List<double[]> out = new ArrayList<>(arrays);
        out.add(shiftWeights);
        out.add(shiftBias);
        return out;
    }

    /** The mixture row for one x. */
    public double[] row(double[] x) {
        double[] raw = mlp.forwardRow(x);
        shift(raw, x);
        return raw;
    }

    /** The mixture rows for x rows {@code from} until {@code to}, recorded on {@code tape} (null for none). */
    public double[][] rows(double[][] x, int from, int to, Mlp.Tape tape) {
        double[][] out = mlp.forward(x, from, to, tape);
        if (shifted()) {
            for (int r = 0; r < out.length; r++) {
                shift(out[r], x[from + r]);
            }
        }
        return out;
    }

    private void shift(double[] raw, double[] x) {
        if (!shifted()) {
            return;
        }
        int e = x.length;
        for (int i = 0; i < layout.dim(); i++) {
            double s = shiftBias[i];
            for (int j = 0; j < e; j++) {
                s += shiftWeights[i * e + j] * x[j];
            }
            for (int k = 0; k < layout.components(); k++) {
                raw[layout.mean(k, i)] += s;
            }
        }
    }

    /**
     * Given ∂L/∂row ({@code gy}) for the rows of the last {@link #rows} on {@code tape}, x rows from {@code from},
     * adds ∂L/∂parameters into {@code grads}, shaped and ordered as {@link #parameters()}. The shift moves every mean
     * alike, so ∂L/∂(A·x + b)_i is the sum of ∂L/∂μ_ki over the components.
     */
    public void backward(Mlp.Tape tape, double[][] gy, double[][] x, int from, double[][] grads) {
        if (shifted()) {
            double[] gradA = grads[grads.length - 2];
            double[] gradB = grads[grads.length - 1];
            for (int r = 0; r < gy.length; r++) {
                double[] xr = x[from + r];
                int e = xr.length;
                for (int i = 0; i < layout.dim(); i++) {
                    double g = 0;
                    for (int k = 0; k < layout.components(); k++) {
                        g += gy[r][layout.mean(k, i)];
                    }
                    gradB[i] += g;
                    for (int j = 0; j < e; j++) {
                        gradA[i * e + j] += g * xr[j];
                    }
                }
            }
        }
        mlp.backward(tape, gy, grads, 0, false);
    }
}
