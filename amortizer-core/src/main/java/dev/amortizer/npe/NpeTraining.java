package dev.amortizer.npe;

import dev.amortizer.campaign.SimulationCampaign;
import dev.amortizer.campaign.SimulationSource;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.random.Rng;
import dev.amortizer.task.FailureCounts;
import dev.amortizer.task.Task;
import dev.amortizer.training.TrainingSimulations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * NPE's way to its pairs and its candidates: simulate with the first candidate's campaign (saved in its checkpoint
 * directory, or an earlier version's single file of simulations), or take given pairs; then fit every candidate on
 * the same pairs, each with its own split generator, and keep one by a {@link CandidateRule}: the default's lowest
 * validation loss on the rows every candidate holds out, or {@link HeldOutSelection}.
 */
final class NpeTraining {
    /** Fits the candidates on the pairs and keeps one; the ledger {@code run} counts them all. */
    @FunctionalInterface
    interface CandidateRule {
        NpePosterior keep(List<Npe> candidates, Task task, TrainingSimulations sims, Rng rng, CostMeter run,
                          CostMeter meter);
    }

    /**
     * The default's rule: every candidate holds out the same 10% (one seed drawn for the split where there are
     * several), the lowest validation loss is kept. Held out separately, two candidates' losses would differ by the
     * rows scored as much as by the fits: −log q of gaussian_linear's posterior varies by 2.2 nats between pairs, ±0.03
     * nats on two separate 10% of 10⁵ pairs, where the candidates differed by 0.006.
     */
    static final CandidateRule LOWEST_VALIDATION_LOSS = NpeTraining::fitCandidates;

    private NpeTraining() {
    }

    /** Simulates {@code n} pairs (the campaign splits {@code rng}), then fits the candidates on them. */
    static NpePosterior train(List<Npe> candidates, CandidateRule rule, Task task, int n, Rng rng, CostMeter meter) {
        if (n < 2) {
            throw new IllegalArgumentException("numSimulations must be >= 2, got " + n);
        }
        Npe first = candidates.get(0);
        CostMeter run = new CostMeter();
        // a checkpoint directory of an earlier version holds one file of simulations; the campaign's generators
        // are split all the same, so training goes on exactly as that version's would
        SimulationStore legacy = first.checkpoints() == null ? null
                : new SimulationStore(first.checkpoints().resolve(Npe.SIMULATIONS_FILE), task, n);
        SimulationStore.Saved saved = legacy == null ? null : legacy.load();
        if (saved != null) {
            rng.split(SimulationCampaign.batches(n));
            // the simulations were paid for by the run that saved them: the ledger still counts them
            run.add(Phase.SIMULATION, saved.cost());
            run.countSimulations(Phase.SIMULATION, n);
            return rule.keep(candidates, task, new TrainingSimulations(saved.theta(), saved.x()), rng, run, meter);
        }
        SimulationCampaign campaign = first.checkpoints() == null ? SimulationCampaign.inMemory()
                : SimulationCampaign.in(first.checkpoints().resolve(Npe.CAMPAIGN_DIR), first.campaignKey());
        TrainingSimulations sims = TrainingSimulations.simulate(campaign, task, n, rng, run);
        return rule.keep(candidates, task, sims, rng, run, meter)
                .withSource(SimulationSource.simulated(sims.failures()));
    }

    /**
     * Fits the candidates on pairs simulated elsewhere, splitting {@code rng} first as a campaign of as many pairs
     * would, so that a campaign's pairs give the model {@link #train(List, CandidateRule, Task, int, Rng, CostMeter)}
     * fits.
     */
    static NpePosterior train(List<Npe> candidates, CandidateRule rule, Task task, double[][] theta, double[][] x,
                              List<SimulationSource.SourceFile> files, Rng rng, CostMeter meter) {
        if (theta == null || x == null || theta.length != x.length || theta.length < 2) {
            throw new IllegalArgumentException("training pairs need as many θ rows as x rows, at least 2, got "
                    + (theta == null ? "none" : theta.length) + " and " + (x == null ? "none" : x.length));
        }
        for (int i = 0; i < theta.length; i++) {
            if (theta[i] == null || theta[i].length != task.parameterDim() || x[i] == null
                    || x[i].length != task.dataDim()) {
                throw new IllegalArgumentException("training pair " + (i + 1) + " has "
                        + (theta[i] == null ? 0 : theta[i].length) + " θ and " + (x[i] == null ? 0 : x[i].length)
                        + " x values; task " + task.name() + " has " + task.parameterDim() + " and "
                        + task.dataDim());
            }
        }
        rng.split(SimulationCampaign.batches(theta.length));
        CostMeter run = new CostMeter();
        run.countSimulations(Phase.SIMULATION, theta.length);
        long failed = Arrays.stream(x).filter(row -> !Arrays.stream(row).allMatch(Double::isFinite)).count();
        FailureCounts failures = FailureCounts.of(FailureCounts.NON_FINITE, failed);
        return rule.keep(candidates, task, new TrainingSimulations(theta, x), rng, run, meter)
                .withSource(files == null || files.isEmpty()
                        ? SimulationSource.simulated(failures) : SimulationSource.files(files, failures));
    }

    /**
     * Fits each candidate with the next split of {@code rng}, the first in its own checkpoint directory and each
     * other in a subdirectory named by its label, and keeps the lowest validation loss; the ledger counts them all.
     */
    private static NpePosterior fitCandidates(List<Npe> candidates, Task task, TrainingSimulations sims, Rng rng,
                                              CostMeter run, CostMeter meter) {
        CostMeter counted = new CostMeter(); // each fit adds the running ledger; the total is added once below
        LowestValidationLoss rule = new LowestValidationLoss();
        // several candidates hold out the same rows, so that their losses differ by the fits, not by the rows scored
        Long splitSeed = candidates.size() > 1 ? rng.nextLong() : null;
        for (int k = 0; k < candidates.size(); k++) {
            Npe npe = k == 0 ? candidates.get(0) : inOwnDirectory(candidates.get(k));
            Rng split = splitSeed == null ? null : Rng.seeded(splitSeed);
            rule.offer(NpeFit.fit(npe, task, sims, rng.split(), split, run, counted));
        }
        meter.add(run.ledger());
        return rule.kept(task, run.ledger());
    }

    /** The candidate, its checkpoints in a subdirectory of its own named by its label. */
    static Npe inOwnDirectory(Npe candidate) {
        if (candidate.checkpoints() == null) {
            return candidate;
        }
        Path dir = candidate.checkpoints().resolve(candidate.config().label());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create checkpoint directory " + dir, e);
        }
        return candidate.withCheckpoints(dir, candidate.campaignKey());
    }
}
