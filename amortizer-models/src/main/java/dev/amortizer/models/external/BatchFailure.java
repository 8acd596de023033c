package dev.amortizer.models.external;

/** Why one batch gave no usable answer; the worker that ran it is no longer usable. */
final class BatchFailure extends Exception {
    /** The kinds a failure is counted under. */
    enum Kind {
        CRASHED("crashed"), TIMED_OUT("timed out"), MALFORMED("malformed");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    final Kind kind;

    BatchFailure(Kind kind, String detail) {
        super(kind.label + ": " + detail, null, false, false);
        this.kind = kind;
    }
}
