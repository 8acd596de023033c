package dev.amortizer.device;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.nd4j.common.config.ND4JClassLoading;

/**
 * Makes ND4J choose its CPU backend when both backends are on the classpath. ND4J 1.0.0-M2.1 finds backends with a
 * {@link java.util.ServiceLoader} on the class loader {@link ND4JClassLoading} holds, sorts them by priority (the GPU's
 * is higher, and only the environment variables BACKEND_PRIORITY_CPU/GPU, read once, change that) and takes the
 * first whose availability check passes; that check only asks whether a device exists. A process cannot change its
 * own environment, so instead ND4J is given a class loader that delegates everything to the application's, except
 * that it hides the service files naming the CUDA backend: ND4J then never sees it. Must run before ND4J starts.
 */
final class CpuOnlyBackends {
    static final String SERVICE_FILE = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

    private CpuOnlyBackends() {
    }

    /** Hides the CUDA backend from ND4J's backend lookup from now on. */
    static void install() {
        ND4JClassLoading.setNd4jClassloader(new Hiding(ND4JClassLoading.getNd4jClassloader()));
    }

    /** A class loader that lists no backend service file naming the CUDA backend; all else is its parent's. */
    static final class Hiding extends ClassLoader {
        Hiding(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            Enumeration<URL> all = super.getResources(name);
            if (!SERVICE_FILE.equals(name)) {
                return all;
            }
            List<URL> kept = new ArrayList<>();
            for (URL url : Collections.list(all)) {
                if (!namesCudaBackend(url)) {
                    kept.add(url);
                }
            }
            return Collections.enumeration(kept);
        }

        private static boolean namesCudaBackend(URL url) throws IOException {
            try (InputStream in = url.openStream()) {
                return new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8).contains(CudaProbe.CUDA_BACKEND);
            }
        }
    }
}
