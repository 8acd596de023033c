/** Full-covariance Gaussian mixture density networks: layout, density, gradient, sampler and training objective. */
package dev.amortizer.npe.mdn;
