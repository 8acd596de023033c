package dev.amortizer.reference;

/** Small dense helpers: Cholesky factors and Gaussian log densities through them. */
final class Gaussians {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private Gaussians() {
    }

    /** Lower L with L Lᵀ = Σ; a non-positive pivot is raised to 10⁻¹² times the diagonal's scale. */
    static double[][] cholesky(double[][] cov) {
        int d = cov.length;
        double[][] l = new double[d][d];
        double scale = 0;
        for (int i = 0; i < d; i++) {
            scale = Math.max(scale, Math.abs(cov[i][i]));
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = cov[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(s, 1e-12 * Math.max(scale, 1e-300)));
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** log N(z; μ, L Lᵀ). */
    static double logDensity(double[] z, double[] mean, double[][] l) {
        int d = z.length;
        double[] r = new double[d];
        double quad = 0;
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            double s = z[i] - mean[i];
            for (int j = 0; j < i; j++) {
                s -= l[i][j] * r[j];
            }
            r[i] = s / l[i][i];
            quad += r[i] * r[i];
            logDet += Math.log(l[i][i]);
        }
        return -0.5 * d * LOG_2PI - logDet - 0.5 * quad;
    }
}
