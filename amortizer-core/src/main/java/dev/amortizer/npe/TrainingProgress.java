package dev.amortizer.npe;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** The progress bar on stderr that training shows: epochs done, and the validation loss in its message. */
final class TrainingProgress {
    private TrainingProgress() {
    }

    static ProgressBar bar(String name, int maxEpochs) {
        return new ProgressBarBuilder().setTaskName(name).setInitialMax(maxEpochs).setUnit(" epochs", 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
}
