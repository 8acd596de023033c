package dev.amortizer.model;

import java.io.ObjectInputFilter;

/**
 * Defence in depth behind the data-only readers: a JVM-wide serial filter that rejects every class, so that no
 * library on the class path can turn a file into Java objects (through Java's object streams) either. Nothing
 * in Amortizer, ND4J or DL4J as used here needs Java deserialization; the launcher and the test JVMs set the same
 * filter with {@code -Djdk.serialFilter=!*}.
 */
public final class NoDeserialization {
    private NoDeserialization() {
    }

    /** Rejects all deserialization in this JVM, unless a filter was already set (such as by {@code jdk.serialFilter}). */
    public static void install() {
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            ObjectInputFilter.Config.setSerialFilter(info -> ObjectInputFilter.Status.REJECTED);
        }
    }
}
