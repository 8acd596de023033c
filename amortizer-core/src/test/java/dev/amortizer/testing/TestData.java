package dev.amortizer.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.amortizer.data.Datasets;
import dev.amortizer.data.SbibmData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The data folders tests read, found in one place. A test that needs one either gets it or fails with a message
 * saying where it looked and how to point to it; it is skipped only when the user opted out on purpose.
 *
 * <p>sbibm's reference data is read in place, never copied: {@code -Damortizer.sbibm=DIR} or
 * {@code AMORTIZER_SBIBM=DIR}, else {@code shared/sbibm} in the working directory or any folder above it (the
 * checkout's sibling {@code ../shared/sbibm}). {@code -Damortizer.sbibm=none} skips the tests that need it.
 * The project's own {@code datasets/} is part of the repository, so a missing one is always a failure.
 *
 * <p>Shared with the other modules' tests through this module's test jar.
 * {@code SbibmData data = TestData.sbibm();}
 */
public final class TestData {
    private TestData() {
    }

    /** sbibm's data, or a skip when opted out, or a failure naming where it was looked for. */
    public static SbibmData sbibm() {
        String configured = SbibmData.configured();
        if (SbibmData.OPT_OUT.equals(configured)) {
            Assumptions.abort("sbibm's data opted out with amortizer.sbibm / AMORTIZER_SBIBM = " + SbibmData.OPT_OUT);
        }
        if (configured != null && !Files.isDirectory(Path.of(configured))) {
            fail("sbibm's data: " + Path.of(configured).toAbsolutePath()
                    + " (from -Damortizer.sbibm or AMORTIZER_SBIBM) is not a folder");
        }
        return SbibmData.locate().orElseGet(() -> fail("sbibm's data not found: looked for shared/sbibm in "
                + Path.of("").toAbsolutePath() + " and every folder above it. Point to it with -Damortizer.sbibm=DIR "
                + "or AMORTIZER_SBIBM=DIR, or skip the tests that need it with -Damortizer.sbibm=none"));
    }

    /** The project's own {@code datasets/}; it is in the repository, so not finding it is a failure. */
    public static SbibmData datasets() {
        return Datasets.locate().orElseGet(() -> fail("datasets/ not found: looked for datasets/README.md in "
                + Path.of("").toAbsolutePath() + " and every folder above it (or set -Damortizer.datasets=DIR); "
                + "it is part of the repository, so the checkout is incomplete"));
    }
}
