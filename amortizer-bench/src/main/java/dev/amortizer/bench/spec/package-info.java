/** Experiment specs: the benchmark's protocol as a JSON file (Jackson), merged with command-line flags. */
package dev.amortizer.bench.spec;
