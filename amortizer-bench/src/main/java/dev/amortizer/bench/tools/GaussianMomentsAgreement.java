package dev.amortizer.bench.tools;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SbibmData;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.random.Rng;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * How far a task's reference posteriors are from Gaussian: for each observation k, as many draws as sbibm's
 * reference samples from the Gaussian with their own mean and covariance ({@code Rng.seeded(k)}), scored against them
 * by {@code C2st.score(reference, gaussian, k)}. A C2ST near 0.5 says a Gaussian family suffices there, so an
 * amortiser's remaining error is in learning the moments as functions of x.
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.GaussianMomentsAgreement bernoulli_glm [1-10]}
 */
public final class GaussianMomentsAgreement {
    private GaussianMomentsAgreement() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: GaussianMomentsAgreement task [observations, e.g. 1-10]");
        }
        String task = args[0];
        String[] range = (args.length > 1 ? args[1] : "1-" + SbibmData.OBSERVATIONS).split("-");
        int first = Integer.parseInt(range[0]);
        int last = Integer.parseInt(range[range.length - 1]);
        SbibmData data = SbibmData.locate().orElseThrow(() ->
                new IllegalArgumentException("../shared/sbibm not found above the working directory"));
        double sum = 0;
        for (int k = first; k <= last; k++) {
            Samples reference = data.reference(task, k);
            double c2st = C2st.score(reference, gaussianLike(reference, Rng.seeded(k)), k);
            sum += c2st;
            System.out.printf(Locale.ROOT, "%s\t%d\t%.4f%n", task, k, c2st);
        }
        System.out.printf(Locale.ROOT, "%s\tmean\t%.4f%n", task, sum / (last - first + 1));
    }

    /** As many draws as {@code s} holds from the Gaussian with its mean and (n − 1)-normalised covariance. */
    static Samples gaussianLike(Samples s, Rng rng) {
        int n = s.size();
        int d = s.dim();
        double[] mean = s.mean();
        double[][] cov = new double[d][d];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    cov[i][j] += (s.get(r, i) - mean[i]) * (s.get(r, j) - mean[j]) / (n - 1);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                cov[i][j] = cov[j][i];
            }
        }
        RealMatrix lower = new CholeskyDecomposition(new Array2DRowRealMatrix(cov)).getL();
        double[][] rows = new double[n][d];
        double[] z = new double[d];
        for (double[] row : rows) {
            for (int i = 0; i < d; i++) {
                z[i] = rng.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                double v = mean[i];
                for (int j = 0; j <= i; j++) {
                    v += lower.getEntry(i, j) * z[j];
                }
                row[i] = v;
            }
        }
        return Samples.of(s.names(), rows);
    }
}
