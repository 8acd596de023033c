package dev.amortizer.cli;

import dev.amortizer.device.ComputeEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code --version}: the library version, the commit it was built from, the JVM, the OS, the ND4J backends on the
 * classpath and the {@link ComputeEnvironment}: the backend ND4J actually loads and the device it computes on. That
 * starts ND4J (about a second), because only then is it known which backend was chosen, which is the question a
 * CUDA build is asked first.
 */
final class Version implements CommandLine.IVersionProvider {
    private static final String[][] BACKENDS = {
        {"org.nd4j.linalg.cpu.nativecpu.CpuBackend", "nd4j-native (CPU)"},
        {"org.nd4j.linalg.jcublas.JCublasBackend", "nd4j-cuda"},
    };

    @Override
    public String[] getVersion() {
        Runtime.Version jdk = Runtime.version();
        ComputeEnvironment env = ComputeEnvironment.current();
        return new String[] {
            "amortizer " + dev.amortizer.training.TrainingProvenance.currentLibraryVersion() + " (commit " + commit() + ")",
            "JVM: Java " + jdk + " (" + System.getProperty("java.vendor", "unknown vendor") + ", "
                + System.getProperty("java.vm.name", "unknown VM") + ")",
            "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"),
            "ND4J backend: " + env.nd4jBackend() + " (loaded; on the classpath: " + backends() + ")",
            "Device: " + env.device() + "; OMP_NUM_THREADS=" + env.ompNumThreads() + ", " + env.processors()
                + " processors, compute backend " + env.computeBackend(),
            "GPU: " + env.gpu(),
        };
    }

    /** The git commit recorded at build time, or "unknown" (built without git or outside the launcher). */
    static String commit() {
        try (InputStream in = Version.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String c = p.getProperty("commit", "").trim();
            return c.isEmpty() || c.startsWith("${") ? "unknown" : c;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** " 1.0.0-M2.1" from the jar the class came from (ND4J's manifests carry no version), or "". */
    private static String jarVersion(Class<?> c) {
        try {
            var source = c.getProtectionDomain().getCodeSource();
            String jar = source == null ? "" : java.nio.file.Path.of(source.getLocation().toURI()).getFileName()
                    .toString();
            var m = java.util.regex.Pattern.compile("-(\\d[^-]*(?:-M[\\d.]+)?)(?:-[a-z].*)?\\.jar$").matcher(jar);
            return m.find() ? " " + m.group(1) : "";
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "";
        }
    }

    private static String backends() {
        List<String> found = new ArrayList<>();
        for (String[] b : BACKENDS) {
            try {
                Class<?> c = Class.forName(b[0], false, Version.class.getClassLoader()); // not initialised
                found.add(b[1] + jarVersion(c));
            } catch (ClassNotFoundException | LinkageError e) {
                // not on the classpath
            }
        }
        return found.isEmpty() ? "none on the classpath" : String.join(", ", found);
    }
}
