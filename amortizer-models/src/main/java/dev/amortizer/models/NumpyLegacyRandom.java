package dev.amortizer.models;

/**
 * The Mersenne Twister MT19937 with numpy's legacy {@code RandomState} draws, to regenerate constants that sbibm
 * made with {@code numpy.random.seed(s)} (bernoulli_glm's stimulus, slcp_distractors' mixture and permutation).
 *
 * <ul>
 *   <li>seeding from a 32-bit integer s: mt[0] = s, mt[i] = 1812433253·(mt[i−1] ⊕ (mt[i−1] ≫ 30)) + i (mod 2³²);</li>
 *   <li>a double on [0, 1) from two 32-bit words a, b: ((a ≫ 5)·2²⁶ + (b ≫ 6)) / 2⁵³;</li>
 *   <li>a standard normal by the polar method: draw v₁, v₂ uniform on (−1, 1) until 0 &lt; r² = v₁² + v₂² &lt; 1,
 *       f = √(−2 ln r² / r²), return f·v₂ now and keep f·v₁ for the next call;</li>
 *   <li>an integer on {0..m} by masking a 32-bit word to the smallest 2^k − 1 ≥ m and rejecting values above m;</li>
 *   <li>a permutation of {0..n−1} by shuffling 0..n−1 from the last position down, swapping i with a draw on {0..i}.</li>
 * </ul>
 *
 * <p>Only this package uses it: it exists for bit-for-bit constants, not as a general generator (use {@code Rng}).
 */
final class NumpyLegacyRandom {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index = N;
    private boolean hasGauss;
    private double gauss;

    NumpyLegacyRandom(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("a legacy numpy seed must lie in [0, 2^32), got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
    }

    int nextInt32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7FFFFFFF);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                next ^= 0x9908B0DF;
            }
            mt[i] = next;
        }
        index = 0;
    }

    double nextDouble() {
        long a = Integer.toUnsignedLong(nextInt32()) >>> 5;
        long b = Integer.toUnsignedLong(nextInt32()) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    double nextGaussian() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double v1;
        double v2;
        double r2;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            r2 = v1 * v1 + v2 * v2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * v1;
        hasGauss = true;
        return f * v2;
    }

    /** A uniform integer on {0, ..., max}, max below 2³¹. */
    int nextIntUpTo(int max) {
        if (max == 0) {
            return 0;
        }
        int mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        int value;
        do {
            value = nextInt32() & mask;
        } while (Integer.compareUnsigned(value, max) > 0);
        return value;
    }

    int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextIntUpTo(i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
