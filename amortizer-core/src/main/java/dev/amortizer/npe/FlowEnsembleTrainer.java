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
 * member resumes.
 */
final class FlowEnsembleTrainer {
    private FlowEnsembleTrainer() {
    }

    /**
     * The trained density; its outcome sums the members' epochs and time, keeps the first member's best epoch and
     * stop reason, and gives the mixture's validation loss.
     */
    static Trained<StandardizedDensity> train(String label, FlowConfig flowConfig, TrainingSchedule schedule,
                                              FlowTrainer.Rows training, FlowTrainer.Rows held, double logScale,
                                              long seed, Rng shuffle, Checkpoint checkpoint,
                                              TrainingListener listener) {
        Trained<ConditionalFlow> first = FlowTrainer.train(label, flowConfig, schedule, training, held, logScale,
                seed, shuffle, checkpoint, listener);
        int members = flowConfig.members();
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
            Trained<ConditionalFlow> m = FlowTrainer.train(label, flowConfig, schedule, training, held, logScale,
                    r.nextLong(), r.split(), own, listener);
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
