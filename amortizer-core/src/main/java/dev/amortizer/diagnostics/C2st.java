package dev.amortizer.diagnostics;

import dev.amortizer.data.Quoted;
import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The classifier two-sample test exactly as sbibm computes it: the mean k-fold cross-validated
 * accuracy of scikit-learn's {@code MLPClassifier} telling reference draws X (label 0) from other
 * draws Y (label 1). 0.5 means indistinguishable, 1.0 separable.
 *
 * <p>With n = min(|X|, |Y|, maxRows), n rows of each are used: all of a set with exactly n rows (sbibm's
 * case, 10,000 against 10,000), else n drawn at random without replacement with the seed, never the first n,
 * which in a chain-ordered file would be a biased sample (sbibm's {@code c2st} itself takes both sets whole, with
 * unbalanced classes; here the classes stay balanced so that 0.5 keeps meaning "indistinguishable"). They are
 * z-scored with the mean μ and unbiased standard deviation s (divisor n−1) of X alone, x ↦ (x − μ)/s (a constant
 * column, s = 0, is only centred); values, μ, s and the z-scores must all be finite, else the run is refused
 * naming the set and column, since an overflowing s would turn every value into 0 and score 0.5. The 2n rows are shuffled once and cut into k contiguous test folds as
 * scikit-learn's {@code KFold} does (the first 2n mod k folds one row longer); each fold trains a
 * fresh {@link LogisticClassifier} with hidden width 10·D on the other rows with {@link MlpTrainer}
 * (scikit-learn's Adam, L2 1e-4, batch min(200, n), tol 1e-4 over 10 epochs) and scores the
 * fraction of its test rows classified correctly, predicting Y when {@code p > 0.5}. {@link C2stOptions#scored()} below k
 * trains and scores only the first folds of the same split: each fold's accuracy is what it is in the full run.
 *
 * <p>All randomness comes from {@code Rng.seeded(seed)}: one child shuffles the folds and one
 * child per fold, split up front in fold order, initialises and shuffles that fold's network, so
 * the score is the same for any thread count; a last child draws the subsamples. The numbers differ from scikit-learn's
 * through the random streams and the order of some sums: fed numpy's initial weights and epoch orders, a fold of the
 * classifier's first implementation reproduced scikit-learn's loss curve to about 1e-15, its epoch count and its test
 * accuracy, and the classifier on {@code nn} scores as that one did to within 0.0005
 * (amortizer-bench/results/c2st-vs-sklearn.md). One
 * difference is deliberate: scikit-learn clones the classifier with one {@code random_state},
 * so all its folds start from the same weights and shuffle alike, while here each fold has its
 * own stream; the expected score is the same and its variance lower.
 *
 * <p>Scores below 0.5 are chance: cross-validation on few rows is noisy (its standard error is about
 * 0.5/√(2n)) and slightly anti-learns, since a test fold holding more of one class leaves a training set with more
 * of the other.
 *
 * <p>{@code double c2st = C2st.score(reference, approximate, 1);}
 */
public final class C2st {
    /** The fewest rows each sample set needs. */
    public static final int MIN_ROWS = 10;
    /** Hidden units per input dimension in each of the two hidden layers (sbibm: 10·D). */
    static final int HIDDEN_PER_DIM = 10;

    private C2st() {
    }

    /** The mean cross-validated accuracy under sbibm's settings ({@link C2stOptions#defaults()}). */
    public static double score(Samples reference, Samples other, long seed) {
        return run(reference, other, seed, C2stOptions.defaults()).accuracy();
    }

    /** A full run: mean and per-fold accuracies, epochs per fold and wall time. */
    public static C2stResult run(Samples reference, Samples other, long seed, C2stOptions options) {
        return run(reference, "reference samples", other, "other samples", seed, options);
    }

    /**
     * A full run whose error messages call the two sets {@code referenceName} and {@code otherName} (such as
     * their files).
     */
    public static C2stResult run(Samples reference, String referenceName, Samples other, String otherName, long seed,
                                 C2stOptions options) {
        long start = System.nanoTime();
        if (reference.dim() != other.dim()) {
            throw new IllegalArgumentException("dimensions differ: " + referenceName + " have " + reference.dim()
                    + " columns, " + otherName + " have " + other.dim());
        }
        int n = rowsUsed(reference.size(), other.size(), options);
        if (n < MIN_ROWS) {
            throw new IllegalArgumentException("C2ST needs at least " + MIN_ROWS + " rows in each sample set, got "
                    + reference.size() + " reference and " + other.size() + " other rows");
        }
        int k = options.folds();
        if (2 * n < k) {
            throw new IllegalArgumentException("folds (" + k + ") must not exceed the 2n = " + 2 * n + " rows");
        }
        int d = reference.dim();
        Rng root = Rng.seeded(seed);
        Rng shuffle = root.split();
        Rng[] foldRngs = root.split(k);
        // Split after the fold generators, so equal-sized sets (no subsampling) score as before.
        Rng subsample = root.split();
        checkFinite(reference, referenceName);
        checkFinite(other, otherName);
        Samples x = rows(reference, n, subsample);
        Samples y = rows(other, n, subsample);
        double[] data = standardised(x, referenceName, y, otherName);
        double[] labels = new double[2 * n];
        for (int i = n; i < 2 * n; i++) {
            labels[i] = 1.0;
        }

        int[] perm = new int[2 * n];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        shuffle.shuffle(perm);

        int m = options.scored();
        List<Fold> folds = new ArrayList<>(m);
        int from = 0;
        for (int f = 0; f < m; f++) {
            int size = 2 * n / k + (f < 2 * n % k ? 1 : 0);
            folds.add(new Fold(data, labels, d, perm, from, from + size, options.maxEpochs(), foldRngs[f]));
            from += size;
        }

        double[] accuracies = new double[m];
        int[] epochs = new int[m];
        runAll(folds, options.threads(), accuracies, epochs);

        double sum = 0;
        List<Double> accuracyList = new ArrayList<>(m);
        List<Integer> epochList = new ArrayList<>(m);
        for (int f = 0; f < m; f++) {
            sum += accuracies[f];
            accuracyList.add(accuracies[f]);
            epochList.add(epochs[f]);
        }
        return new C2stResult(sum / m, accuracyList, epochList, n, (System.nanoTime() - start) * 1e-9);
    }

    /** n = min(|X|, |Y|, maxRows), the rows used from each set. */
    public static int rowsUsed(int referenceRows, int otherRows, C2stOptions options) {
        return Math.min(Math.min(referenceRows, otherRows), options.maxRows());
    }

    /** All of {@code s} if it has n rows, else n of its rows drawn without replacement, kept in file order. */
    private static Samples rows(Samples s, int n, Rng rng) {
        if (s.size() == n) {
            return s;
        }
        int[] index = new int[s.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        for (int i = 0; i < n; i++) { // a partial Fisher-Yates shuffle: index[0, n) is a uniform n-subset
            int j = i + rng.nextInt(index.length - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(index, n);
        java.util.Arrays.sort(chosen);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = s.row(chosen[i]);
        }
        return Samples.of(s.names(), rows);
    }

    /** X then Y as one row-major 2n × d array, both z-scored with X's mean and unbiased SD. */
    private static double[] standardised(Samples x, String xName, Samples y, String yName) {
        int n = x.size();
        int d = x.dim();
        double[] mean = x.mean();
        double[] sd = x.sd();
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(mean[j]) || !Double.isFinite(sd[j])) {
                throw new IllegalArgumentException(xName + ", column " + (j + 1) + " (" + Quoted.plain(x.names().get(j))
                        + "): the mean " + mean[j] + " or standard deviation " + sd[j] + " of the values used for"
                        + " z-scoring overflows; values this large (beyond about 1e154) cannot be standardised");
            }
        }
        double[] out = new double[2 * n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double s = sd[j] > 0 ? sd[j] : 1.0;
                out[i * d + j] = (x.get(i, j) - mean[j]) / s;
                out[(n + i) * d + j] = (y.get(i, j) - mean[j]) / s;
                if (!Double.isFinite(out[(n + i) * d + j])) {
                    throw new IllegalArgumentException(yName + ", column " + (j + 1) + " ("
                            + Quoted.plain(y.names().get(j)) + "): value " + y.get(i, j) + " overflows when z-scored"
                            + " with the reference mean " + mean[j] + " and standard deviation " + sd[j]);
                }
            }
        }
        return out;
    }

    private static void checkFinite(Samples s, String which) {
        for (int i = 0; i < s.size(); i++) {
            for (int j = 0; j < s.dim(); j++) {
                double v = s.get(i, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(which + ", data row " + (i + 1) + ", column " + (j + 1) + " ("
                            + Quoted.plain(s.names().get(j)) + "): value " + v + " is not finite");
                }
            }
        }
    }

    /** Runs every fold on a pool of {@code min(threads, k)} threads; fold f writes slot f. */
    private static void runAll(List<Fold> folds, int threads, double[] accuracies, int[] epochs) {
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, folds.size()), r -> {
            Thread t = new Thread(r, "c2st-fold-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(folds.size());
            for (int f = 0; f < folds.size(); f++) {
                Fold fold = folds.get(f);
                int slot = f;
                futures.add(pool.submit(() -> {
                    LogisticClassifier net = fold.initialNetwork();
                    epochs[slot] = fold.train(net);
                    accuracies[slot] = fold.testAccuracy(net);
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("C2ST interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("C2ST fold failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One cross-validation split: test rows perm[from, to), training rows all others in index order. */
    private static final class Fold {
        private final int d;
        private final int maxEpochs;
        private final Rng rng;
        private final double[] xTrain;
        private final double[] yTrain;
        private final double[] xTest;
        private final double[] yTest;

        Fold(double[] data, double[] labels, int d, int[] perm, int from, int to, int maxEpochs, Rng rng) {
            this.d = d;
            this.maxEpochs = maxEpochs;
            this.rng = rng;
            int total = labels.length;
            boolean[] isTest = new boolean[total];
            int testRows = to - from;
            xTest = new double[testRows * d];
            yTest = new double[testRows];
            for (int i = from; i < to; i++) {
                isTest[perm[i]] = true;
                System.arraycopy(data, perm[i] * d, xTest, (i - from) * d, d);
                yTest[i - from] = labels[perm[i]];
            }
            // scikit-learn's KFold yields training indices in ascending order.
            xTrain = new double[(total - testRows) * d];
            yTrain = new double[total - testRows];
            int r = 0;
            for (int i = 0; i < total; i++) {
                if (!isTest[i]) {
                    System.arraycopy(data, i * d, xTrain, r * d, d);
                    yTrain[r++] = labels[i];
                }
            }
        }

        /** scikit-learn's initial network for this fold; draws from the fold's generator first. */
        LogisticClassifier initialNetwork() {
            return LogisticClassifier.glorot(d, HIDDEN_PER_DIM * d, rng);
        }

        /** Trains {@code net} in place on the training rows; returns the epochs run. */
        int train(LogisticClassifier net) {
            return MlpTrainer.fit(net, xTrain, yTrain, yTrain.length, maxEpochs, rng);
        }

        double testAccuracy(LogisticClassifier net) {
            double[] p = new double[yTest.length];
            net.probabilities(xTest, 0, yTest.length, p);
            int correct = 0;
            for (int i = 0; i < p.length; i++) {
                double predicted = p[i] > 0.5 ? 1.0 : 0.0;
                if (predicted == yTest[i]) {
                    correct++;
                }
            }
            return (double) correct / p.length;
        }
    }
}
