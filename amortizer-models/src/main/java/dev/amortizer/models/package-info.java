/** The task catalogue: sbibm's tasks exactly as amortizer-models/README.md defines them, each with its own reference sampler. */
package dev.amortizer.models;
