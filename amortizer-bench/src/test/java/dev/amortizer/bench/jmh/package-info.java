/** JMH micro-benchmarks of query latency, run by {@code amortizer-bench/jmh} (not by the test suite). */
package dev.amortizer.bench.jmh;
