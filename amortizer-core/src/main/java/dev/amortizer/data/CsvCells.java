package dev.amortizer.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.List;

/**
 * Splits CSV text into rows of cells without ever holding more than one capped cell of a line: a 1 MB line or a
 * gzip bomb of one endless line costs at most {@link SamplesCsv#MAX_CELL_CHARS} characters, and a row past its
 * column cap fails before its cells are kept. Cells are split at commas; {@code \r\n} ends a line like {@code \n}.
 */
final class CsvCells {
    private final Reader in;
    private final Path file;
    private final boolean gzip;
    private final char[] buf = new char[1 << 14];
    private final StringBuilder cell = new StringBuilder();
    private int pos;
    private int end;
    private long row;
    private boolean eof;

    CsvCells(Reader in, Path file, boolean gzip) {
        this.in = in;
        this.file = file;
        this.gzip = gzip;
    }

    /** The 1-based line number of the row last read. */
    long row() {
        return row;
    }

    /**
     * Reads the next line into {@code cells} (cleared first), keeping at most {@code keep} cells and failing past
     * {@code maxCells}; returns the number of cells on the line, or -1 at the end of the file.
     */
    int next(List<String> cells, int keep, int maxCells, String expected) throws IOException {
        cells.clear();
        if (!fill()) {
            return -1;
        }
        row++;
        int count = 0;
        cell.setLength(0);
        while (true) {
            if (!fill()) {
                break;
            }
            char c = buf[pos++];
            if (c == '\n') {
                break;
            }
            if (c == '\uFEFF' && row == 1 && count == 0 && cell.length() == 0) {
                continue; // a UTF-8 byte-order mark, as spreadsheets write
            }
            if (c == '\r' && peekNewline()) {
                continue;
            }
            if (c == ',') {
                count = endCell(cells, count, keep, maxCells, expected);
                continue;
            }
            appendChar(c, count);
        }
        return endCell(cells, count, keep, maxCells, expected);
    }

    private boolean peekNewline() throws IOException {
        return fill() && buf[pos] == '\n';
    }

    private void appendChar(char c, int column) {
        if (cell.length() >= SamplesCsv.MAX_CELL_CHARS) {
            throw new IllegalArgumentException(file + ", row " + row + ", column " + (column + 1)
                    + ": a cell longer than " + SamplesCsv.MAX_CELL_CHARS + " characters, starting "
                    + Quoted.of(cell));
        }
        cell.append(c);
    }

    private int endCell(List<String> cells, int count, int keep, int maxCells, String expected) {
        if (count >= maxCells) {
            throw new IllegalArgumentException(file + ", row " + row + ": more than " + maxCells + " columns, expected "
                    + expected);
        }
        if (count < keep) {
            cells.add(cell.toString());
        }
        cell.setLength(0);
        return count + 1;
    }

    /** Whether a character is available at {@code pos}, reading more if needed. */
    private boolean fill() throws IOException {
        if (pos < end) {
            return true;
        }
        if (eof) {
            return false;
        }
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ", row " + Math.max(row, 1) + ": not UTF-8 text (" + e + ")");
        } catch (IOException e) {
            if (gzip) {
                throw new IllegalArgumentException(file + ": corrupt gzip data (" + Quoted.plain(e.getMessage())
                        + ")");
            }
            throw e;
        }
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }
}
