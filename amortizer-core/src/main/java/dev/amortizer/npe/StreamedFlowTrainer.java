package dev.amortizer.npe;

import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.random.Rng;
import dev.amortizer.training.EpochLoop;
import dev.amortizer.training.FlowObjective;
import dev.amortizer.training.FlowTrainer;
import dev.amortizer.training.Trained;
import dev.amortizer.training.TrainingListener;
import dev.amortizer.training.TrainingSchedule;
import dev.amortizer.training.stream.StreamedPairs;

/**
 * A flow, or an ensemble of them ({@link FlowEnsembleTrainer}, its members seeded as in memory), on pairs streamed
 * from disk: each member is initialised from its seed, its linear shift (if the architecture has one) fitted by least
 * squares in two passes over the training rows in the chunks' order, then trained on the {@link EpochLoop} with each
 * window of standardised rows that {@code data}'s epochs read becoming the {@link FlowObjective}'s training rows.
 * Without checkpoints: a stream is not resumed.
 */
final class StreamedFlowTrainer {
    private StreamedFlowTrainer() {
    }

    /**
     * The trained density; losses in standardised units plus {@code logScale} (Σ log s_θ), as in memory.
     *
     * @param held the held-out rows, standardised (z = θ', c = x')
     */
    static Trained<StandardizedDensity> train(String label, FlowConfig flowConfig, TrainingSchedule schedule,
                                              StreamedPairs data, FlowTrainer.Rows held, double logScale, long seed,
                                              Rng shuffle, TrainingListener listener) {
        return FlowEnsembleTrainer.train(flowConfig.members(), held, logScale, seed, shuffle, null,
                (memberSeed, memberShuffle, none) -> member(label, flowConfig, schedule, data, held, logScale,
                        memberSeed, memberShuffle, listener));
    }

    private static Trained<ConditionalFlow> member(String label, FlowConfig flowConfig, TrainingSchedule schedule,
                                                   StreamedPairs data, FlowTrainer.Rows held, double logScale,
                                                   long seed, Rng shuffle, TrainingListener listener) {
        int d = held.z()[0].length;
        int e = held.c()[0].length;
        ConditionalFlow flow = ConditionalFlow.create(flowConfig, d, e, Rng.seeded(seed));
        flow.fitLinearShift(data.conditionalRows());
        FlowObjective objective = new FlowObjective(flow, null, held);
        return new Trained<>(flow, EpochLoop.run(label, schedule, objective, data.windows(objective::trainOn),
                logScale, shuffle, null, listener));
    }
}
