package dev.amortizer.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes {@link Samples} as sbibm does: comma-separated, one header row, no index
 * column, {@code \n} line endings; a name ending in {@code .gz} is gzip.
 *
 * <p>Files are untrusted, so reading is bounded by what the format allows: at most {@value #MAX_COLUMNS} columns
 * (or exactly the expected number when the caller knows it), at most {@value #MAX_CELL_CHARS} characters per cell,
 * UTF-8 text, and at most {@link #maxValues()} values (rows × columns, a quarter of the heap) in all, checked before
 * each allocation, so neither a huge header nor a gzip bomb can exhaust memory. A malformed file is an
 * {@link IllegalArgumentException} naming the file, row and column, with any echoed text {@link Quoted}; a header
 * that is missing (a first row of numbers) is named as such. Writing goes to a temporary file in the same folder
 * that is renamed into place, so a failed write never leaves a half-written file.
 */
public final class SamplesCsv {
    /** The most columns a file may have when the caller does not say how many it expects. */
    public static final int MAX_COLUMNS = 10_000;
    /** The most characters a cell (a name or a number) may have. */
    public static final int MAX_CELL_CHARS = 1_000;
    /** The most empty lines a file may hold (sbibm's files have none; one at the end is common). */
    private static final int MAX_BLANK_LINES = 10_000;
    /** The most rows {@link #readSingleRow} counts before saying there are too many. */
    private static final int SINGLE_ROW_SCAN = 1_000;

    private SamplesCsv() {
    }

    /** The most values (rows × columns) one file may hold: a quarter of the maximum heap, as doubles. */
    public static long maxValues() {
        return Math.min(Integer.MAX_VALUE - 8L, Runtime.getRuntime().maxMemory() / 4 / Double.BYTES);
    }

    /** Reads every row; values must be finite. */
    public static Samples read(Path file) throws IOException {
        return read(file, ExpectedColumns.any(), true, Long.MAX_VALUE);
    }

    /**
     * Reads every row.
     *
     * @param requireFinite reject NaN and infinite values (simulator output may legitimately hold NaN)
     */
    public static Samples read(Path file, boolean requireFinite) throws IOException {
        return read(file, ExpectedColumns.any(), requireFinite, Long.MAX_VALUE);
    }

    /** Reads every row of finite values, checking the header against {@code expected}. */
    public static Samples read(Path file, ExpectedColumns expected) throws IOException {
        return read(file, expected, true, Long.MAX_VALUE);
    }

    /** Reads every row, checking the header against {@code expected}; NaN and ±∞ only where allowed. */
    public static Samples read(Path file, ExpectedColumns expected, boolean requireFinite) throws IOException {
        return read(file, expected, requireFinite, Long.MAX_VALUE);
    }

    /** Reads at most {@code maxRows} data rows (failing past them), checking the header against {@code expected}. */
    static Samples read(Path file, ExpectedColumns expected, boolean requireFinite, long maxRows) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "file not found");
        }
        if (Files.isDirectory(file)) { // pipes such as <(zcat ...) are fine: reading is bounded anyway
            throw new IllegalArgumentException(file + " is a folder; expected a CSV file");
        }
        boolean gzip = isGzip(file);
        try (Reader reader = reader(file, gzip)) {
            CsvCells csv = new CsvCells(reader, file, gzip);
            List<String> names = new ArrayList<>();
            // Past the expected count, cells are counted (for the message) but not kept.
            int d = csv.next(names, expected.maxColumns(), MAX_COLUMNS, expected.describe());
            if (d < 0 || d == 1 && names.get(0).isBlank()) {
                throw new IllegalArgumentException(file + ": empty file, expected a header row");
            }
            checkHeader(file, names, d, expected);
            long cap = maxValues();
            double[] values = new double[(int) Math.min(Math.max(1024, d), cap)];
            List<String> cells = new ArrayList<>(d);
            int n = 0;
            int blank = 0;
            int found;
            while ((found = csv.next(cells, d, d + MAX_COLUMNS, d + " as in the header")) >= 0) {
                long lineNo = csv.row();
                if (found == 1 && cells.get(0).isEmpty()) {
                    if (++blank > MAX_BLANK_LINES) { // a stream of empty lines, such as a gzip bomb of newlines
                        throw new IllegalArgumentException(file + ", row " + lineNo + ": more than " + MAX_BLANK_LINES
                                + " empty lines");
                    }
                    continue;
                }
                if (found != d) {
                    throw new IllegalArgumentException(file + ", row " + lineNo + ": " + found
                            + " columns, expected " + d + " as in the header " + Quoted.plain(names.toString()));
                }
                if (n >= maxRows) {
                    throw new TooManyRows(file + ", row " + lineNo + ": more than " + maxRows + " data rows");
                }
                if ((long) (n + 1) * d > values.length) {
                    values = grow(file, lineNo, values, (long) (n + 1) * d, cap);
                }
                for (int j = 0; j < d; j++) {
                    values[n * d + j] = parse(file, lineNo, j, names.get(j), cells.get(j), requireFinite);
                }
                n++;
            }
            return Samples.wrap(names, n, Arrays.copyOf(values, n * d));
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new IllegalArgumentException(file + ": corrupt gzip data (" + Quoted.plain(e.getMessage()) + ")");
        }
    }

    private static void checkHeader(Path file, List<String> names, int found, ExpectedColumns expected) {
        int numeric = 0;
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            if (name.isBlank()) {
                throw new IllegalArgumentException(file + ", row 1 (header), column " + (j + 1) + ": empty column name");
            }
            if (isNumber(name)) {
                numeric++;
            }
        }
        if (numeric == names.size()) {
            throw new IllegalArgumentException(file + ": the header row is missing: row 1 holds numbers ("
                    + Quoted.plain(String.join(",", names)) + "), expected column names such as "
                    + String.join(",", Samples.defaultNames("data", Math.min(found, 3)))
                    + (found > 3 ? ",..." : ""));
        }
        if (found != names.size()) {
            throw new IllegalArgumentException(file + " has " + found + " columns, expected " + expected.describe());
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < names.size(); j++) {
            if (!seen.add(names.get(j))) {
                throw new IllegalArgumentException(file + ", row 1 (header), column " + (j + 1) + ": the name "
                        + Quoted.of(names.get(j)) + " is used by an earlier column too");
            }
        }
        expected.check(file, names);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double parse(Path file, long lineNo, int j, String name, String cell, boolean requireFinite) {
        double v;
        try {
            v = Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ", row " + lineNo + ", column " + (j + 1)
                    + " (" + Quoted.plain(name) + "): not a number: " + Quoted.of(cell));
        }
        if (requireFinite && !Double.isFinite(v)) {
            throw new IllegalArgumentException(file + ", row " + lineNo + ", column " + (j + 1)
                    + " (" + Quoted.plain(name) + "): value " + v + " is not finite");
        }
        return v;
    }

    /** A larger copy of {@code values} holding at least {@code needed} values, refused past {@code cap}. */
    static double[] grow(Path file, long lineNo, double[] values, long needed, long cap) {
        if (needed > cap) {
            throw new IllegalArgumentException(file + ", row " + lineNo + ": more than " + cap
                    + " values (rows × columns), more than a quarter of this JVM's heap holds; read a smaller file"
                    + " or raise -Xmx");
        }
        return Arrays.copyOf(values, (int) Math.min(cap, Math.max(needed, 2L * values.length)));
    }

    /** Reads a file that must hold exactly one data row, such as an observation, and returns it. */
    public static double[] readSingleRow(Path file, int expectedDim) throws IOException {
        return readSingleRow(file, ExpectedColumns.count(expectedDim));
    }

    /** Reads a file that must hold exactly one data row, its header checked against {@code expected}. */
    public static double[] readSingleRow(Path file, ExpectedColumns expected) throws IOException {
        Samples s;
        try {
            s = read(file, expected, true, SINGLE_ROW_SCAN);
        } catch (TooManyRows e) {
            throw new IllegalArgumentException(file + ": expected exactly 1 data row, found more than "
                    + SINGLE_ROW_SCAN, e);
        }
        if (s.size() != 1) {
            throw new IllegalArgumentException(file + ": expected exactly 1 data row, found " + s.size());
        }
        return s.row(0);
    }

    /** A file past the rows its caller reads: still bad input, told apart to say what was expected. */
    private static final class TooManyRows extends IllegalArgumentException {
        TooManyRows(String message) {
            super(message);
        }
    }

    /** Writes atomically: to a temporary file beside {@code file}, then renamed over it. */
    public static void write(Samples samples, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(maybeGzip(file, out), StandardCharsets.UTF_8))) {
                w.write(String.join(",", samples.names()));
                w.write('\n');
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < samples.size(); i++) {
                    line.setLength(0);
                    for (int j = 0; j < samples.dim(); j++) {
                        if (j > 0) {
                            line.append(',');
                        }
                        line.append(samples.get(i, j));
                    }
                    line.append('\n');
                    w.write(line.toString());
                }
            }
        });
    }

    private static boolean isGzip(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    private static Reader reader(Path file, boolean gzip) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (gzip) {
            try {
                in = new GZIPInputStream(in, 1 << 16);
            } catch (IOException e) {
                in.close();
                throw new IllegalArgumentException(file + ": not a gzip file (" + Quoted.plain(e.getMessage()) + ")");
            }
        }
        // Malformed bytes are reported, not replaced, so a binary file is named as not UTF-8 text.
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static OutputStream maybeGzip(Path file, OutputStream out) throws IOException {
        return file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    /** The column names of a file's header row, for error messages and checks (empty for an empty file). */
    public static List<String> header(Path file) throws IOException {
        boolean gzip = isGzip(file);
        try (Reader reader = reader(file, gzip)) {
            List<String> names = new ArrayList<>();
            new CsvCells(reader, file, gzip).next(names, MAX_COLUMNS, MAX_COLUMNS, "at most " + MAX_COLUMNS);
            return names;
        }
    }
}
