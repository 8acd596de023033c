package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.random.Rng;
import dev.amortizer.training.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger of a training that was interrupted and resumed adds up every process's simulation and training. */
class ResumedLedgerTest {
    private static final int SIMULATIONS = 600;
    /** The crashed process idles this long after each of its first epochs: time the resumed ledger must keep. */
    private static final long SLOW_EPOCH_MILLIS = 400;

    @TempDir
    Path dir;

    static Stream<Arguments> trainers() {
        NpeConfig ensemble = FlowNpeTest.quick(Estimator.NSF).withEpochs(5, 5);
        return Stream.of(
                Arguments.of("nsf", FlowNpeTest.quick(Estimator.NSF).withEpochs(8, 8), 3),
                Arguments.of("mdn", TestTasks.quickConfig(), 3),
                // the crash falls in the second member's second epoch, after the first member has finished
                Arguments.of("ensemble", ensemble.withFlow(ensemble.flow().withMembers(2)), 7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trainers")
    void aResumedRunCountsTheSimulationsAndEveryProcesssTraining(String name, NpeConfig config, int crashAtCall) {
        train(config, dir.resolve("warm-up"), null); // the JVM's first fit of a kind also pays for loading it
        CostLedger uninterrupted = train(config, dir.resolve("a"), null);

        Path crashDir = dir.resolve("b");
        int[] calls = {0};
        assertThatThrownBy(() -> train(config, crashDir, report -> {
            if (++calls[0] == crashAtCall) {
                throw new IllegalStateException("simulated crash");
            }
            sleep(SLOW_EPOCH_MILLIS);
        })).hasMessageContaining("simulated crash");
        CostLedger resumed = train(config, crashDir, null);

        assertThat(resumed.get(Phase.SIMULATION).simulatorCalls()).isEqualTo(SIMULATIONS)
                .isEqualTo(uninterrupted.get(Phase.SIMULATION).simulatorCalls());
        assertThat(resumed.get(Phase.SIMULATION).wallSeconds()).as("the saved simulations' time").isPositive();
        assertThat(resumed.get(Phase.TRAINING).forwardPasses())
                .isEqualTo(uninterrupted.get(Phase.TRAINING).forwardPasses());
        // the crashed process idled (crashAtCall − 1)·400 ms inside epochs it checkpointed: it must still be there
        assertThat(resumed.get(Phase.TRAINING).wallSeconds())
                .isGreaterThanOrEqualTo(uninterrupted.get(Phase.TRAINING).wallSeconds());
        assertThat(resumed.fixed().wallSeconds()).isGreaterThan(resumed.get(Phase.SIMULATION).wallSeconds()
                + (crashAtCall - 2) * SLOW_EPOCH_MILLIS * 1e-3);

        CostLedger rerun = train(config, crashDir, null);
        assertThat(rerun.get(Phase.SIMULATION)).as("a finished run rerun: the same saved simulations")
                .isEqualTo(resumed.get(Phase.SIMULATION));
        assertThat(rerun.get(Phase.TRAINING).wallSeconds()).as("a finished run rerun: its training, not the rerun's")
                .isGreaterThanOrEqualTo(uninterrupted.get(Phase.TRAINING).wallSeconds());
    }

    @Test
    void aCheckpointClaimingANegativeTrainingTimeIsRefusedByName() throws Exception {
        NpeConfig config = FlowNpeTest.quick(Estimator.NSF).withEpochs(3, 3);
        Path run = dir.resolve("c");
        train(config, run, null);
        Path checkpoint = run.resolve(Npe.CHECKPOINT_FILE);
        byte[] bytes = Files.readAllBytes(checkpoint);
        // the header: magic, version, fingerprint, epoch, best epoch, last decay, best loss, learning rate, steps
        int wallOffset = 4 + 4 + 8 + 4 + 4 + 4 + 8 + 8 + 8;
        java.nio.ByteBuffer.wrap(bytes).putDouble(wallOffset, -5.0);
        Files.write(checkpoint, bytes);
        assertThatThrownBy(() -> train(config, run, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(checkpoint.toString()).hasMessageContaining("training wall time is -5.0");
    }

    private static CostLedger train(NpeConfig config, Path checkpoints, TrainingListener listener) {
        CostMeter meter = new CostMeter();
        Npe npe = new Npe(config).withCheckpoints(checkpoints);
        if (listener != null) {
            npe = npe.withListener(listener);
        }
        NpePosterior q = npe.train(TestTasks.box(), SIMULATIONS, Rng.seeded(6), meter);
        assertThat(q.costLedger().byPhase()).isEqualTo(meter.ledger().byPhase());
        return q.costLedger();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
