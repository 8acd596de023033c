/** Neural point and quantile estimators: a network from x to the posterior mean, median and quantiles of each parameter. */
package dev.amortizer.point;
