/** Research programs with a {@code main} method that produced the committed results and datasets. */
package dev.amortizer.bench.tools;
