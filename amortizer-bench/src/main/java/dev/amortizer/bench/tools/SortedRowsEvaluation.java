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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The default NPE trained on x with its rows put in a canonical order, for a task whose x is a set of exchangeable
 * rows (slcp: four i.i.d. points in the plane, whose posterior does not depend on their order), scored against
 * sbibm's references on its 10 observations: 10,000 draws from {@code Rng.seeded(k)}, C2ST seed k. The optional last
 * argument picks what the network sees: {@code sorted} (the default), the task declaring x as exchangeable rows of
 * {@code ROW} values ({@link RowsLayout}), which the library orders and follows by their moments itself, at training
 * and at queries; {@code sorted-alone} (the ordered rows without their moments); {@code given} (x as given, where the
 * task declares rows: width 0); {@code sorted+moments} (the ordered rows, then their mean and covariance) or
 * {@code moments} alone (for slcp's Gaussian rows, sufficient statistics: a bound on what any summary of x could give
 * this estimator), both computed here, in the simulator and on each observation, the task declaring no rows. An
 * optional width after it sets every flow candidate's two hidden layers (the default's are
 * {@link DefaultNpe#ROWS_FLOW_WIDTH} wide where the task declares rows, 50 otherwise).
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.SortedRowsEvaluation slcp 2 10000 1
 * [sorted|sorted-alone|given|sorted+moments|moments] [WIDTH]}
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
        boolean library = form.equals("sorted") || form.equals("sorted-alone") || form.equals("given");
        Task trained = library ? RowsLayout.declaredOn(task, form.equals("given") ? 0 : row)
                : withFeatures(task, row, form);
        DefaultNpe npe = width == 0 ? new DefaultNpe() : new DefaultNpe().tuned(c -> c.flow() == null ? c
                : c.withFlow(c.flow().withHidden(List.of(width, width), c.flow().activation())));
        npe = form.equals("sorted-alone") ? npe.with(trainer -> trainer.withRowMoments(false)) : npe;
        NpePosterior q = npe.train(trained, n, Rng.seeded(Long.parseLong(args[3])), new CostMeter());
        System.out.printf(Locale.ROOT, "%s, rows of %d %s, %d simulations: kept %s (hidden %s), training %.1f CPU"
                + " s%n", task.name(), row, form, n, q.config().label(),
                q.config().flow() == null ? "-" : q.config().flow().hiddenWidths(), q.costLedger().fixed().cpuSeconds());
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

    /**
     * {@code x} in the chosen form: the ordered rows then their moments (as the library computes them, here outside
     * it), or the moments alone.
     */
    static double[] features(double[] x, int row, String form) {
        return switch (form) {
            case "moments" -> RowsLayout.moments(RowsLayout.canonical(x, row), row);
            case "sorted+moments" -> RowsLayout.withMoments(RowsLayout.canonical(x, row), row);
            default -> throw new IllegalArgumentException("unknown form " + form);
        };
    }
}
