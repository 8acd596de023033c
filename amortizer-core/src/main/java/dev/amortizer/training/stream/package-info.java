/** Training pairs streamed from disk in fixed-size chunks, for simulations that do not fit in memory. */
package dev.amortizer.training.stream;
