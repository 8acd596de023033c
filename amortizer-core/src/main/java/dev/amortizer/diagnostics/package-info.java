/** Accuracy diagnostics for posterior samples: the classifier two-sample test (C2ST) as sbibm computes it. */
package dev.amortizer.diagnostics;
