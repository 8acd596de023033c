package dev.amortizer.cost;

/** Where a cost was spent (amortizer-bench/README.md): the fixed cost F is simulation + training + validation. */
public enum Phase {
    SIMULATION, TRAINING, VALIDATION, QUERY;

    /** The lower-case name used in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether this phase is paid once, up front, by an amortiser. */
    public boolean isFixed() {
        return this != QUERY;
    }
}
