package dev.amortizer.bench.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.bench.BenchConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentSpecTest {
    @Test
    void anEmptySpecIsTheDefaultRun() {
        List<BenchConfig> configs = SpecFiles.parse("{}", "inline").configs();
        assertThat(configs).containsExactly(BenchConfig.defaults());
        assertThat(configs.get(0).simulations()).containsExactly(1_000, 10_000);
        assertThat(configs.get(0).hybrid()).containsExactly(10_000L);
    }

    @Test
    void tasksAreNamesOrObjectsThatOverrideTheSpec() {
        ExperimentSpec spec = SpecFiles.parse("""
                {"tasks": ["two_moons", {"name": "slcp", "observations": 3, "methods": {"mcmc": [1000, 10000]}}],
                 "simulations": [1000], "observations": 5, "methods": {"rejection-abc": [1000, 10000]},
                 "hybrid": [], "seed": 7}""", "inline");
        List<BenchConfig> configs = spec.configs();
        assertThat(configs).extracting(BenchConfig::task).containsExactly("two_moons", "slcp");
        assertThat(configs.get(0).observations()).isEqualTo(5);
        assertThat(configs.get(0).methods()).containsOnlyKeys("rejection-abc");
        assertThat(configs.get(1).observations()).isEqualTo(3);
        assertThat(configs.get(1).methods()).containsOnlyKeys("mcmc");
        assertThat(configs).allSatisfy(c -> {
            assertThat(c.seed()).isEqualTo(7);
            assertThat(c.hybrid()).isEmpty();
            assertThat(c.simulations()).containsExactly(1_000);
        });
    }

    @Test
    void theSpecWithItsDefaultsRunsTheSameConfigsAndSaysWhatRan() {
        ExperimentSpec spec = SpecFiles.parse("""
                {"tasks": [{"name": "slcp", "observations": 3}], "simulations": [1000]}""", "inline");
        ExperimentSpec full = spec.withDefaults();
        assertThat(full.configs()).isEqualTo(spec.configs());
        assertThat(full.seed()).isEqualTo(BenchConfig.defaults().seed());
        assertThat(full.methods()).isEqualTo(BenchConfig.DEFAULT_METHODS);
        assertThat(full.tasks().get(0).observations()).isEqualTo(3);
        assertThat(SpecFiles.parse("{}", "inline").withDefaults().configs()).containsExactly(BenchConfig.defaults());
    }

    @Test
    void escalateIsOffByDefaultAndTurnedOnByTheSpecOrTheFlag() {
        assertThat(BenchConfig.defaults().escalate()).isFalse();
        ExperimentSpec file = SpecFiles.parse("{\"escalate\": true}", "inline");
        assertThat(file.configs()).allSatisfy(c -> assertThat(c.escalate()).isTrue());
        assertThat(file.withDefaults().escalate()).isTrue();
        ExperimentSpec flags = new ExperimentSpec(null, null, null, null, null, null, null, null, null, null, null, true);
        assertThat(SpecFiles.parse("{}", "inline").overriddenBy(flags).configs().get(0).escalate()).isTrue();
        assertThatThrownBy(() -> SpecFiles.parse("{\"escalate\": \"yes\"}", "inline"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flagsOverrideTheFileFieldByField() {
        ExperimentSpec file = SpecFiles.parse("{\"observations\": 4, \"samples\": 2000}", "inline");
        ExperimentSpec flags = new ExperimentSpec(null, null, null, 2, null, null, null, null, null, null, null, null);
        BenchConfig c = file.overriddenBy(flags).configs().get(0);
        assertThat(c.observations()).isEqualTo(2);
        assertThat(c.samples()).isEqualTo(2000);
    }

    @Test
    void malformedJsonNamesTheSourceLineAndColumn() {
        assertThatThrownBy(() -> SpecFiles.parse("{\n  \"tasks\": [\"two_moons\",\n}", "my-spec.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spec my-spec.json, line 3");
        assertThatThrownBy(() -> SpecFiles.parse("{\"task\": \"two_moons\"}", "my-spec.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("my-spec.json")
                .hasMessageContaining("\"task\"");
    }

    @Test
    void unknownNamesAndBadBudgetsAreNamed() {
        assertThatThrownBy(() -> SpecFiles.parse("{\"tasks\": [\"nope\"]}", "s").configs())
                .hasMessageContaining("task nope").hasMessageContaining("unknown task 'nope'");
        assertThatThrownBy(() -> SpecFiles.parse("{\"methods\": {\"gibbs\": [1000]}}", "s").configs())
                .hasMessageContaining("unknown direct method 'gibbs'");
        assertThatThrownBy(() -> SpecFiles.parse("{\"amortisers\": [\"npe-gru\"]}", "s").configs())
                .hasMessageContaining("unknown amortiser 'npe-gru'");
        assertThatThrownBy(() -> SpecFiles.parse("{\"methods\": {\"mcmc\": [-5, 1000]}}", "s").configs())
                .hasMessageContaining("methods.mcmc must be >= 1 and increasing, got [-5, 1000]");
        assertThatThrownBy(() -> SpecFiles.parse("{\"simulations\": [10000, 1000]}", "s").configs())
                .hasMessageContaining("simulations must be >= 100 and increasing");
    }
}
