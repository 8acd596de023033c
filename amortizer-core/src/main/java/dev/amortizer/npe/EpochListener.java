package dev.amortizer.npe;

/** Called after each training epoch and its checkpoint; throwing from it aborts training (tests simulate crashes). */
@FunctionalInterface
public interface EpochListener {
    void epochDone(int epoch, double validationLoss);
}
