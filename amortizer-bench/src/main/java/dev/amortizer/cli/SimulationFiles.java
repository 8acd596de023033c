package dev.amortizer.cli;

import dev.amortizer.campaign.SimulationSource;
import dev.amortizer.data.ExpectedColumns;
import dev.amortizer.data.Samples;
import dev.amortizer.data.SamplesCsv;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code train --simulations-from DIR} or {@code --theta FILE --x FILE}: pairs simulated elsewhere, checked against
 * the task. θ must be finite and inside the prior's support (a θ the prior cannot draw is a wrong file, not a failed
 * simulation); x may hold NaN or ±∞, which the training's {@code --invalid} policy drops and counts or refuses. The
 * SHA-256 of each file goes into the model's provenance.
 *
 * @param theta       one row per pair
 * @param x           the matching rows
 * @param thetaFile   where θ came from
 * @param xFile       where x came from
 * @param thetaSha256 the θ file's SHA-256
 * @param xSha256     the x file's SHA-256
 */
record SimulationFiles(double[][] theta, double[][] x, Path thetaFile, Path xFile, String thetaSha256,
                       String xSha256) {
    SimulationFiles {
        if (theta.length != x.length) {
            throw new IllegalArgumentException("--theta " + thetaFile + " has " + theta.length + " rows but --x "
                    + xFile + " has " + x.length + "; the files must hold the same simulations, row by row");
        }
    }

    /** Reads θ and x, from {@code dir}'s theta.csv and x.csv or from the two files given. */
    static SimulationFiles read(Task task, Path dir, Path thetaFile, Path xFile) throws IOException {
        if (dir != null && (thetaFile != null || xFile != null)) {
            throw new IllegalArgumentException("--simulations-from takes DIR/theta.csv and DIR/x.csv; give it or"
                    + " --theta with --x, not both");
        }
        if (dir == null && (thetaFile == null) != (xFile == null)) {
            throw new IllegalArgumentException("--theta and --x go together: give both files, or --simulations-from"
                    + " DIR");
        }
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--simulations-from " + dir + " is not a folder; expected one"
                        + " holding theta.csv and x.csv, as `amortizer simulate` writes them");
            }
            thetaFile = Inputs.file("--simulations-from", dir.resolve("theta.csv"));
            xFile = Inputs.file("--simulations-from", dir.resolve("x.csv"));
        } else {
            Inputs.file("--theta", thetaFile);
            Inputs.file("--x", xFile);
        }
        Samples t = SamplesCsv.read(thetaFile, ExpectedColumns.parameters(task.parameterNames()), true);
        Samples s = SamplesCsv.read(xFile, ExpectedColumns.data(task.dataNames()), false);
        double[][] theta = t.toArray();
        var support = task.prior().support();
        for (int i = 0; i < theta.length; i++) {
            for (int j = 0; j < theta[i].length; j++) {
                if (theta[i][j] < support.lower(j) || theta[i][j] > support.upper(j)) {
                    throw new IllegalArgumentException(thetaFile + ": row " + (i + 1) + ", column "
                            + task.parameterNames().get(j) + " is " + theta[i][j] + ", outside the prior's support ["
                            + support.lower(j) + ", " + support.upper(j) + "] of task " + task.name());
                }
            }
        }
        return new SimulationFiles(theta, s.toArray(), thetaFile, xFile, sha256(thetaFile), sha256(xFile));
    }

    /** The two files' names and SHA-256s, for the model's provenance. */
    List<SimulationSource.SourceFile> sources() {
        return List.of(new SimulationSource.SourceFile(thetaFile.getFileName().toString(), thetaSha256),
                new SimulationSource.SourceFile(xFile.getFileName().toString(), xSha256));
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
