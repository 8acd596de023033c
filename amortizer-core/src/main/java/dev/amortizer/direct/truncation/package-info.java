/** Priors truncated to a posterior estimate's highest-probability region, and how to sample them. */
package dev.amortizer.direct.truncation;
