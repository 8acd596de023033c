package dev.amortizer.models.external;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tiny Python commands speaking the protocol, each answering a θ row by the body of {@code answer(t, rng)}. */
final class Scripts {
    private static final String LOOP = """
            import os, random, subprocess, sys, time

            def answer(t, rng):
            %s

            while True:
                line = sys.stdin.readline()
                if not line:
                    break
                _, seed, n = line.split()
                sys.stdin.readline()
                rng = random.Random(int(seed))
                out = [%s]
                for _ in range(int(n)):
                    t = [float(v) for v in sys.stdin.readline().split(",")]
                    out.append(",".join(repr(v) for v in answer(t, rng)))
                sys.stdout.write("\\n".join(out) + "\\n")
                sys.stdout.flush()
            """;

    private Scripts() {
    }

    /** Skips (saying why) where there is no python3 to run the commands: the protocol itself needs none. */
    static void requirePython() {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            found |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, "python3"));
        }
        assumeTrue(found, "python3 is not on the PATH: the external-command tests run Python scripts");
    }

    /** Writes {@code sim.py} answering with {@code body} (indented into answer), output header {@code header}. */
    static Path write(Path dir, String body, String header) throws IOException {
        String indented = body.strip().lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElseThrow();
        Path file = dir.resolve("sim.py");
        Files.writeString(file, LOOP.formatted(indented, "\"" + header + "\""));
        return file;
    }

    static ExternalCommand command(Path dir, double timeout, int batch, int workers, ExternalCommand.OnFailure onFailure) {
        return new ExternalCommand(List.of("python3", "sim.py"), dir, timeout, batch, workers, onFailure,
                dir.resolve("sim.log"));
    }

    /** Rows i = 0..n-1 of θ = (i, i / 2). */
    static double[][] rows(int n) {
        double[][] theta = new double[n][];
        for (int i = 0; i < n; i++) {
            theta[i] = new double[] {i, i / 2.0};
        }
        return theta;
    }
}
