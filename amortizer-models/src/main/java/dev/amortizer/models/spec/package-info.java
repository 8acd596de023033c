/** Tasks written as a JSON spec: named parameters with their priors, data names, and external commands. */
package dev.amortizer.models.spec;
