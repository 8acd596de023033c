package dev.amortizer.training.stream;

/**
 * Which streamed rows are held out for validation, decided row by row without a list: row i is held out when a
 * uniform number hashed from the seed and i (SplitMix64's finaliser) is below {@code fraction}. The same seed holds
 * out the same rows, whatever the chunk size or the order chunks are read in.
 *
 * @param seed     fixes which rows
 * @param fraction expected share held out, in (0, 0.5]
 */
public record HeldOutRule(long seed, double fraction) {
    public HeldOutRule {
        if (!(fraction > 0 && fraction <= 0.5)) {
            throw new IllegalArgumentException("the held-out fraction must be in (0, 0.5], got " + fraction);
        }
    }

    /** Whether row {@code row} (0-based among all pairs) is held out. */
    public boolean heldOut(long row) {
        long z = seed + (row + 1) * 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53 < fraction;
    }
}
