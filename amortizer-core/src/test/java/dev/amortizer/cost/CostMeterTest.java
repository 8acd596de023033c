package dev.amortizer.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CostMeterTest {
    @Test
    void timesPhasesAndCountsUnits() throws InterruptedException {
        CostMeter meter = new CostMeter();
        try (var t = meter.start(Phase.TRAINING)) {
            Thread.sleep(30);
        }
        meter.countSimulations(Phase.SIMULATION, 1000);
        meter.countSimulations(Phase.SIMULATION, 24);
        meter.countForwardPasses(Phase.QUERY, 1);
        CostLedger ledger = meter.ledger();
        assertThat(ledger.get(Phase.TRAINING).wallSeconds()).isBetween(0.025, 2.0);
        assertThat(ledger.get(Phase.SIMULATION).simulatorCalls()).isEqualTo(1024);
        assertThat(ledger.get(Phase.VALIDATION)).isEqualTo(Cost.ZERO);
        assertThat(ledger.fixed().simulatorCalls()).isEqualTo(1024);
        assertThat(ledger.fixed().forwardPasses()).isZero();
        assertThat(ledger.total().forwardPasses()).isEqualTo(1);
        assertThat(ledger.plus(ledger).get(Phase.SIMULATION).simulatorCalls()).isEqualTo(2048);
    }
}
