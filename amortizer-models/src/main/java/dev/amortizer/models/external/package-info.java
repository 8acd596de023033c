/** Simulators and likelihoods run as external commands in any language, over a line protocol on stdin and stdout. */
package dev.amortizer.models.external;
