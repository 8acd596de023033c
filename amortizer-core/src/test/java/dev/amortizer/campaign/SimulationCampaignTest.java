package dev.amortizer.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.npe.TestTasks;
import dev.amortizer.random.Rng;
import dev.amortizer.task.FailureCounts;
import dev.amortizer.task.FailureReporting;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationCampaignTest {
    private static final int N = 2500; // two full batches and a half one
    @TempDir
    Path dir;

    private static SimulationCampaign.Result inMemory(Task task, long seed) {
        return SimulationCampaign.inMemory().run(task, N, Rng.seeded(seed), new CostMeter());
    }

    @Test
    void drawsThePairsNpeAlwaysDrewBatchByBatch() {
        Task task = TestTasks.box();
        Rng rng = Rng.seeded(3);
        Rng[] batches = rng.split(3);
        double[][] theta = task.prior().sample(SimulationCampaign.BATCH, batches[1]);
        double[][] x = task.simulator().simulate(theta, batches[1]);
        SimulationCampaign.Result r = inMemory(task, 3);
        assertThat(r.theta()[SimulationCampaign.BATCH]).containsExactly(theta[0]);
        assertThat(r.x()[2 * SimulationCampaign.BATCH - 1]).containsExactly(x[SimulationCampaign.BATCH - 1]);
        assertThat(r.failures()).isEqualTo(FailureCounts.NONE);
    }

    @Test
    void savedThreadedAndResumedCampaignsEqualTheInMemoryOne() throws IOException {
        Task task = TestTasks.box();
        SimulationCampaign.Result expected = inMemory(task, 5);
        SimulationCampaign saved = SimulationCampaign.in(dir, "seed 5").withThreads(3);
        SimulationCampaign.Result first = saved.run(task, N, Rng.seeded(5), new CostMeter());
        assertThat(first.theta()).isDeepEqualTo(expected.theta());
        assertThat(first.x()).isDeepEqualTo(expected.x());
        assertThat(first.resumed()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("batch-000000.bin", "batch-000001.bin", "batch-000002.bin");
        }

        // a crash that lost batch 1 and tore batch 2: both are simulated again, batch 0 is reused
        Files.delete(dir.resolve("batch-000001.bin"));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("batch-000002.bin").toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        CostMeter meter = new CostMeter();
        SimulationCampaign.Result resumed = SimulationCampaign.in(dir, "seed 5").run(task, N, Rng.seeded(5), meter);
        assertThat(resumed.resumed()).isEqualTo(1);
        assertThat(resumed.theta()).isDeepEqualTo(expected.theta());
        assertThat(resumed.x()).isDeepEqualTo(expected.x());
        assertThat(meter.ledger().get(Phase.SIMULATION).simulatorCalls()).as("F counts every simulation")
                .isEqualTo(N);
        assertThat(SimulationCampaign.in(dir, "seed 5").run(task, N, Rng.seeded(5), new CostMeter()).resumed())
                .isEqualTo(3);
    }

    @Test
    void aFlippedBitIsCaughtByTheChecksumAndTheBatchRedone() throws IOException {
        Task task = TestTasks.box();
        SimulationCampaign.in(dir, "k").run(task, N, Rng.seeded(8), new CostMeter());
        Path file = dir.resolve("batch-000000.bin");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10; // inside the rows: still parses, only the checksum tells
        Files.write(file, bytes);
        SimulationCampaign.Result r = SimulationCampaign.in(dir, "k").run(task, N, Rng.seeded(8), new CostMeter());
        assertThat(r.resumed()).isEqualTo(2);
        assertThat(r.x()).isDeepEqualTo(inMemory(task, 8).x());
        assertThat(Files.readAllBytes(file)).isNotEqualTo(bytes);
    }

    @Test
    void resumedBatchesCarryTheTimeTheyTook() {
        Task slow = slowed(TestTasks.box(), 2);
        SimulationCampaign.in(dir, "k").run(slow, N, Rng.seeded(1), new CostMeter());
        CostMeter meter = new CostMeter();
        SimulationCampaign.Result r = SimulationCampaign.in(dir, "k").run(slow, N, Rng.seeded(1), meter);
        assertThat(r.resumed()).isEqualTo(3);
        // 2500 simulations at 2 ms per 100 rows took at least 50 ms when they were simulated
        assertThat(meter.ledger().get(Phase.SIMULATION).wallSeconds()).isGreaterThanOrEqualTo(0.05);
    }

    @Test
    void aDirectoryOfAnotherSeedOrTaskIsRefused() {
        Task task = TestTasks.box();
        SimulationCampaign.in(dir, "seed 1").run(task, N, Rng.seeded(1), new CostMeter());
        assertThatThrownBy(() -> SimulationCampaign.in(dir, "seed 2").run(task, N, Rng.seeded(2), new CostMeter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch-000000.bin").hasMessageContaining("seed 1")
                .hasMessageContaining("seed 2").hasMessageContaining("use another directory");
    }

    @Test
    void aDirectoryOfAnotherBudgetIsRefusedNotOverwritten() throws IOException {
        Task task = TestTasks.box();
        SimulationCampaign.in(dir, "k").run(task, N, Rng.seeded(4), new CostMeter());
        byte[] before = Files.readAllBytes(dir.resolve("batch-000002.bin"));
        assertThatThrownBy(() -> SimulationCampaign.in(dir, "k").run(task, 4000, Rng.seeded(4), new CostMeter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2500 simulations")
                .hasMessageContaining("4000 simulations");
        assertThat(Files.readAllBytes(dir.resolve("batch-000002.bin"))).isEqualTo(before);
    }

    @Test
    void aSimulatorReturningRowsOfTheWrongLengthIsNamed() {
        Task task = FailingTasks.wrap(TestTasks.box(), new Simulator() {
            @Override
            public int parameterDim() {
                return 2;
            }

            @Override
            public int dataDim() {
                return 2;
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                return theta[0] > 0.5 ? new double[3] : new double[2];
            }
        });
        assertThatThrownBy(() -> inMemory(task, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("simulation \\d+ of task test_box returned 3 x values, expected 2");
    }

    @Test
    void failuresAreCountedByTheKindsTheSimulatorReportsAndTheRestAsNonFinite() {
        Task plain = failing(TestTasks.box(), false);
        SimulationCampaign.Result r = SimulationCampaign.in(dir.resolve("a"), "k").run(plain, N, Rng.seeded(2),
                new CostMeter());
        long failed = java.util.Arrays.stream(r.x()).filter(row -> Double.isNaN(row[0])).count();
        assertThat(failed).isPositive();
        assertThat(r.failures().byKind()).isEqualTo(Map.of(FailureCounts.NON_FINITE, failed));

        Task reporting = failing(TestTasks.box(), true);
        SimulationCampaign.in(dir.resolve("b"), "k").run(reporting, N, Rng.seeded(2), new CostMeter());
        SimulationCampaign.Result resumed = SimulationCampaign.in(dir.resolve("b"), "k").run(reporting, N,
                Rng.seeded(2), new CostMeter());
        assertThat(resumed.resumed()).as("the counts come back from the batch files").isEqualTo(3);
        assertThat(resumed.failures().byKind()).isEqualTo(Map.of("timeout", failed));
        assertThat(resumed.failures().toString()).isEqualTo(failed + " timeout");
    }

    @Test
    void badFailureCountsAreRefusedAtConstruction() {
        assertThatThrownBy(() -> new FailureCounts(Map.of(" ", 1L))).hasMessageContaining("non-blank kind");
        assertThatThrownBy(() -> new FailureCounts(Map.of("timeout", 0L))).hasMessageContaining("count >= 1");
        assertThatThrownBy(() -> new FailureReporting.Outcome(new double[1][], FailureCounts.of("timeout", 2)))
                .hasMessageContaining("at most one failure per row");
    }

    /** The task with a simulator that sleeps {@code ms} per 100 rows. */
    private static Task slowed(Task task, int ms) {
        return wrap(task, new Simulator() {
            @Override
            public int parameterDim() {
                return task.parameterDim();
            }

            @Override
            public int dataDim() {
                return task.dataDim();
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                return task.simulator().simulate(theta, rng);
            }

            @Override
            public double[][] simulate(double[][] theta, Rng rng) {
                try {
                    Thread.sleep((long) ms * theta.length / 100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return task.simulator().simulate(theta, rng);
            }
        });
    }

    private static Task failing(Task task, boolean reports) {
        return FailingTasks.failing(task, reports);
    }

    private static Task wrap(Task task, Simulator simulator) {
        return FailingTasks.wrap(task, simulator);
    }
}
