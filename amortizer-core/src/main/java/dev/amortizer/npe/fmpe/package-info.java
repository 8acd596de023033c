/** Flow matching posterior estimation: a velocity field trained by regression, integrated as an ODE to draw. */
package dev.amortizer.npe.fmpe;
