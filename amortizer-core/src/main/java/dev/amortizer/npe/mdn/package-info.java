/** Full-covariance Gaussian mixture density networks: network with mean shift, layout, density, gradient, sampler, objective. */
package dev.amortizer.npe.mdn;
