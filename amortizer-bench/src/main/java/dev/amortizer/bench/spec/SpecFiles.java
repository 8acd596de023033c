package dev.amortizer.bench.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.amortizer.data.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes experiment specs; a malformed spec is an IllegalArgumentException naming the file, line and column. */
public final class SpecFiles {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private SpecFiles() {
    }

    /** The spec in {@code file}. */
    public static ExperimentSpec read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        return parse(Files.readString(file), file.toString());
    }

    /** The spec in {@code json}; {@code source} names it in errors. */
    public static ExperimentSpec parse(String json, String source) {
        try {
            ExperimentSpec spec = JSON.readValue(json, ExperimentSpec.class);
            if (spec == null) {
                throw new IllegalArgumentException("spec " + source + " is empty; expected a JSON object");
            }
            return spec;
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            String what = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ", line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException("spec " + source + where + ": " + what.replace('\n', ' '), e);
        }
    }

    /** Writes {@code spec} as JSON, atomically (the report folder keeps the spec it ran). */
    public static void write(ExperimentSpec spec, Path file) throws IOException {
        AtomicFiles.write(file, out -> JSON.writeValue(out, spec));
    }
}
