package dev.amortizer.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterSymmetryTest {
    private static final ParameterSymmetry THREE = ParameterSymmetry.parse(4, List.of("flip 3", "swap 1 2", "swap- 1 2"));

    @Test
    void parsesTheThreeKindsInCanonicalText() {
        assertThat(ParameterSymmetry.parse(4, List.of(" FLIP 3 ", "swap 2 1", "swap- 1 2")).texts())
                .containsExactly("flip 3", "swap 1 2", "swap- 1 2");
        assertThat(THREE.groupSize()).isEqualTo(8);
        assertThat(THREE.dim()).isEqualTo(4);
        assertThat(THREE).isEqualTo(ParameterSymmetry.parse(4, THREE.texts())).hasSameHashCodeAs(
                ParameterSymmetry.parse(4, THREE.texts()));
        assertThat(THREE).isNotEqualTo(ParameterSymmetry.parse(5, THREE.texts()));
    }

    @Test
    void imagesAreTheReflectionsAndTheirProducts() {
        double[] theta = {0.3, -0.7, 2.0, 5.0};
        assertThat(THREE.image(theta, 0)).containsExactly(theta);
        assertThat(THREE.image(theta, 1)).containsExactly(0.3, -0.7, -2.0, 5.0);
        assertThat(THREE.image(theta, 2)).containsExactly(-0.7, 0.3, 2.0, 5.0);
        assertThat(THREE.image(theta, 4)).containsExactly(0.7, -0.3, 2.0, 5.0);
        // the reflections commute and are involutions: the images form a group under XOR of the element bits
        for (int a = 0; a < 8; a++) {
            for (int b = 0; b < 8; b++) {
                assertThat(THREE.image(THREE.image(theta, a), b)).containsExactly(THREE.image(theta, a ^ b));
            }
        }
        assertThatThrownBy(() -> THREE.image(theta, 8)).hasMessageContaining("element 8 of a group of 8");
        assertThatThrownBy(() -> THREE.image(new double[3], 1)).hasMessageContaining("θ has 3 values");
    }

    @Test
    void foldingPutsEveryImageOfAPointInTheSameRegion() {
        Rng rng = Rng.seeded(3);
        for (int n = 0; n < 200; n++) {
            double[] theta = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            double[] folded = THREE.fold(theta);
            assertThat(folded[2]).isGreaterThanOrEqualTo(0);
            assertThat(folded[0] - folded[1]).isGreaterThanOrEqualTo(0);
            assertThat(folded[0] + folded[1]).isGreaterThanOrEqualTo(0);
            assertThat(THREE.fold(folded)).containsExactly(folded);
            for (int e = 0; e < 8; e++) {
                assertThat(THREE.fold(THREE.image(theta, e))).containsExactly(folded);
            }
        }
    }

    @Test
    void aRandomElementIsUniformOverTheGroup() {
        ParameterSymmetry two = ParameterSymmetry.parse(2, List.of("flip 1", "flip 2"));
        int[] counts = new int[4];
        Rng rng = Rng.seeded(5);
        for (int n = 0; n < 40_000; n++) {
            double[] t = {1, 1};
            two.applyRandom(t, rng);
            counts[(t[0] < 0 ? 1 : 0) + (t[1] < 0 ? 2 : 0)]++;
        }
        // 10,000 expected in each; the binomial SD is about 87
        for (int c : counts) {
            assertThat(c).isBetween(9_600, 10_400);
        }
    }

    @Test
    void refusesMalformedDeclarationsNamingTheEntry() {
        assertThatThrownBy(() -> ParameterSymmetry.parse(3, List.of())).hasMessageContaining("at least one reflection");
        assertThatThrownBy(() -> ParameterSymmetry.parse(3, null)).hasMessageContaining("at least one reflection");
        assertThatThrownBy(() -> ParameterSymmetry.parse(3, List.of("flip 1", "twist 2")))
                .hasMessageContaining("reflection 2 is \"twist 2\"").hasMessageContaining("\"flip i\"");
        assertThatThrownBy(() -> ParameterSymmetry.parse(3, List.of("flip 4")))
                .hasMessageContaining("names parameter 4").hasMessageContaining("from 1 to 3");
        assertThatThrownBy(() -> ParameterSymmetry.parse(3, List.of("flip x")))
                .hasMessageContaining("names parameter x");
        assertThatThrownBy(() -> ParameterSymmetry.parse(3, List.of("swap 2 2")))
                .hasMessageContaining("swaps a parameter with itself");
        assertThatThrownBy(() -> ParameterSymmetry.parse(3, List.of("flip 1 2"))).hasMessageContaining("\"flip 1 2\"");
        assertThatThrownBy(() -> ParameterSymmetry.parse(3, java.util.Arrays.asList("flip 1", null)))
                .hasMessageContaining("reflection 2 is null");
        assertThatThrownBy(() -> ParameterSymmetry.parse(3, List.of("flip 1", "swap 1 2")))
                .hasMessageContaining("reflection 2 (swap 1 2) does not commute with flip 1");
        assertThatThrownBy(() -> ParameterSymmetry.parse(3, List.of("flip 2", "flip 2")))
                .hasMessageContaining("does not commute");
        List<String> nine = java.util.stream.IntStream.rangeClosed(1, 9).mapToObj(i -> "flip " + i).toList();
        assertThatThrownBy(() -> ParameterSymmetry.parse(9, nine)).hasMessageContaining("9 reflections declared");
    }

    @Test
    void aPriorMustHaveTheSymmetry() {
        ParameterSymmetry flip = ParameterSymmetry.parse(2, List.of("flip 1"));
        flip.checkPrior(UniformBoxPrior.cube(2, -1, 1), 100, Rng.seeded(1));
        flip.checkPrior(DiagonalNormalPrior.isotropic(2, 4), 100, Rng.seeded(1));
        ParameterSymmetry.parse(2, List.of("swap- 1 2")).checkPrior(UniformBoxPrior.cube(2, -1, 1), 100, Rng.seeded(1));
        ParameterSymmetry.parse(2, List.of("swap 1 2")).checkPrior(UniformBoxPrior.cube(2, 0, 1), 100, Rng.seeded(1));

        assertThatThrownBy(() -> flip.checkPrior(UniformBoxPrior.cube(2, 0, 1), 100, Rng.seeded(1)))
                .hasMessageContaining("does not map onto itself under flip 1")
                .hasMessageContaining("parameter 1 would range over [-1.0, -0.0]");
        assertThatThrownBy(() -> ParameterSymmetry.parse(2, List.of("swap- 1 2"))
                .checkPrior(UniformBoxPrior.cube(2, 0, 1), 100, Rng.seeded(1)))
                .hasMessageContaining("under swap- 1 2");
        // a support that maps onto itself but a density that does not
        assertThatThrownBy(() -> flip.checkPrior(new DiagonalNormalPrior(new double[] {1, 0}, new double[] {1, 1}),
                100, Rng.seeded(1))).hasMessageContaining("log density differs").hasMessageContaining("[flip 1]");
        assertThatThrownBy(() -> flip.checkPrior(UniformBoxPrior.cube(3, -1, 1), 10, Rng.seeded(1)))
                .hasMessageContaining("acts on 2 parameters, the prior has 3");
    }
}
