package io.github.concurrent4j.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.concurrent4j.Timeouts;

/**
 * The module's surface as compiled (issue 14): every API package under
 * {@code io/github/concurrent4j} is exported, to everyone, and no internal one is (a package
 * named {@code internal}, or under {@code transport.shm}). A helper that adds a package and
 * forgets {@code module-info.java} fails here, whichever way round.
 */
@Tag("unit")
class ModuleSurfaceTest {
    private static final String ROOT = "io.github.concurrent4j";
    private static final String KRYO = "com.esotericsoftware.kryo";

    /** Internal by the project's rule: an {@code internal} segment, or the shared-memory transport. */
    static boolean isInternal(String pkg) {
        return Set.of(pkg.split("\\.")).contains("internal")
                || pkg.equals(ROOT + ".transport.shm") || pkg.startsWith(ROOT + ".transport.shm.");
    }

    @Test
    void everyApiPackageIsExportedAndNoInternalOneIs() throws IOException {
        ModuleDescriptor module = descriptor();
        assertThat(module.name()).isEqualTo(ROOT);
        Set<String> packages = packagesWithClasses();
        assertThat(packages).as("packages found in %s", classesRoot()).contains(ROOT + ".multiprocessing", ROOT + ".transport.internal");

        Set<String> api = packages.stream().filter(p -> !isInternal(p)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> exported = new TreeSet<>();
        for (ModuleDescriptor.Exports e : module.exports()) {
            assertThat(e.isQualified()).as("export of %s is qualified (%s): API packages are exported to everyone, internals not at all", e.source(), e.targets()).isFalse();
            exported.add(e.source());
        }
        assertThat(exported)
                .as("module-info.java's exports: every API package and no internal one (missing ones are listed first)")
                .containsAll(api)
                .allSatisfy(p -> assertThat(isInternal(p)).as("%s is internal and must not be exported", p).isFalse())
                .isEqualTo(api);
    }

    @Test
    void theTransportInternalsAreNotInAnApiPackage() {
        for (String name : new String[] {"FramedChannel", "Handshake", "HmacSha256", "PeerCredentials"}) {
            assertThat(Files.exists(classesRoot().resolve("io/github/concurrent4j/transport/internal/" + name + ".class")))
                    .as("%s is in transport.internal", name).isTrue();
            assertThat(Files.exists(classesRoot().resolve("io/github/concurrent4j/transport/" + name + ".class")))
                    .as("%s is not in the exported transport package", name).isFalse();
        }
    }

    @Test
    void theLibrarysWireClassesAreOpenToKryoAndToKryoAlone() throws IOException {
        ModuleDescriptor module = descriptor();
        Set<String> openToKryo = new TreeSet<>();
        for (ModuleDescriptor.Opens o : module.opens()) {
            assertThat(o.targets()).as("opens %s: only to Kryo, whose serializers read the wire classes' fields", o.source()).containsExactly(KRYO);
            openToKryo.add(o.source());
        }
        assertThat(module.isOpen()).isFalse();
        Set<String> wirePackages = new TreeSet<>();
        try (InputStream in = Files.newInputStream(classesRoot().resolve("META-INF/concurrent4j/serial-allow.txt"))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String c = line.strip();
                if (c.isEmpty() || c.startsWith("#") || !c.startsWith(ROOT + ".")) continue;
                wirePackages.add(c.substring(0, c.lastIndexOf('.')));
            }
        }
        assertThat(wirePackages).isNotEmpty();
        assertThat(openToKryo).as("packages of the classes in serial-allow.txt are opened to Kryo in module-info.java")
                .containsAll(wirePackages);
    }

    private static ModuleDescriptor descriptor() throws IOException {
        try (InputStream in = Files.newInputStream(classesRoot().resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    /** The packages of the core's compiled classes (not the module descriptor's own list: the files). */
    private static Set<String> packagesWithClasses() throws IOException {
        Path root = classesRoot();
        try (Stream<Path> files = Files.walk(root.resolve("io/github/concurrent4j"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".class"))
                    .map(f -> root.relativize(f.getParent()).toString().replace(root.getFileSystem().getSeparator(), "."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The core's classes directory (target/classes), whence the tests load the library. */
    static Path classesRoot() {
        try {
            Path p = Path.of(Timeouts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertThat(p).as("the core's classes are a directory (the build's target/classes)").isDirectory();
            return p;
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
