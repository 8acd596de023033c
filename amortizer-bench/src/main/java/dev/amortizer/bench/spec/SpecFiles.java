package dev.amortizer.bench.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.amortizer.data.AtomicFiles;
import dev.amortizer.data.Quoted;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes experiment specs. A spec is untrusted: at most {@value #MAX_BYTES} bytes of UTF-8 JSON, one object
 * of the known fields (no duplicates, nothing after it, whole numbers where counts are expected, counts within
 * {@link SpecLimits}); anything else is an IllegalArgumentException naming the file, line, column and field. Only
 * the spec's records are ever created (no polymorphic typing).
 */
public final class SpecFiles {
    /** The largest spec file read: a spec is a few hundred bytes; this leaves room for long task lists. */
    public static final int MAX_BYTES = 1 << 20;
    /** The most characters of a parser's own message a spec error repeats. */
    private static final int MAX_DETAIL_CHARS = 300;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private SpecFiles() {
    }

    /** The spec in {@code file}. */
    public static ExperimentSpec read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("spec " + file + " is a folder; expected a JSON file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1); // bounded even if the file grows while it is read
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("spec " + file + " is larger than " + MAX_BYTES
                    + " bytes; a spec is a small JSON object");
        }
        return parse(utf8(bytes, file), file.toString());
    }

    private static String utf8(byte[] bytes, Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("spec " + file + ": not UTF-8 text (a malformed byte near offset "
                    + in.position() + "); save the spec as UTF-8");
        }
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
            String field = e instanceof JsonMappingException m ? field(m.getPath()) : "";
            throw new IllegalArgumentException("spec " + source + where + field + ": "
                    + Quoted.plain(String.valueOf(what).replace('\n', ' '), MAX_DETAIL_CHARS), e);
        }
    }

    /** ", field tasks[1].observations", or nothing when the parser was not inside a field. */
    private static String field(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(Quoted.plain(r.getFieldName()));
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.length() == 0 ? "" : ", field " + out;
    }

    /** Writes {@code spec} as JSON, atomically (the report folder keeps the spec it ran). */
    public static void write(ExperimentSpec spec, Path file) throws IOException {
        AtomicFiles.write(file, out -> JSON.writeValue(out, spec));
    }
}
