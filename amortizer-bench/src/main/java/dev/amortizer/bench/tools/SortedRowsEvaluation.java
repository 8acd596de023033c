package dev.amortizer.bench.tools;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.SbibmData;
import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.DefaultNpe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataLayout;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.ForwardingTask;
import dev.amortizer.task.RowsLayout;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The default NPE trained on x with its rows put in a canonical order, for a task whose x is a set of exchangeable
 * rows (slcp: four i.i.d. points in the plane, whose posterior does not depend on their order), scored against
 * sbibm's references on its 10 observations: 10,000 draws from {@code Rng.seeded(k)}, C2ST seed k. The optional last
 * argument picks what the network sees: {@code sorted} (the default), the task declaring x as exchangeable rows of
 * {@code ROW} values ({@link RowsLayout}), which the library orders itself, at training and at queries; {@code given}
 * (x as given, where the task declares rows: width 0);
 * {@code sorted+moments} (the ordered rows, then the rows' mean and covariance) or {@code moments} alone (for slcp's
 * Gaussian rows, sufficient statistics: a bound on what any summary of x could give this estimator), both computed
 * here, in the simulator and on each observation. An optional width after it widens every flow candidate's two hidden
 * layers (the default's are 50).
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.SortedRowsEvaluation slcp 2 10000 1
 * [sorted|given|sorted+moments|moments] [WIDTH]}
 */
public final class SortedRowsEvaluation {
    private SortedRowsEvaluation() {
    }

    public static void main(String[] args) {
        if (args.length < 4 || args.length > 6) {
            throw new IllegalArgumentException(
                    "usage: SortedRowsEvaluation task row-length simulations seed"
                            + " [sorted|given|sorted+moments|moments] [flow-width]");
        }
        String form = args.length >= 5 ? args[4] : "sorted";
        int width = args.length == 6 ? Integer.parseInt(args[5]) : 0;
        Task task = TaskCatalog.byName(args[0]);
        int row = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        SbibmData data = SbibmData.locate().orElseThrow(() -> new IllegalArgumentException(
                "sbibm's reference data was not found from " + Path.of("").toAbsolutePath()));
        boolean library = form.equals("sorted") || form.equals("given");
        Task trained = library ? RowsLayout.declaredOn(task, form.equals("given") ? 0 : row)
                : withFeatures(task, row, form);
        DefaultNpe npe = width == 0 ? new DefaultNpe() : new DefaultNpe().tuned(c -> c.flow() == null ? c
                : c.withFlow(c.flow().withHidden(List.of(width, width), c.flow().activation())));
        NpePosterior q = npe.train(trained, n, Rng.seeded(Long.parseLong(args[3])), new CostMeter());
        System.out.printf(Locale.ROOT, "%s, rows of %d %s, flows %s wide, %d simulations: kept %s, training %.1f CPU"
                + " s%n", task.name(), row, form, width == 0 ? "50" : String.valueOf(width), n, q.config().label(),
                q.costLedger().fixed().cpuSeconds());
        double sum = 0;
        for (int k = 1; k <= SbibmData.OBSERVATIONS; k++) {
            double[] x = data.observation(task.name(), k);
            Samples draws = q.sample(library ? x : features(x, row, form), 10_000, Rng.seeded(k));
            double c2st = C2st.score(data.reference(task.name(), k), draws, k);
            sum += c2st;
            System.out.printf(Locale.ROOT, "%d\t%.4f%n", k, c2st);
        }
        System.out.printf(Locale.ROOT, "mean\t%.4f%n", sum / SbibmData.OBSERVATIONS);
    }

    /** {@code task} whose simulator answers x in the chosen {@link #features form}, as its observations must be. */
    private static Task withFeatures(Task task, int row, String form) {
        Simulator inner = task.simulator();
        int dim = features(new double[inner.dataDim()], row, form).length;
        Simulator transformed = new Simulator() {
            @Override
            public int parameterDim() {
                return inner.parameterDim();
            }

            @Override
            public int dataDim() {
                return dim;
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                return features(inner.simulate(theta, rng), row, form);
            }
        };
        return new ForwardingTask(task) {
            @Override
            public Simulator simulator() {
                return transformed;
            }

            @Override
            public int dataDim() {
                return dim;
            }

            @Override
            public List<String> dataNames() {
                return IntStream.rangeClosed(1, dim).mapToObj(i -> "x" + i).toList();
            }

            @Override
            public void checkObservation(double[] x) {
                dataSupport().check(x, dataNames());
            }

            @Override
            public DataSupport dataSupport() {
                return DataSupport.unchecked(dim);
            }

            @Override
            public Optional<DataLayout> dataLayout() {
                return Optional.empty(); // ordered here, not by the library
            }
        };
    }

    /** {@code x} in the chosen form: sorted rows, sorted rows then the rows' moments, or the moments alone. */
    static double[] features(double[] x, int row, String form) {
        return switch (form) {
            case "sorted" -> sorted(x, row);
            case "moments" -> moments(x, row);
            case "sorted+moments" -> {
                double[] s = sorted(x, row);
                double[] m = moments(x, row);
                double[] out = Arrays.copyOf(s, s.length + m.length);
                System.arraycopy(m, 0, out, s.length, m.length);
                yield out;
            }
            default -> throw new IllegalArgumentException("unknown form " + form);
        };
    }

    /** The rows' mean, then their covariance's upper triangle (divisor the number of rows). */
    static double[] moments(double[] x, int row) {
        int rows = x.length / row;
        double[] mean = new double[row];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < row; j++) {
                mean[j] += x[r * row + j] / rows;
            }
        }
        double[] out = Arrays.copyOf(mean, row + row * (row + 1) / 2);
        int k = row;
        for (int a = 0; a < row; a++) {
            for (int b = a; b < row; b++) {
                double c = 0;
                for (int r = 0; r < rows; r++) {
                    c += (x[r * row + a] - mean[a]) * (x[r * row + b] - mean[b]) / rows;
                }
                out[k++] = c;
            }
        }
        return out;
    }

    private static double[] sorted(double[] x, int row) {
        return RowsLayout.canonical(x, row);
    }
}
