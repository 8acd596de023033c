package dev.amortizer.npe;

import dev.amortizer.random.Rng;

/**
 * q(z | c) on the standardised coordinates the estimator was trained on (z the standardised unconstrained θ, c the
 * standardised x): what an MDN or a flow contributes to an {@link NpePosterior}. Immutable and thread-safe.
 */
interface StandardizedDensity {
    /** {@code n} draws z ~ q(· | c), one row each; the same generator state gives the same rows. */
    double[][] sample(double[] c, int n, Rng rng);

    /** log q(z_r | c_r) for each row. */
    double[] logProb(double[][] z, double[][] c);

    /** Network forward passes one draw costs, for the query's ledger: FMPE's ODE makes many. */
    default long passesPerDraw() {
        return 1;
    }

    /** The weights as a model file stores them. */
    byte[] weights();
}
