package dev.amortizer.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
 * Reads an untrusted JSON file into a record: at most a given number of bytes of UTF-8, one value of the record's
 * known fields (no duplicates, nothing after it, whole numbers where counts are expected); anything else is an
 * IllegalArgumentException naming the file, line, column and field. Only the target's records are ever created (no
 * polymorphic typing).
 */
public final class StrictJson {
    /** The mapper: strict on reading, indented on writing. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    /** The most characters of a parser's own message an error repeats. */
    private static final int MAX_DETAIL_CHARS = 300;

    private StrictJson() {
    }

    /**
     * The {@code type} in {@code file}, which must be at most {@code maxBytes} long; {@code what} names the kind of
     * file in errors ("spec", "pilot").
     */
    public static <T> T read(Path file, String what, int maxBytes, Class<T> type) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(what + " " + file + " is a folder; expected a JSON file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxBytes + 1); // bounded even if the file grows while it is read
        }
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(what + " " + file + " is larger than " + maxBytes + " bytes");
        }
        return parse(utf8(bytes, what + " " + file), what + " " + file, type);
    }

    /** The {@code type} in {@code json}; {@code source} names it in errors ("spec s.json"). */
    public static <T> T parse(String json, String source, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new IllegalArgumentException(source + " is empty; expected a JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            String what = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ", line " + at.getLineNr() + ", column " + at.getColumnNr();
            String field = e instanceof JsonMappingException m ? field(m.getPath()) : "";
            throw new IllegalArgumentException(source + where + field + ": "
                    + Quoted.plain(String.valueOf(what).replace('\n', ' '), MAX_DETAIL_CHARS), e);
        }
    }

    private static String utf8(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(source + ": not UTF-8 text (a malformed byte near offset "
                    + in.position() + "); save it as UTF-8");
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
}
