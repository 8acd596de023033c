package dev.amortizer.training;

import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.random.Rng;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * Minimises the mean −log q(z | c) of a {@link ConditionalFlow} ({@link FlowObjective}) on the {@link EpochLoop}: NPE
 * fits θ given x, NLE x given θ.
 */
public final class FlowTrainer {
    /** Fixed parts of each minibatch, computed in parallel and summed in order. */
    public static final int CHUNKS = 2;

    private FlowTrainer() {
    }

    /**
     * Trains a flow of architecture {@code flowConfig}, its initial weights from {@code seed}, on the standardised
     * rows. A flow with a linear shift starts from the least-squares regression of the training rows' z on c.
     *
     * @param label      names the run in training events, such as "NPE-nsf"
     * @param logScale   added to reported losses: Σ log s of the modelled side's standardisation
     * @param checkpoint null for none
     */
    public static Trained<ConditionalFlow> train(String label, FlowConfig flowConfig, TrainingSchedule schedule,
                                                 Rows training, Rows validation, double logScale, long seed,
                                                 Rng shuffle, Checkpoint checkpoint, TrainingListener listener) {
        ConditionalFlow flow = ConditionalFlow.create(flowConfig, training.z[0].length, training.c[0].length,
                Rng.seeded(seed));
        flow.fitLinearShift(training.z, training.c);
        return train(label, flow, schedule, training, validation, logScale, shuffle, checkpoint, listener);
    }

    /**
     * Trains {@code flow} further from the weights it has (a warm start: no new initialisation, no least-squares
     * shift), updating it in place; the rows must be in the units it was trained in.
     */
    public static Trained<ConditionalFlow> train(String label, ConditionalFlow flow, TrainingSchedule schedule,
                                                 Rows training, Rows validation, double logScale, Rng shuffle,
                                                 Checkpoint checkpoint, TrainingListener listener) {
        FlowObjective objective = new FlowObjective(flow, training, validation);
        return new Trained<>(flow, EpochLoop.run(label, schedule, objective, training.z.length, logScale, shuffle,
                checkpoint, listener));
    }

    /** Adds the parts' gradients into the first, in order, so the sum does not depend on which part ended first. */
    public static double[][] sumInOrder(double[][][] parts) {
        double[][] total = parts[0];
        for (int k = 1; k < parts.length; k++) {
            for (int a = 0; a < total.length; a++) {
                double[] t = total[a];
                double[] p = parts[k][a];
                for (int i = 0; i < t.length; i++) {
                    t[i] += p[i];
                }
            }
        }
        return total;
    }

    /** Mean −log q over the rows for a density of z given c (a flow's, an ensemble's), in parallel parts of 1024. */
    public static double validationLoss(BiFunction<double[][], double[][], double[]> logProb, Rows rows) {
        int n = rows.z.length;
        int parts = (n + 1023) / 1024;
        double[] sums = new double[parts];
        IntStream.range(0, parts).parallel().forEach(k -> {
            int from = k * 1024;
            int to = Math.min(n, from + 1024);
            double s = 0;
            for (double lp : logProb.apply(java.util.Arrays.copyOfRange(rows.z, from, to),
                    java.util.Arrays.copyOfRange(rows.c, from, to))) {
                s -= lp;
            }
            sums[k] = s;
        });
        double total = 0;
        for (double s : sums) {
            total += s;
        }
        return total / n;
    }

    /** Standardised rows: z[i] the modelled side, c[i] the conditioning side. */
    public record Rows(double[][] z, double[][] c) {
        /** The first {@code rows} rows of flat row-major z (width {@code zDim}) and c (width {@code cDim}). */
        public static Rows ofFlat(double[] z, double[] c, int rows, int zDim, int cDim) {
            double[][] zRows = new double[rows][];
            double[][] cRows = new double[rows][];
            for (int r = 0; r < rows; r++) {
                zRows[r] = java.util.Arrays.copyOfRange(z, r * zDim, (r + 1) * zDim);
                cRows[r] = java.util.Arrays.copyOfRange(c, r * cDim, (r + 1) * cDim);
            }
            return new Rows(zRows, cRows);
        }

        /** Rows order[start … end), in that order: a minibatch (the arrays are shared, not copied). */
        public Rows select(int[] order, int start, int end) {
            double[][] zRows = new double[end - start][];
            double[][] cRows = new double[end - start][];
            for (int r = start; r < end; r++) {
                zRows[r - start] = z[order[r]];
                cRows[r - start] = c[order[r]];
            }
            return new Rows(zRows, cRows);
        }
    }
}
