package dev.amortizer.cli;

import dev.amortizer.nn.ComputeBackend;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --backend} option of the commands that train or query networks: where their dense products run
 * ({@link ComputeBackend}). Absent, the process's setting stands (the system property {@value ComputeBackend#PROPERTY},
 * else classic). A command puts it in force for its own run only and then restores the setting, so that commands run
 * one after another in one process (the tests) do not leak it.
 */
final class BackendOption {
    @Option(names = "--backend", converter = Name.class, description = "where the networks' dense products run: auto"
            + " (per product shape, the path that was faster on its first calls; timings decide, so not bit for bit"
            + " reproducible), java (plain loops), nd4j (BLAS) or classic (forward BLAS for large"
            + " blocks, backward in Java: the numbers of earlier versions) (default: classic, or the system property "
            + ComputeBackend.PROPERTY + ")")
    ComputeBackend backend;

    /** Puts the chosen backend in force until the returned scope is closed. */
    Applied apply() {
        ComputeBackend before = ComputeBackend.selected();
        if (backend != null) {
            ComputeBackend.select(backend);
        }
        return () -> ComputeBackend.select(before);
    }

    /** Restores the backend in force before {@link #apply()}. */
    interface Applied extends AutoCloseable {
        @Override
        void close();
    }

    /** A backend's name in any case; an unknown one is picocli's bad input (exit 2). */
    static final class Name implements CommandLine.ITypeConverter<ComputeBackend> {
        @Override
        public ComputeBackend convert(String value) {
            try {
                return ComputeBackend.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
