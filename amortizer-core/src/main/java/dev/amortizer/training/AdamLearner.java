package dev.amortizer.training;

import dev.amortizer.nn.AdamOptimizer;
import dev.amortizer.random.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** A plain-Java network as a {@link Learner}: Adam on its gradients, checkpoints as {@link TrainingState}s. */
final class AdamLearner implements Learner {
    private final EpochLoop.Objective objective;
    private final List<double[]> params;
    private final AdamOptimizer adam;
    private double[][] bestParams;

    AdamLearner(EpochLoop.Objective objective, TrainingSchedule schedule) {
        this.objective = objective;
        this.params = objective.parameters();
        this.adam = new AdamOptimizer(params, schedule.learningRate(), schedule.gradientClip());
    }

    @Override
    public void step(int[] order, int from, int to, Rng stepRng) {
        adam.step(params, objective.gradient(order, from, to, stepRng));
    }

    @Override
    public double validationLoss() {
        return objective.validationLoss();
    }

    @Override
    public void keepBest() {
        bestParams = TrainingState.copy(params);
    }

    @Override
    public void restoreBest() {
        for (int a = 0; a < params.size(); a++) {
            System.arraycopy(bestParams[a], 0, params.get(a), 0, params.get(a).length);
        }
    }

    @Override
    public double learningRate() {
        return adam.learningRate();
    }

    @Override
    public void setLearningRate(double rate) {
        adam.setLearningRate(rate);
    }

    @Override
    public void save(Checkpoint checkpoint, EpochProgress progress) {
        try {
            new TrainingState(progress, bestParams).save(checkpoint.file(), checkpoint.fingerprint(), params, adam);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + checkpoint.file(), e);
        }
    }

    @Override
    public EpochProgress resume(Checkpoint checkpoint) {
        if (!Files.exists(checkpoint.file())) {
            return null;
        }
        TrainingState state;
        try {
            state = TrainingState.load(checkpoint.file(), checkpoint.fingerprint(), params, adam);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + checkpoint.file(), e);
        }
        bestParams = state.bestParams;
        return state.progress;
    }
}
