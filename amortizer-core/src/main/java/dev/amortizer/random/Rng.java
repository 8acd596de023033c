package dev.amortizer.random;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A seeded, splittable pseudo-random generator (L64X128MixRandom, JDK 17).
 *
 * <p>Every random result in Amortizer comes from an {@code Rng} passed in by the caller; the
 * same seed gives the same numbers. An instance is not thread-safe: give each thread or each
 * independent use its own {@link #split() child}, split in a fixed order in one thread so the
 * result never depends on scheduling.
 *
 * <p>{@code Rng rng = Rng.seeded(42); Rng forSimulation = rng.split(); double u = rng.nextDouble();}
 */
public final class Rng {
    private static final RandomGeneratorFactory<RandomGenerator.SplittableGenerator> FACTORY =
            RandomGeneratorFactory.of("L64X128MixRandom");

    private final RandomGenerator.SplittableGenerator generator;

    private Rng(RandomGenerator.SplittableGenerator generator) {
        this.generator = generator;
    }

    /** A generator whose whole stream is fixed by {@code seed}. */
    public static Rng seeded(long seed) {
        return new Rng(FACTORY.create(seed));
    }

    /** An independent child generator; advances this one, so split in a deterministic order. */
    public Rng split() {
        return new Rng(generator.split());
    }

    /** {@code n} independent children, in a fixed order. */
    public Rng[] split(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        Rng[] children = new Rng[n];
        for (int i = 0; i < n; i++) {
            children[i] = split();
        }
        return children;
    }

    /** Uniform on [0, 1). */
    public double nextDouble() {
        return generator.nextDouble();
    }

    /** Uniform on (0, 1]: safe to take the logarithm of. */
    public double nextOpenDouble() {
        return 1.0 - generator.nextDouble();
    }

    /** Uniform on [lower, upper). */
    public double nextUniform(double lower, double upper) {
        return lower + (upper - lower) * generator.nextDouble();
    }

    /** Standard normal. */
    public double nextGaussian() {
        return generator.nextGaussian();
    }

    /** Normal with the given mean and standard deviation. */
    public double nextGaussian(double mean, double sd) {
        return mean + sd * generator.nextGaussian();
    }

    /** Uniform on {0, ..., bound - 1}. */
    public int nextInt(int bound) {
        return generator.nextInt(bound);
    }

    public long nextLong() {
        return generator.nextLong();
    }

    /** Fisher-Yates shuffle of {@code values} in place. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = generator.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
