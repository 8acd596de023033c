/** The budget planner: a small pilot, learning curves with bootstrap intervals, and the cheapest option for Q queries. */
package dev.amortizer.bench.plan;
