package dev.amortizer.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void sameSeedSameStreamAndSplitsAreDeterministic() {
        Rng a = Rng.seeded(7);
        Rng b = Rng.seeded(7);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextDouble()).isEqualTo(b.nextDouble());
        }
        Rng[] ca = a.split(3);
        Rng[] cb = b.split(3);
        for (int i = 0; i < 3; i++) {
            assertThat(ca[i].nextGaussian()).isEqualTo(cb[i].nextGaussian());
        }
        assertThat(Rng.seeded(7).nextLong()).isNotEqualTo(Rng.seeded(8).nextLong());
    }

    @Test
    void childrenAreIndependentOfEachOther() {
        Rng[] c = Rng.seeded(1).split(2);
        int n = 20_000;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxy += c[0].nextGaussian() * c[1].nextGaussian();
        }
        assertThat(Math.abs(sxy / n)).isLessThan(0.03);
    }

    @Test
    void openDoubleIsNeverZeroAndShuffleIsAPermutation() {
        Rng r = Rng.seeded(3);
        for (int i = 0; i < 10_000; i++) {
            assertThat(r.nextOpenDouble()).isGreaterThan(0).isLessThanOrEqualTo(1);
        }
        int[] v = {0, 1, 2, 3, 4, 5, 6, 7};
        r.shuffle(v);
        assertThat(v).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
    }
}
