/** The compute environment every record names (ND4J backend, device, threads), and the GPU check made before ND4J starts. */
package dev.amortizer.device;
