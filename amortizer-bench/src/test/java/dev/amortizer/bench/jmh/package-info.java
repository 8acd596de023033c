/** JMH micro-benchmarks: per-query latency, MDN training-step throughput, simulator throughput and the dense networks' training under each compute backend, run by {@code amortizer-bench/jmh} (not by the test suite). */
package dev.amortizer.bench.jmh;
