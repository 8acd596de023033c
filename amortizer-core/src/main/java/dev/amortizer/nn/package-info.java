/** The one dense-network stack (layers, MLPs, Adam) in plain Java or ND4J, for every estimator and C2ST. */
package dev.amortizer.nn;
