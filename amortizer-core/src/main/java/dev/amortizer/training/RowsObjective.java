package dev.amortizer.training;

/**
 * What the density objectives on the {@link EpochLoop} share: standardised training rows, fixed or replaced by each
 * window of a stream read from disk ({@link #trainOn}), and the held-out rows of the validation loss.
 */
public abstract class RowsObjective implements EpochLoop.Objective {
    /** The held-out rows. */
    protected final FlowTrainer.Rows validation;
    private FlowTrainer.Rows training;

    /** {@code training} may be null until {@link #trainOn} sets it. */
    protected RowsObjective(FlowTrainer.Rows training, FlowTrainer.Rows validation) {
        this.training = training;
        this.validation = validation;
    }

    /** Trains on {@code rows} from now on: the window of a stream read from disk. */
    public final void trainOn(FlowTrainer.Rows rows) {
        training = rows;
    }

    /** The training rows order[start … end): the minibatch of one step. */
    protected final FlowTrainer.Rows batch(int[] order, int start, int end) {
        return training.select(order, start, end);
    }
}
