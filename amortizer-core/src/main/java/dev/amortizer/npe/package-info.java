/** Neural posterior estimation: a network q(θ | x) trained on simulated pairs, then sampled per query. */
package dev.amortizer.npe;
