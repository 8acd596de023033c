package dev.amortizer.diagnostics.calibration;

import java.util.Objects;

/**
 * One parameter's calibration summary over the held-out simulations.
 *
 * @param name               the parameter's column name
 * @param sbcPValue          Pearson's X² p-value of its SBC ranks against the discrete uniform
 * @param maxEcdfDeviation   max_k |F_N(k) − (k+1)/(L+1)| of its ranks
 * @param zMean              mean posterior z-score (0 when unbiased)
 * @param zSd                sd of the z-scores (about 1 when calibrated; above 1 too narrow, below too wide)
 * @param zQuantiles         the 5%, 50% and 95% quantiles of z
 * @param contractionMean    mean posterior contraction 1 − var_post/var_prior
 * @param contractionQuantiles the 5%, 50% and 95% quantiles of the contraction
 */
public record ParameterSummary(String name, double sbcPValue, double maxEcdfDeviation, double zMean, double zSd,
                               double[] zQuantiles, double contractionMean, double[] contractionQuantiles) {
    public ParameterSummary {
        Objects.requireNonNull(name, "name");
        if (!(sbcPValue >= 0 && sbcPValue <= 1)) {
            throw new IllegalArgumentException("sbcPValue of " + name + " must be in [0, 1], got " + sbcPValue);
        }
        if (zQuantiles.length != 3 || contractionQuantiles.length != 3) {
            throw new IllegalArgumentException("need three quantiles (5%, 50%, 95%) of " + name);
        }
        zQuantiles = zQuantiles.clone();
        contractionQuantiles = contractionQuantiles.clone();
    }

    @Override
    public double[] zQuantiles() {
        return zQuantiles.clone();
    }

    @Override
    public double[] contractionQuantiles() {
        return contractionQuantiles.clone();
    }
}
