package dev.amortizer.models.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import dev.amortizer.task.FailureCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ExternalSimulatorTest {
    private static final List<String> THETA = List.of("a", "b");
    private static final List<String> X = List.of("x1", "x2");
    private static final String NOISY = "return [t[0] + rng.gauss(0, 1), t[1]]";

    @TempDir
    Path dir;

    @BeforeAll
    static void python() {
        Scripts.requirePython();
    }

    /** The same check for tests of other packages that run Python commands. */
    public static void requirePythonForOtherTests() {
        Scripts.requirePython();
    }

    private ExternalSimulator simulator(String body, double timeout, int batch, int workers,
                                        ExternalCommand.OnFailure onFailure) throws Exception {
        Scripts.write(dir, body, "x1,x2");
        return new ExternalSimulator(Scripts.command(dir, timeout, batch, workers, onFailure), THETA, X);
    }

    @Test
    void answersEveryRowInOrderAndTheSameSeedGivesTheSameRowsForAnyNumberOfWorkers() throws Exception {
        double[][] one;
        double[][] two;
        try (var sim = simulator(NOISY, 30, 7, 1, ExternalCommand.OnFailure.DROP)) {
            one = sim.simulate(Scripts.rows(50), Rng.seeded(3));
        }
        try (var sim = simulator(NOISY, 30, 7, 2, ExternalCommand.OnFailure.DROP)) {
            two = sim.simulate(Scripts.rows(50), Rng.seeded(3));
            assertThat(sim.simulate(Scripts.rows(50), Rng.seeded(4))[0][0]).isNotEqualTo(two[0][0]);
            assertThat(sim.failures()).isEqualTo(FailureCounts.NONE);
            assertThat(sim.simulated()).isEqualTo(100);
        }
        assertThat(two).isDeepEqualTo(one);
        for (int i = 0; i < 50; i++) {
            assertThat(one[i][1]).isEqualTo(i / 2.0);
            assertThat(one[i][0]).isCloseTo(i, org.assertj.core.data.Offset.offset(6.0));
        }
    }

    @Test
    void aRowThatCrashesCostsOnlyItsOwnRowAndIsCountedAsCrashed() throws Exception {
        String body = "if int(t[0]) % 100 == 37:\n    sys.exit(3)\n" + NOISY;
        try (var sim = simulator(body, 30, 16, 2, ExternalCommand.OnFailure.DROP)) {
            var outcome = sim.simulateReporting(Scripts.rows(200), Rng.seeded(1));
            assertThat(outcome.failures()).isEqualTo(FailureCounts.of(ExternalSimulator.CRASHED, 2));
            // the same seed gives the same rows, failures and their retries included
            assertThat(java.util.Arrays.deepEquals(sim.simulate(Scripts.rows(200), Rng.seeded(1)), outcome.x()))
                    .isTrue();
            double[][] x = outcome.x();
            for (int i = 0; i < 200; i++) {
                if (i % 100 == 37) {
                    assertThat(x[i]).containsOnly(Double.NaN);
                } else {
                    assertThat(x[i][1]).as("row %d", i).isEqualTo(i / 2.0);
                }
            }
            assertThat(sim.failures()).isEqualTo(FailureCounts.of(ExternalSimulator.CRASHED, 4)); // both calls
            assertThat(sim.simulated()).isEqualTo(400);
            assertThat(Files.readString(dir.resolve("sim.log"))).contains("crashed").contains("37.0");
        }
    }

    @Test
    void aBatchThatHangsIsKilledWithWhatItStartedLeavingNoProcessAndCountedAsTimedOut() throws Exception {
        String body = """
                if t[0] == 5:
                    child = subprocess.Popen(["sleep", "1000"])
                    with open("hung.pid", "a") as f:
                        f.write("%d\\n%d\\n" % (os.getpid(), child.pid))
                    time.sleep(1000)
                """ + NOISY;
        // 3 s: long enough for a fresh interpreter to start on a loaded machine, which the time limit includes
        try (var sim = simulator(body, 3, 8, 2, ExternalCommand.OnFailure.DROP)) {
            double[][] x = sim.simulate(Scripts.rows(16), Rng.seeded(1));
            assertThat(x[5]).containsOnly(Double.NaN);
            assertThat(x[6][1]).isEqualTo(3.0);
            assertThat(sim.failures()).isEqualTo(FailureCounts.of(ExternalSimulator.TIMEOUT, 1));
            assertThat(sim.simulated()).isEqualTo(16);
        }
        List<String> pids = Files.readAllLines(dir.resolve("hung.pid"));
        assertThat(pids).hasSize(8); // the batch of 8, its half, its quarter, then row 5 alone: each hung
        for (String pid : pids) { // killed processes (the child too) end, and ours are reaped: no zombie is left
            long deadline = System.nanoTime() + 10_000_000_000L;
            boolean gone = false;
            while (!gone && System.nanoTime() < deadline) {
                var handle = ProcessHandle.of(Long.parseLong(pid));
                gone = handle.isEmpty() || !handle.get().isAlive() || zombieOfAnother(pid);
                Thread.sleep(20);
            }
            assertThat(gone).as("process %s ended", pid).isTrue();
            assertThat(isOurChild(pid)).as("process %s reaped", pid).isFalse();
        }
    }

    /** A killed process its parent (not us: the init process, for an orphan) has yet to reap. */
    private static boolean zombieOfAnother(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z") && !isOurChild(pid);
        } catch (java.io.IOException e) {
            return true;
        }
    }

    /** Whether {@code pid} is a child of this JVM (a zombie child is one we failed to reap). */
    private static boolean isOurChild(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[1]) == ProcessHandle.current().pid();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void nonFiniteAnswersAreKeptAsNaNAndCounted() throws Exception {
        String body = "if int(t[0]) % 10 == 3:\n    return [float('nan'), t[1]]\n" + NOISY;
        try (var sim = simulator(body, 30, 25, 2, ExternalCommand.OnFailure.DROP)) {
            double[][] x = sim.simulate(Scripts.rows(100), Rng.seeded(1));
            assertThat(x[13][0]).isNaN();
            assertThat(x[14][0]).isFinite();
            assertThat(sim.failures()).isEqualTo(FailureCounts.of(FailureCounts.NON_FINITE, 10));
            assertThat(sim.simulated()).isEqualTo(100);
        }
    }

    @Test
    void aWrongNumberOfColumnsForOneRowIsMalformedAndDropped() throws Exception {
        String body = "if t[0] == 7:\n    return [1.0, 2.0, 3.0]\n" + NOISY;
        try (var sim = simulator(body, 30, 10, 2, ExternalCommand.OnFailure.DROP)) {
            double[][] x = sim.simulate(Scripts.rows(20), Rng.seeded(1));
            assertThat(x[7]).containsOnly(Double.NaN);
            assertThat(x[8][1]).isEqualTo(4.0);
            assertThat(sim.failures()).isEqualTo(FailureCounts.of(ExternalSimulator.MALFORMED, 1));
            assertThat(sim.simulated()).isEqualTo(20);
            assertThat(Files.readString(dir.resolve("sim.log"))).contains("has 3 values, expected 2");
        }
    }

    @Test
    void aWrongNumberOfColumnsEverywhereIsAClearErrorAtOnce() throws Exception {
        try (var sim = simulator("return [1.0, 2.0, 3.0]", 30, 100, 2, ExternalCommand.OnFailure.DROP)) {
            assertThatThrownBy(() -> sim.simulate(Scripts.rows(1000), Rng.seeded(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'python3 sim.py'")
                    .hasMessageContaining("failed on each of the first 3 rows")
                    .hasMessageContaining("malformed: answer row 1 has 3 values, expected 2");
        }
    }

    @Test
    void aCommandThatAlwaysFailsIsAClearErrorAtOnceQuotingItsStandardError() throws Exception {
        Files.writeString(dir.resolve("sim.py"), "import sys\nsys.exit('boom: no model file')\n");
        long start = System.nanoTime();
        try (var sim = new ExternalSimulator(Scripts.command(dir, 30, 100, 2, ExternalCommand.OnFailure.DROP), THETA,
                X)) {
            assertThatThrownBy(() -> sim.simulate(Scripts.rows(10_000), Rng.seeded(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("failed on each of the first 3 rows")
                    .hasMessageContaining("crashed")
                    .hasMessageContaining("boom: no model file");
        }
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(60);
    }

    @Test
    void aCommandThatCannotBeStartedIsAClearError() {
        var command = new ExternalCommand(List.of("./no-such-simulator"), dir, 30, 10, 1,
                ExternalCommand.OnFailure.DROP, dir.resolve("sim.log"));
        try (var sim = new ExternalSimulator(command, THETA, X)) {
            assertThatThrownBy(() -> sim.simulate(Scripts.rows(3), Rng.seeded(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'./no-such-simulator'")
                    .hasMessageContaining("cannot be started");
        }
    }

    @Test
    void onFailureFailStopsAtTheFirstBadRowNamingItAndTheStandardError() throws Exception {
        String body = "if t[0] == 12:\n    sys.exit('cannot simulate a=12')\n" + NOISY;
        try (var sim = simulator(body, 30, 10, 1, ExternalCommand.OnFailure.FAIL)) {
            assertThatThrownBy(() -> sim.simulate(Scripts.rows(30), Rng.seeded(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[12.0, 6.0]")
                    .hasMessageContaining("onFailure is \"fail\"")
                    .hasMessageContaining("cannot simulate a=12");
        }
    }

    @Test
    void aCommandThatAnswersEachRowAsItReadsItDoesNotDeadlockOnLargeBatches() throws Exception {
        Files.writeString(dir.resolve("sim.py"), """
                import sys
                for line in sys.stdin:
                    n = int(line.split()[2])
                    sys.stdin.readline()
                    print("x1,x2")
                    for _ in range(n):
                        print(sys.stdin.readline().strip())
                    sys.stdout.flush()
                """);
        try (var sim = new ExternalSimulator(Scripts.command(dir, 30, 20_000, 1, ExternalCommand.OnFailure.FAIL),
                THETA, X)) {
            double[][] theta = Scripts.rows(20_000); // about 400 kB each way, far beyond a pipe's buffer
            assertThat(sim.simulate(theta, Rng.seeded(1))).isDeepEqualTo(theta);
            assertThat(sim.failures()).isEqualTo(FailureCounts.NONE);
        }
    }

    @Test
    void aCommandThatAnswersOneBatchPerRunIsRestartedNotBlamed() throws Exception {
        Files.writeString(dir.resolve("sim.py"), """
                import sys
                _, seed, n = sys.stdin.readline().split()
                sys.stdin.readline()
                print("x1,x2")
                for _ in range(int(n)):
                    t = [float(v) for v in sys.stdin.readline().split(",")]
                    print("%r,%r" % (t[0], t[1]))
                """);
        try (var sim = new ExternalSimulator(Scripts.command(dir, 30, 5, 1, ExternalCommand.OnFailure.DROP), THETA,
                X)) {
            double[][] x = sim.simulate(Scripts.rows(20), Rng.seeded(1));
            assertThat(x).isDeepEqualTo(Scripts.rows(20));
            assertThat(sim.failures()).isEqualTo(FailureCounts.NONE);
        }
    }
}
