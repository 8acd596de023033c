package dev.amortizer.npe;

import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.random.Rng;
import dev.amortizer.training.Checkpoint;
import dev.amortizer.training.FlowTrainer;
import dev.amortizer.training.Trained;
import dev.amortizer.training.TrainingListener;
import dev.amortizer.training.TrainingOutcome;
import dev.amortizer.training.TrainingSchedule;
import java.util.ArrayList;
import java.util.List;

/**
 * One flow, or an equal mixture of {@code members} flows trained on the same rows: the first member is trained
 * exactly as a single flow would be; member k ≥ 2 takes its weights' seed and shuffles from split k − 1 of
 * {@code Rng.seeded(seed)} and checkpoints to {@code member-k-checkpoint.bin} beside the first, so a crash in any
 * member resumes. How a member is trained (rows in memory, or streamed from disk) is the caller's {@link Member}.
 */
final class FlowEnsembleTrainer {
    private FlowEnsembleTrainer() {
    }

    /** Trains one member from a fresh initialisation: {@code seed} fixes its weights, {@code shuffle} its order. */
    @FunctionalInterface
    interface Member {
        /** @param checkpoint null for none */
        Trained<ConditionalFlow> train(long seed, Rng shuffle, Checkpoint checkpoint);
    }

    /** As {@link #train(int, FlowTrainer.Rows, double, long, Rng, Checkpoint, Member)}, members on rows in memory. */
    static Trained<StandardizedDensity> train(String label, FlowConfig flowConfig, TrainingSchedule schedule,
                                              FlowTrainer.Rows training, FlowTrainer.Rows held, double logScale,
                                              long seed, Rng shuffle, Checkpoint checkpoint,
                                              TrainingListener listener) {
        return train(flowConfig.members(), held, logScale, seed, shuffle, checkpoint, (s, r, c) ->
                FlowTrainer.train(label, flowConfig, schedule, training, held, logScale, s, r, c, listener));
    }

    /**
     * The trained density of {@code members} flows, each trained by {@code member}; its outcome sums the members'
     * epochs and time, keeps the first member's best epoch and stop reason, and gives the mixture's validation loss
     * on {@code held} plus {@code logScale}.
     */
    static Trained<StandardizedDensity> train(int members, FlowTrainer.Rows held, double logScale, long seed,
                                              Rng shuffle, Checkpoint checkpoint, Member member) {
        Trained<ConditionalFlow> first = member.train(seed, shuffle, checkpoint);
        if (members == 1) {
            return new Trained<>(new FlowDensity(first.fitted()), first.outcome());
        }
        List<ConditionalFlow> flows = new ArrayList<>(List.of(first.fitted()));
        int epochs = first.outcome().epochs();
        double seconds = first.outcome().wallSeconds();
        Rng[] memberRngs = Rng.seeded(seed).split(members - 1);
        for (int k = 2; k <= members; k++) {
            Rng r = memberRngs[k - 2];
            Checkpoint own = checkpoint == null ? null
                    : checkpoint.sibling("member-" + k + "-" + Npe.CHECKPOINT_FILE, checkpoint.fingerprint() + k - 1);
            Trained<ConditionalFlow> m = member.train(r.nextLong(), r.split(), own);
            flows.add(m.fitted());
            epochs += m.outcome().epochs();
            seconds += m.outcome().wallSeconds();
        }
        FlowEnsembleDensity ensemble = new FlowEnsembleDensity(flows);
        double loss = FlowTrainer.validationLoss(ensemble::logProb, held) + logScale;
        return new Trained<>(ensemble, new TrainingOutcome(epochs, first.outcome().bestEpoch(), loss, seconds,
                first.outcome().stopReason()));
    }
}
