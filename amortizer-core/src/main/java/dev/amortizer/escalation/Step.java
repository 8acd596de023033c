package dev.amortizer.escalation;

/** The steps of an escalation, in order; each is tried only when the one before it failed its check. */
public enum Step {
    /** The amortised posterior's own draws. */
    AMORTISED("amortised"),
    /** Importance sampling with the amortised posterior as proposal and prior × likelihood as target. */
    IMPORTANCE("importance"),
    /** MCMC on prior × likelihood, its chains started at the importance-sampling draws. */
    MCMC("mcmc");

    private final String label;

    Step(String label) {
        this.label = label;
    }

    /** Lower-case name, as the command line and reports print it. */
    public String label() {
        return label;
    }

    /** 1, 2 or 3. */
    public int number() {
        return ordinal() + 1;
    }
}
