package dev.amortizer.bench;

import dev.amortizer.training.EpochReport;
import dev.amortizer.training.TrainingListener;
import dev.amortizer.training.TrainingOutcome;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/**
 * Training events drawn as progress bars on stderr: one bar per training run (each candidate, each ensemble member),
 * epochs done, and the validation loss in its message. The library draws nothing; the command line and the
 * benchmark attach this where a person watches.
 */
public final class TrainingProgressBars implements TrainingListener {
    private ProgressBar bar;

    private TrainingProgressBars() {
    }

    /** Bars on an interactive terminal (not in CI logs); elsewhere a listener that draws nothing. */
    public static TrainingListener onConsole() {
        return ProgressBars.enabled() ? new TrainingProgressBars() : TrainingListener.NONE;
    }

    @Override
    public void started(String label, int maxEpochs) {
        ProgressBars.close(bar);
        bar = ProgressBars.open(label, maxEpochs, "epochs");
    }

    @Override
    public void epochDone(EpochReport r) {
        if (bar != null) {
            bar.stepTo(r.epoch());
            bar.setExtraMessage(String.format(Locale.ROOT, " val %.4f (best %.4f @%d)", r.validationLoss(),
                    r.bestLoss(), r.bestEpoch()));
        }
    }

    @Override
    public void finished(String label, TrainingOutcome outcome) {
        ProgressBars.close(bar);
        bar = null;
    }
}
