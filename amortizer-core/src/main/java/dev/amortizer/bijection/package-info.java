/** Smooth invertible maps between a prior's support and R^D, with their log-Jacobians, shared by amortisers and samplers. */
package dev.amortizer.bijection;
