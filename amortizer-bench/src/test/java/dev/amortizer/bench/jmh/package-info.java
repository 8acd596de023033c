/** JMH micro-benchmarks: per-query latency, MDN training-step throughput and simulator throughput, run by {@code amortizer-bench/jmh} (not by the test suite). */
package dev.amortizer.bench.jmh;
