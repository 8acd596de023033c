package dev.amortizer.bench.spec;

import dev.amortizer.data.AtomicFiles;
import dev.amortizer.data.StrictJson;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads and writes experiment specs. A spec is untrusted: at most {@value #MAX_BYTES} bytes of UTF-8 JSON, read by
 * {@link StrictJson}, with counts within {@link SpecLimits}; anything else is an IllegalArgumentException naming the
 * file, line, column and field.
 */
public final class SpecFiles {
    /** The largest spec file read: a spec is a few hundred bytes; this leaves room for long task lists. */
    public static final int MAX_BYTES = 1 << 20;

    private SpecFiles() {
    }

    /** The spec in {@code file}. */
    public static ExperimentSpec read(Path file) throws IOException {
        return StrictJson.read(file, "spec", MAX_BYTES, ExperimentSpec.class);
    }

    /** The spec in {@code json}; {@code source} names it in errors. */
    public static ExperimentSpec parse(String json, String source) {
        return StrictJson.parse(json, "spec " + source, ExperimentSpec.class);
    }

    /** Writes {@code spec} as JSON, atomically (the report folder keeps the spec it ran). */
    public static void write(ExperimentSpec spec, Path file) throws IOException {
        AtomicFiles.write(file, out -> StrictJson.MAPPER.writeValue(out, spec));
    }
}
