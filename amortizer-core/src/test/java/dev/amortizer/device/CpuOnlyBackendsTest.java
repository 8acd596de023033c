package dev.amortizer.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class loader that hides ND4J's CUDA backend from its service lookup, and nothing else. */
class CpuOnlyBackendsTest {
    @Test
    void hidesOnlyTheServiceFileThatNamesTheCudaBackend(@TempDir Path dir) throws IOException {
        Path cuda = serviceFile(dir.resolve("cuda"), CudaProbe.CUDA_BACKEND);
        Path cpu = serviceFile(dir.resolve("cpu"), "org.nd4j.linalg.cpu.nativecpu.CpuBackend");
        try (URLClassLoader both = new URLClassLoader(new URL[] {cuda.toUri().toURL(), cpu.toUri().toURL()}, null)) {
            assertThat(Collections.list(both.getResources(CpuOnlyBackends.SERVICE_FILE))).hasSize(2);
            List<String> seen = new ArrayList<>();
            for (URL url : Collections.list(new CpuOnlyBackends.Hiding(both)
                    .getResources(CpuOnlyBackends.SERVICE_FILE))) {
                try (var in = url.openStream()) {
                    seen.add(new String(in.readAllBytes()).trim());
                }
            }
            assertThat(seen).singleElement().asString().endsWith("org.nd4j.linalg.cpu.nativecpu.CpuBackend");
        }
    }

    @Test
    void classesAndOtherResourcesComeFromTheParent() throws Exception {
        ClassLoader parent = getClass().getClassLoader();
        ClassLoader hiding = new CpuOnlyBackends.Hiding(parent);
        assertThat(hiding.loadClass(GpuChoice.class.getName())).isSameAs(GpuChoice.class);
        assertThat(Collections.list(hiding.getResources("META-INF/MANIFEST.MF")))
                .hasSameSizeAs(Collections.list(parent.getResources("META-INF/MANIFEST.MF")));
    }

    private static Path serviceFile(Path root, String backend) throws IOException {
        Path file = root.resolve(CpuOnlyBackends.SERVICE_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# a backend\n" + backend + "\n");
        return root;
    }
}
