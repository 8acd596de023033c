package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimulationArchiveTest {
    @Test
    void standardisesEachCoordinateBeforeMeasuringDistance() {
        SimulationArchive archive = new SimulationArchive(1, 2);
        // the first coordinate varies 100 times more than the second
        archive.add(new double[][] {{0}, {1}, {2}, {3}},
                new double[][] {{0, 0}, {100, 0}, {0, 1}, {-100, -1}});

        SimulationArchive.Nearest nearest = archive.nearest(new double[] {0, 0}, 3);

        assertThat(archive.scale()[0] / archive.scale()[1]).isCloseTo(100, within(1e-9));
        assertThat(nearest.rows()).containsExactly(0, 1, 2);
        assertThat(nearest.distances()[0]).isZero();
        assertThat(nearest.distances()).isSorted();
    }

    @Test
    void dropsAndCountsNonFiniteRowsAndScalesConstantCoordinatesByOne() {
        SimulationArchive archive = new SimulationArchive(1, 2);
        archive.add(new double[][] {{0}, {1}, {2}, {3}},
                new double[][] {{1, 5}, {Double.NaN, 5}, {3, Double.NEGATIVE_INFINITY}, {2, 5}});

        assertThat(archive.size()).isEqualTo(2);
        assertThat(archive.invalid()).isEqualTo(2);
        assertThat(archive.parameters(1)).containsExactly(3);
        assertThat(archive.scale()[1]).isEqualTo(1);
    }

    @Test
    void tiesGoToTheEarlierSimulation() {
        SimulationArchive archive = new SimulationArchive(1, 1);
        archive.add(new double[][] {{0}, {1}, {2}}, new double[][] {{1}, {-1}, {1}});

        assertThat(archive.nearest(new double[] {0}, 2).rows()).containsExactly(0, 1);
    }

    @Test
    void aSimulatorReturningTheWrongShapeIsReported() {
        SimulationArchive archive = new SimulationArchive(1, 2);

        assertThatThrownBy(() -> archive.add(new double[][] {{0}}, new double[][] {{1}}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("row of 1 values, expected 2");
        assertThatThrownBy(() -> archive.add(new double[][] {{0}, {1}}, new double[][] {{1, 2}}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 rows for 2 parameters");
    }
}
