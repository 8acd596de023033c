package dev.amortizer.nn;

import java.util.function.Supplier;

/** Runs test code under one {@link ComputeBackend} and puts the previous one back, whatever happens. */
public final class Backends {
    private Backends() {
    }

    public static <T> T under(ComputeBackend backend, Supplier<T> body) {
        ComputeBackend before = ComputeBackend.selected();
        ComputeBackend.select(backend);
        try {
            return body.get();
        } finally {
            ComputeBackend.select(before);
        }
    }
}
