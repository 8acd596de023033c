package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.model.ModelFile;
import dev.amortizer.training.CandidateSelection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --estimator across}: every family fitted, each one's held-out score printed and saved. */
class CliAcrossFamiliesTest {
    @TempDir
    Path dir;

    @Test
    void everyCandidatesScoreIsPrintedAndSavedAndTheKeptOneIsNamed() throws Exception {
        Path model = dir.resolve("across.zip");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "train", "--task", "two_moons",
                "--estimator", "across", "--hidden", "16,16", "--max-epochs", "2", "--simulations", "300", "--out",
                model.toString());
        assertThat(code).as(err.toString()).isZero();
        CandidateSelection s = ModelFile.readManifest(model).selection();
        assertThat(s.heldOutPairs()).isEqualTo(30);
        assertThat(s.candidates()).extracting(CandidateSelection.Score::label)
                .containsExactly("mdn-shift-truncation", "nsf", "nsf-truncation-x5", "fmpe-truncation");
        assertThat(ModelFile.readManifest(model).config().label()).isEqualTo(s.chosen());
        assertThat(out.toString()).contains("trained npe-" + s.chosen() + " on 300 simulations")
                .contains("candidates by " + s.criterion() + " over 30 pairs: " + s.summary());
    }

    @Test
    void acrossTakesNoSummaryNetwork() {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(err, true), "train", "--task", "gaussian_linear_iid", "--estimator",
                "across", "--summary", "deepsets", "--simulations", "300", "--out", dir.resolve("m.zip").toString());
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--estimator across").contains("summary");
    }
}
