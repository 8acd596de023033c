/** Neural likelihood estimation: a conditional flow q(x | θ) trained on simulations, sampled by MCMC at query time. */
package dev.amortizer.nle;
