/** Neural ratio estimation: a classifier of (θ, x) pairs whose logit is log p(x | θ)/p(x) up to a constant, sampled by MCMC at query time. */
package dev.amortizer.nre;
