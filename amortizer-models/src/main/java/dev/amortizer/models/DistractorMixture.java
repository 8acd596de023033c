package dev.amortizer.models;

import dev.amortizer.random.Rng;

/**
 * slcp_distractors' fixed noise: an equal-weight mixture of 20 Student-t laws on R⁹² with df = 2, locations μ_c and
 * lower scale factors L_c, and the permutation π of the 100 outputs. Regenerated as sbibm made them with numpy's
 * legacy generator seeded 42 ({@link NumpyLegacyRandom}): μ_c = 15·z (20×92 normals, row by row), then per
 * component L_c = 3·(tril(G_c) + diag(exp(g_c))) from a 92×92 normal matrix G_c followed by a normal 92-vector g_c,
 * then π = permutation(100). A draw is η = μ_c + L_c z √(df / w), c uniform, z ~ N(0, I), w ~ χ²_df.
 */
final class DistractorMixture {
    static final int COMPONENTS = 20;
    static final int DIM = 92;
    static final int OUTPUTS = 100;
    static final double DF = 2;
    private static final DistractorMixture INSTANCE = new DistractorMixture();

    final double[][] locations = new double[COMPONENTS][DIM];
    final double[][][] scales = new double[COMPONENTS][DIM][DIM];
    /** x_i = v_{permutation[i]}, v = (slcp output, η). */
    final int[] permutation;

    private DistractorMixture() {
        NumpyLegacyRandom r = new NumpyLegacyRandom(42);
        for (int c = 0; c < COMPONENTS; c++) {
            for (int i = 0; i < DIM; i++) {
                locations[c][i] = 15 * r.nextGaussian();
            }
        }
        for (int c = 0; c < COMPONENTS; c++) {
            double[][] g = new double[DIM][DIM];
            for (int i = 0; i < DIM; i++) {
                for (int j = 0; j < DIM; j++) {
                    g[i][j] = r.nextGaussian();
                }
            }
            for (int i = 0; i < DIM; i++) {
                double diag = Math.exp(r.nextGaussian());
                for (int j = 0; j <= i; j++) {
                    scales[c][i][j] = 3 * (g[i][j] + (i == j ? diag : 0));
                }
            }
        }
        permutation = r.permutation(OUTPUTS);
    }

    static DistractorMixture get() {
        return INSTANCE;
    }

    /** η, one 92-vector. */
    double[] draw(Rng rng) {
        int c = rng.nextInt(COMPONENTS);
        double chi2 = -2 * Math.log(rng.nextOpenDouble()); // χ²₂ is Exp with mean 2
        double stretch = Math.sqrt(DF / chi2);
        double[] z = new double[DIM];
        for (int i = 0; i < DIM; i++) {
            z[i] = rng.nextGaussian();
        }
        double[] eta = new double[DIM];
        double[][] l = scales[c];
        for (int i = 0; i < DIM; i++) {
            double s = 0;
            for (int j = 0; j <= i; j++) {
                s += l[i][j] * z[j];
            }
            eta[i] = locations[c][i] + stretch * s;
        }
        return eta;
    }

    /** The 0-based output column holding v_source, for each source index. */
    int[] outputColumns() {
        int[] inverse = new int[OUTPUTS];
        for (int i = 0; i < OUTPUTS; i++) {
            inverse[permutation[i]] = i;
        }
        return inverse;
    }
}
