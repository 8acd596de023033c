/** The task catalogue: sbibm's tasks exactly as docs/TASKS.md, each with its own reference sampler. */
package dev.amortizer.models;
