package io.github.concurrent4j.multiprocessing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.concurrent4j.testing.JavaProgram;

/**
 * The child JVMs' AOT cache, trained for a program whose class path is made of JARs: the
 * training run prints nothing into the program's output (issue 14: the JVM's
 * "AOTConfiguration recorded" line reached the user's), and the cache is then used.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AotTrainingTest {
    @TempDir
    Path dir;

    @Test
    void theTrainingRunPrintsNothingInTheUsersOutput() throws Exception {
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path jar = dir.resolve("cp-" + classPath.size() + ".jar");
                jarUp(p, jar);
                classPath.add(jar.toString());
            } else if (entry.endsWith(".jar")) {
                classPath.add(entry);
            }
        }
        Path aotDir = dir.resolve("aot");
        try (JavaProgram program = JavaProgram.start(List.of("-Dc4j.aot.dir=" + aotDir), String.join(java.io.File.pathSeparator, classPath),
                Class.forName("io.github.concurrent4j.multiprocessing.ParentPrograms$AotTrainingParent"))) {
            List<String> out = new ArrayList<>();
            for (String line = ""; !line.equals("DONE"); ) {
                line = program.awaitLine("", Duration.ofMinutes(4)); // every line, in order
                out.add(line);
            }
            assertThat(program.awaitExit(Duration.ofMinutes(1))).isZero();
            out.addAll(program.remainingLines());
            assertThat(out).as("the program's whole output").containsExactlyInAnyOrder(
                    "CHILD first", "AOT true", "CHILD 0", "CHILD 1", "CHILD 2", "DONE");
            assertThat(program.stderr()).doesNotContain("AOTConfiguration").doesNotContain("[aot]").doesNotContain("[cds]");
        }
        try (Stream<Path> files = Files.list(aotDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("the trained cache, and nothing else")
                    .singleElement().matches(n -> n.startsWith("child-") && n.endsWith(".aot"));
        }
    }

    private static void jarUp(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> all = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                j.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, j);
                j.closeEntry();
            }
        }
    }
}
