package dev.amortizer.data;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * The columns a reader expects, by name and order. A header must equal {@link #names()} or sbibm's positional
 * {@code prefix_1..prefix_d} ({@link #sbibmNames()}), both in order. Columns are matched by position, never
 * reordered by name: a permutation of the expected names is refused, since a file that says {@code data_2,data_1}
 * would otherwise be read with its columns swapped.
 *
 * <p>{@code SamplesCsv.readSingleRow(file, ExpectedColumns.data(task.dataNames()))}
 *
 * @param names      the caller's names, such as a task's {@code dataNames()}; empty when any names are accepted
 * @param sbibmNames sbibm's positional names, also accepted; empty when only {@code names} are
 * @param count      the number of columns, or -1 for any number up to {@link SamplesCsv#MAX_COLUMNS}
 */
public record ExpectedColumns(List<String> names, List<String> sbibmNames, int count) {
    public ExpectedColumns {
        names = List.copyOf(names);
        sbibmNames = List.copyOf(sbibmNames);
        if (count < -1 || count == 0 || count > SamplesCsv.MAX_COLUMNS) {
            throw new IllegalArgumentException("expected column count must be 1.." + SamplesCsv.MAX_COLUMNS
                    + " or -1 (any), got " + count);
        }
        if (!names.isEmpty() && names.size() != count || !sbibmNames.isEmpty() && sbibmNames.size() != count) {
            throw new IllegalArgumentException("expected " + count + " names, got " + names.size() + " and "
                    + sbibmNames.size());
        }
    }

    /** Any names, any number of columns up to {@link SamplesCsv#MAX_COLUMNS}. */
    public static ExpectedColumns any() {
        return new ExpectedColumns(List.of(), List.of(), -1);
    }

    /** Exactly {@code d} columns of any names; {@code d < 0} means any number. */
    public static ExpectedColumns count(int d) {
        return d < 0 ? any() : new ExpectedColumns(List.of(), List.of(), d);
    }

    /** A task's data columns: its own names or sbibm's {@code data_1..data_d}. */
    public static ExpectedColumns data(List<String> names) {
        return new ExpectedColumns(names, Samples.defaultNames("data", names.size()), names.size());
    }

    /** A task's parameter columns: its own names or sbibm's {@code parameter_1..parameter_D}. */
    public static ExpectedColumns parameters(List<String> names) {
        return new ExpectedColumns(names, Samples.defaultNames("parameter", names.size()), names.size());
    }

    /** The most columns a row may have. */
    int maxColumns() {
        return count < 0 ? SamplesCsv.MAX_COLUMNS : count;
    }

    /** What a message says is expected. */
    String describe() {
        if (count < 0) {
            return "at most " + SamplesCsv.MAX_COLUMNS;
        }
        return count + (names.isEmpty() ? "" : " (" + Quoted.plain(String.join(",", names)) + ")");
    }

    /** Checks a header against these expectations, naming the file, the column and what was expected. */
    void check(Path file, List<String> header) {
        if (count >= 0 && header.size() != count) {
            throw new IllegalArgumentException(file + " has " + header.size() + " columns, expected " + describe());
        }
        if (names.isEmpty() || header.equals(names) || header.equals(sbibmNames)) {
            return;
        }
        List<String> closest = sameSet(header, sbibmNames) ? sbibmNames : names;
        if (sameSet(header, names) || sameSet(header, sbibmNames)) {
            throw new IllegalArgumentException(file + ": the header lists the columns in another order ("
                    + Quoted.plain(String.join(",", header)) + ") than expected ("
                    + Quoted.plain(String.join(",", closest)) + "); columns are read by position, so reorder them");
        }
        for (int j = 0; j < header.size(); j++) {
            if (!header.get(j).equals(names.get(j)) && !header.get(j).equals(sbibmNames.get(j))) {
                String alternative = sbibmNames.isEmpty() || sbibmNames.equals(names) ? ""
                        : " or " + Quoted.of(sbibmNames.get(j));
                throw new IllegalArgumentException(file + ", row 1 (header), column " + (j + 1) + ": "
                        + Quoted.of(header.get(j)) + ", expected " + Quoted.of(names.get(j)) + alternative);
            }
        }
    }

    private static boolean sameSet(List<String> a, List<String> b) {
        return a.size() == b.size() && new HashSet<>(a).equals(new HashSet<>(b));
    }
}
