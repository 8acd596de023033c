package dev.amortizer.bench.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec file is untrusted: every way it can be wrong is an IllegalArgumentException naming the file and field. */
class SpecFilesTest {
    @TempDir
    Path dir;

    @Test
    void aNonUtf8SpecIsBadInputNotAnInternalError() throws IOException {
        Path f = dir.resolve("latin1.json");
        Files.write(f, "{\"tasks\": [\"caf\u00e9\"]}".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> SpecFiles.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latin1.json").hasMessageContaining("not UTF-8").hasMessageContaining("offset 15");
    }

    @Test
    void aFolderIsBadInputAndAMissingFileIsNamed() {
        assertThatThrownBy(() -> SpecFiles.read(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a folder");
        assertThatThrownBy(() -> SpecFiles.read(dir.resolve("none.json")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void anOversizedSpecIsRefusedBeforeParsing() throws IOException {
        Path f = dir.resolve("huge.json");
        Files.writeString(f, "{\"tasks\": [" + "\"two_moons\",".repeat(SpecFiles.MAX_BYTES / 10) + "\"two_moons\"]}");
        assertThatThrownBy(() -> SpecFiles.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("huge.json is larger than " + SpecFiles.MAX_BYTES + " bytes");
    }

    @Test
    void impossibleCountsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> SpecFiles.parse("{\"samples\": 2147483647}", "s.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spec s.json")
                .hasMessageContaining("samples must be 1..10000000, got 2147483647");
        assertThatThrownBy(() -> SpecFiles.parse("{\"samples\": 99999999999999999999}", "s.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field samples");
        assertThatThrownBy(() -> SpecFiles.parse("{\"replicates\": 0}", "s.json"))
                .hasMessageContaining("replicates must be 1..");
        assertThatThrownBy(() -> SpecFiles.parse("{\"tasks\": [{\"name\": \"slcp\", \"observations\": -4}]}", "s.json"))
                .hasMessageContaining("task slcp: observations must be 1..");
        assertThatThrownBy(() -> SpecFiles.parse("{\"hybrid\": [1e12]}", "s.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hybrid");
        assertThatThrownBy(() -> SpecFiles.parse("{\"methods\": {\"mcmc\": [1000, null]}}", "s.json"))
                .hasMessageContaining("methods.mcmc[1] is null");
        assertThatThrownBy(() -> SpecFiles.parse("{\"tasks\": [null]}", "s.json"))
                .hasMessageContaining("tasks[0] is null");
    }

    @Test
    void wrongTypesDuplicatesFractionsAndTrailingTextNameTheField() {
        assertThatThrownBy(() -> SpecFiles.parse("{\"observations\": 2.5}", "s.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field observations");
        assertThatThrownBy(() -> SpecFiles.parse("{\"tasks\": [\"two_moons\", {\"name\": \"slcp\", \"simulations\": "
                + "\"lots\"}]}", "s.json")).hasMessageContaining("field tasks[1].simulations");
        assertThatThrownBy(() -> SpecFiles.parse("{\"samples\": 100, \"samples\": 200}", "s.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples");
        assertThatThrownBy(() -> SpecFiles.parse("{\"samples\": 100} {\"samples\": 200}", "s.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s.json");
        assertThatThrownBy(() -> SpecFiles.parse("[[[[[[[[" .repeat(300), "s.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s.json");
    }

    @Test
    void echoedFieldsAreEscapedAndCapped() {
        String field = "\u001b[31m" + "x".repeat(10_000);
        assertThatThrownBy(() -> SpecFiles.parse("{\"" + field + "\": 1}", "s.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b").hasSizeLessThan(600));
        assertThatThrownBy(() -> SpecFiles.parse("{\"tasks\": [\"\u001b[2J" + "y".repeat(10_000) + "\"]}", "s.json")
                .configs()).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b").hasSizeLessThan(1_000));
    }
}
