/** Full-covariance Gaussian mixture density networks: layout, density, gradient, sampler and DL4J loss. */
package dev.amortizer.npe.mdn;
