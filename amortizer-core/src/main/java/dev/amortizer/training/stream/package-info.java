/**
 * Training pairs streamed from disk in fixed-size chunks, for simulations that do not fit in memory (NPE's MDN and
 * flows).
 */
package dev.amortizer.training.stream;
