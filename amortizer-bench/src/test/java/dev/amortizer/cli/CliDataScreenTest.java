package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.model.ModelFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} ignores the x columns θ does not drive and says which (sir's count at t = 0, from about 3,000
 * simulations), and {@code --no-data-screen} reads them all.
 */
class CliDataScreenTest {
    @TempDir
    Path dir;

    private String train(Path model, String... extra) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = {"train", "--task", "sir", "--simulations", "4000", "--hidden", "16,16", "--components", "2",
            "--max-epochs", "2", "--seed", "1", "--out", model.toString()};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void theIgnoredColumnsAreNamedAndSavedUnlessTheScreenIsOff() throws Exception {
        Path screened = dir.resolve("screened.zip");
        assertThat(train(screened)).contains("ignored 1 of 10 x columns that showed no dependence on θ: data_1");
        assertThat(ModelFile.readManifest(screened).standardization().xIgnored()).containsExactly(1);

        Path every = dir.resolve("every.zip");
        assertThat(train(every, "--no-data-screen")).doesNotContain("ignored");
        assertThat(ModelFile.readManifest(every).standardization().xIgnored()).isNull();
    }
}
