package dev.amortizer.data;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes {@link Samples} as sbibm does: comma-separated, one header row, no index
 * column, {@code \n} line endings; a name ending in {@code .gz} is gzip.
 *
 * <p>Reading rejects malformed files with an {@link IllegalArgumentException} naming the file,
 * row and column. Writing goes to a temporary file in the same folder that is renamed into
 * place, so a failed write never leaves a half-written file.
 */
public final class SamplesCsv {
    private SamplesCsv() {
    }

    /** Reads every row; values must be finite. */
    public static Samples read(Path file) throws IOException {
        return read(file, true);
    }

    /**
     * Reads every row.
     *
     * @param requireFinite reject NaN and infinite values (simulator output may legitimately hold NaN)
     */
    public static Samples read(Path file, boolean requireFinite) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "file not found");
        }
        try (BufferedReader in = reader(file)) {
            String header = in.readLine();
            if (header == null || header.isBlank()) {
                throw new IllegalArgumentException(file + ": empty file, expected a header row");
            }
            List<String> names = Arrays.asList(header.split(",", -1));
            for (int j = 0; j < names.size(); j++) {
                if (names.get(j).isBlank()) {
                    throw new IllegalArgumentException(file + ", row 1 (header), column " + (j + 1) + ": empty column name");
                }
            }
            int d = names.size();
            double[] values = new double[1024 * d];
            int n = 0;
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != d) {
                    throw new IllegalArgumentException(file + ", row " + lineNo + ": " + cells.length
                            + " columns, expected " + d + " as in the header " + names);
                }
                if ((n + 1) * d > values.length) {
                    values = Arrays.copyOf(values, values.length * 2);
                }
                for (int j = 0; j < d; j++) {
                    double v;
                    try {
                        v = Double.parseDouble(cells[j].trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + ", row " + lineNo + ", column " + (j + 1)
                                + " (" + names.get(j) + "): not a number: '" + cells[j] + "'");
                    }
                    if (requireFinite && !Double.isFinite(v)) {
                        throw new IllegalArgumentException(file + ", row " + lineNo + ", column " + (j + 1)
                                + " (" + names.get(j) + "): value " + v + " is not finite");
                    }
                    values[n * d + j] = v;
                }
                n++;
            }
            return Samples.wrap(names, n, Arrays.copyOf(values, n * d));
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new IllegalArgumentException(file + ": corrupt gzip data (" + e.getMessage() + ")");
        }
    }

    /** Reads a file that must hold exactly one data row, such as an observation, and returns it. */
    public static double[] readSingleRow(Path file, int expectedDim) throws IOException {
        Samples s = read(file);
        if (s.size() != 1) {
            throw new IllegalArgumentException(file + ": expected exactly 1 data row, found " + s.size());
        }
        if (expectedDim >= 0 && s.dim() != expectedDim) {
            throw new IllegalArgumentException(file + ": " + s.dim() + " columns, expected " + expectedDim);
        }
        return s.row(0);
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

    private static BufferedReader reader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            try {
                in = new GZIPInputStream(in, 1 << 16);
            } catch (IOException e) {
                in.close();
                throw new IllegalArgumentException(file + ": not a gzip file (" + e.getMessage() + ")");
            }
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static OutputStream maybeGzip(Path file, OutputStream out) throws IOException {
        return file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    /** The column names of a file's header row, for error messages and checks. */
    public static List<String> header(Path file) throws IOException {
        try (BufferedReader in = reader(file)) {
            String header = in.readLine();
            return header == null ? List.of() : new ArrayList<>(Arrays.asList(header.split(",", -1)));
        }
    }
}
