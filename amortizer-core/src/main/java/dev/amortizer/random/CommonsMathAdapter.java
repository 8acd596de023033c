package dev.amortizer.random;

import java.util.random.RandomGenerator;
import org.apache.commons.math3.random.AbstractRandomGenerator;

/** Lets Commons Math draw from an {@link Rng}'s stream; reseeding is refused to keep runs reproducible. */
final class CommonsMathAdapter extends AbstractRandomGenerator {
    private final RandomGenerator generator;

    CommonsMathAdapter(RandomGenerator generator) {
        this.generator = generator;
    }

    @Override
    public void setSeed(long seed) {
        throw new UnsupportedOperationException("an Rng is seeded once, at construction; split it instead");
    }

    @Override
    public double nextDouble() {
        return generator.nextDouble();
    }

    @Override
    public double nextGaussian() {
        return generator.nextGaussian();
    }
}
