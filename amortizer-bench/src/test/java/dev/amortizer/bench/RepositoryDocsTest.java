package dev.amortizer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository stands on its own: every document a file points to is in it, no file names a path on the machine
 * it was written on, and the top README stays a short front door.
 *
 * <p>A Markdown file named with its folders must exist relative to the naming file, to the root, or as the end of
 * some file's path; one named alone must be the name of some file. Test sources are not read for names: they name
 * the files they write. Files are those git tracks, else every file below
 * the project root outside {@code target/} and {@code .git/}. Text files: {@code .java .md .json .html .csv .txt .sh}
 * and scripts (a first line starting with {@code #!}).
 */
class RepositoryDocsTest {
    /** The most the top README may hold, in bytes. */
    static final int README_LIMIT = 8 * 1024;
    private static final Set<String> TEXT = Set.of("java", "md", "json", "html", "csv", "txt", "sh");
    /** {@code [text](target)} in Markdown. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]\\n]*\\]\\(([^)\\s]+)\\)");
    /** A Markdown file named in any text, with or without a folder. */
    private static final Pattern MD_MENTION =
            Pattern.compile("(?<![\\w./%-])((?:\\.\\./|\\./)*[\\w-]+(?:[./][\\w-]+)*\\.md)\\b");
    /** Paths that only exist on the machine a file was written on. */
    private static final Pattern MACHINE_PATH = Pattern.compile("(?<![\\w.])(/work/|/tmp/\\w|/root/|/home/\\w)");
    /** File names in examples and usage lines that stand for a file the user chooses. */
    private static final Set<String> PLACEHOLDERS = Set.of("OUT.md", "TABLE.md");

    private static Path root;
    private static List<Path> files;

    @BeforeAll
    static void listFiles() throws IOException {
        root = projectRoot();
        files = gitFiles().orElseGet(RepositoryDocsTest::walk).stream()
                .filter(p -> !p.startsWith("target") && !p.toString().contains("/target/"))
                .filter(p -> Files.isRegularFile(root.resolve(p)))
                .toList();
        assertThat(files).as("files of the repository under %s", root).isNotEmpty();
    }

    @Test
    void everyDocumentReferencedIsInTheRepository() throws IOException {
        Set<String> names = new TreeSet<>();
        Set<String> paths = new TreeSet<>();
        files.forEach(p -> {
            names.add(p.getFileName().toString());
            paths.add("/" + p.toString().replace('\\', '/'));
        });
        List<String> missing = new ArrayList<>();
        for (Path file : textFiles()) {
            String text = read(file);
            if (file.toString().endsWith(".md")) {
                Matcher m = LINK.matcher(text);
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-zA-Z][a-zA-Z+.-]*:.*") || target.startsWith("#")) {
                        continue;                                  // a URL or an anchor in the same page
                    }
                    target = URLDecoder.decode(target.replaceAll("[#?].*$", ""), StandardCharsets.UTF_8);
                    if (!exists(file.getParent(), target)) {
                        missing.add(file + ": link " + m.group(1));
                    }
                }
            }
            if (file.toString().contains("src/test/java/")) {
                continue;                                          // tests name the files they write, not documents
            }
            Matcher m = MD_MENTION.matcher(text);
            while (m.find()) {
                String mention = m.group(1);
                boolean found = mention.contains("/")
                        ? exists(file.getParent(), mention) || exists(null, mention) || endsOne(paths, mention)
                        : names.contains(mention) || PLACEHOLDERS.contains(mention);
                if (!found) {
                    missing.add(file + ": mentions " + mention);
                }
            }
        }
        assertThat(missing).as("documents referenced but not in the repository").isEmpty();
    }

    @Test
    void noFileNamesAPathOfTheMachineItWasWrittenOn() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : textFiles()) {
            String[] lines = read(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = MACHINE_PATH.matcher(lines[i]);
                if (m.find() && !file.endsWith(Path.of("RepositoryDocsTest.java"))) {
                    found.add(file + ":" + (i + 1) + ": " + m.group(1));
                }
            }
        }
        assertThat(found).as("absolute paths of one machine").isEmpty();
    }

    @Test
    void theTopReadmeIsAShortFrontDoor() throws IOException {
        assertThat(Files.size(root.resolve("README.md"))).as("README.md in bytes").isLessThanOrEqualTo(README_LIMIT);
    }

    /** Whether some file's path ends with the folders and name of {@code mention} (an output's layout, say). */
    private static boolean endsOne(Set<String> paths, String mention) {
        String tail = "/" + mention.replaceFirst("^(\\.\\./|\\./)+", "");
        return paths.stream().anyMatch(p -> p.endsWith(tail));
    }

    /** Whether {@code target} names an existing path inside the repository, relative to {@code dir} or the root. */
    private static boolean exists(Path dir, String target) {
        Path base = dir == null ? root : root.resolve(dir);
        Path resolved = base.resolve(target).normalize();
        return resolved.startsWith(root) && Files.exists(resolved);
    }

    private static List<Path> textFiles() throws IOException {
        List<Path> text = new ArrayList<>();
        for (Path p : files) {
            String name = p.getFileName().toString();
            int dot = name.lastIndexOf('.');
            if (dot >= 0 ? TEXT.contains(name.substring(dot + 1)) : isScript(root.resolve(p))) {
                text.add(p);
            }
        }
        return text;
    }

    private static boolean isScript(Path file) throws IOException {
        byte[] head = new byte[2];
        try (var in = Files.newInputStream(file)) {
            return in.read(head) == 2 && head[0] == '#' && head[1] == '!';
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(root.resolve(file)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first folder at or above the working directory whose pom.xml is the parent pom (it lists the modules). */
    static Path projectRoot() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>amortizer-bench</module>")) {
                return dir;
            }
        }
        throw new IllegalStateException("no parent pom.xml (amortizer-parent) at or above "
                + Path.of("").toAbsolutePath());
    }

    /** The files git tracks, or empty where git (or a repository) is not available. */
    private static java.util.Optional<List<Path>> gitFiles() {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z")
                    .directory(root.toFile()).redirectErrorStream(false).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return java.util.Optional.empty();
            }
            List<Path> listed = new ArrayList<>();
            for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                if (!name.isEmpty()) {
                    listed.add(Path.of(name));
                }
            }
            return listed.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(listed);
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    private static List<Path> walk() {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(root::relativize)
                    .filter(p -> !p.startsWith(".git"))
                    .filter(p -> {
                        for (Path part : p) {
                            if (part.toString().equals("target")) {
                                return false;
                            }
                        }
                        return true;
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
