package dev.amortizer.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's own observations and reference samples under {@code datasets/}, in sbibm's layout
 * ({@code <task>/num_observation_<k>/observation.csv.gz} and so on, read with {@link SbibmData}'s methods), with
 * {@code <task>/MADE_BY.md} giving the command, seeds and sha256 of every file.
 *
 * <p>The folder is {@code -Damortizer.datasets=DIR}, else the first {@code datasets/} holding a {@code README.md}
 * found walking up from the working directory.
 * {@code Samples ref = Datasets.locate().orElseThrow().verified("sir").reference("sir", 1);}
 */
public final class Datasets {
    /** The largest {@code MADE_BY.md} read. */
    static final long MAX_MADE_BY_BYTES = 1 << 20;
    private static final Pattern ROW = Pattern.compile("^\\| \\d+ \\| \\d+ \\| (\\S+) \\| ([0-9a-f]{64}) \\|$");

    private Datasets() {
    }

    /** The datasets folder found by the rules above, read like sbibm's data. */
    public static Optional<SbibmData> locate() {
        String configured = System.getProperty("amortizer.datasets");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new SbibmData(Path.of(configured)));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("datasets");
            if (Files.isRegularFile(candidate.resolve("README.md"))) {
                return Optional.of(new SbibmData(candidate));
            }
        }
        return Optional.empty();
    }

    /**
     * Checks every file listed in {@code <task>/MADE_BY.md} against its sha256, and returns how many were checked.
     * A mismatch or a missing file is an IllegalArgumentException naming the file.
     */
    public static int verify(SbibmData datasets, String task) {
        Path dir = datasets.root().resolve(task);
        Path madeBy = dir.resolve("MADE_BY.md");
        if (!Files.isRegularFile(madeBy)) {
            throw new IllegalArgumentException("no dataset for task " + Quoted.of(task) + ": " + madeBy + " is missing");
        }
        try {
            if (Files.size(madeBy) > MAX_MADE_BY_BYTES) {
                throw new IllegalArgumentException(madeBy + " is larger than " + MAX_MADE_BY_BYTES
                        + " bytes; it should be a short Markdown table");
            }
            int checked = 0;
            for (String line : Files.readAllLines(madeBy)) {
                Matcher m = ROW.matcher(line.strip());
                if (!m.matches()) {
                    continue;
                }
                Path file = dir.resolve(m.group(1));
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException(madeBy + " lists " + file + ", which is missing");
                }
                String actual = sha256(file);
                if (!actual.equals(m.group(2))) {
                    throw new IllegalArgumentException(file + ": sha256 " + actual + ", " + madeBy + " says " + m.group(2));
                }
                checked++;
            }
            return checked;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hex sha256 of a file, streamed so that a file of any size is hashed in constant memory. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
