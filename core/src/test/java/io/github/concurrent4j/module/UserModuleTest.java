package io.github.concurrent4j.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's module on the real module path (issue 14, acceptance 5): it requires
 * {@code io.github.concurrent4j}, uses exported classes (a queue, a child process), and cannot
 * reach a class of an unexported package: javac refuses to compile a reference to one, and at
 * run time the class can be loaded by name but not used (Java's modules check access, not
 * loading: {@code IllegalAccessException} on a reflective call, {@code InaccessibleObjectException}
 * on {@code setAccessible}).
 */
@Tag("integration")
class UserModuleTest {
    private static final String MODULE_INFO = """
            module demo.user {
                requires io.github.concurrent4j;
                // Sending a lambda to a child: Kryo and the library read it reflectively.
                opens demo to io.github.concurrent4j, com.esotericsoftware.kryo;
            }
            """;

    private static final String MAIN = """
            package demo;

            import io.github.concurrent4j.multiprocessing.Process;
            import io.github.concurrent4j.queue.Queue;

            public final class Main {
                public static void main(String[] args) throws Exception {
                    Queue<String> q = new Queue<>();
                    q.put("hello");
                    System.out.println("exported: " + q.get() + " from " + Queue.class.getModule().getName());

                    Class<?> internal = Class.forName("io.github.concurrent4j.transport.internal.HmacSha256");
                    System.out.println("loaded: " + internal.getName() + " exported to me: "
                            + internal.getModule().isExported(internal.getPackageName(), Main.class.getModule()));
                    var randomBytes = internal.getMethod("randomBytes", int.class);
                    try {
                        randomBytes.invoke(null, 8);
                        System.out.println("invoke: reached");
                    } catch (IllegalAccessException e) {
                        System.out.println("invoke: IllegalAccessException");
                    }
                    try {
                        randomBytes.setAccessible(true);
                        System.out.println("setAccessible: reached");
                    } catch (java.lang.reflect.InaccessibleObjectException e) {
                        System.out.println("setAccessible: InaccessibleObjectException");
                    }

                    Process p = new Process(() -> System.out.println("child: in module "
                            + Main.class.getModule().getName() + ", library in "
                            + Process.class.getModule().getName()));
                    p.start();
                    p.join();
                    System.out.println("child exit: " + p.exitCode().orElse(-999));
                }
            }
            """;

    private static final String REACHES_IN = """
            package demo;

            final class ReachesIn {
                byte[] key() {
                    return io.github.concurrent4j.transport.internal.HmacSha256.randomBytes(8);
                }
            }
            """;

    @Test
    @Timeout(120)
    void aUserModuleUsesTheApiAndCannotReachAnInternalPackage(@TempDir Path dir) throws Exception {
        String modulePath = libraryModulePath();
        Path src = dir.resolve("src");
        Path out = dir.resolve("out");
        write(src.resolve("module-info.java"), MODULE_INFO);
        write(src.resolve("demo/Main.java"), MAIN);

        // javac: an internal package is not visible from the user's module.
        write(src.resolve("demo/ReachesIn.java"), REACHES_IN);
        Compiled refused = compile(modulePath, out, src.resolve("module-info.java"), src.resolve("demo/Main.java"), src.resolve("demo/ReachesIn.java"));
        assertThat(refused.ok()).as("javac compiled a reference to transport.internal").isFalse();
        assertThat(refused.messages()).contains("io.github.concurrent4j.transport.internal")
                .containsAnyOf("is not visible", "does not export");

        Compiled ok = compile(modulePath, out, src.resolve("module-info.java"), src.resolve("demo/Main.java"));
        assertThat(ok.ok()).as("the user module compiles against the exports: %s", ok.messages()).isTrue();

        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=io.github.concurrent4j",
                "--module-path", out + File.pathSeparator + modulePath,
                "-m", "demo.user/demo.Main");
        java.lang.Process run = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean ended;
        String output;
        try {
            output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ended = run.waitFor(60, TimeUnit.SECONDS);
        } finally {
            run.destroyForcibly();
        }
        assertThat(ended).isTrue();
        assertThat(run.exitValue()).as("the user program's exit; its output:%n%s", output).isZero();
        assertThat(output).as("the user program's output")
                .contains("exported: hello from io.github.concurrent4j")
                .contains("loaded: io.github.concurrent4j.transport.internal.HmacSha256 exported to me: false")
                .contains("invoke: IllegalAccessException")
                .contains("setAccessible: InaccessibleObjectException")
                .contains("child: in module demo.user, library in io.github.concurrent4j")
                .contains("child exit: 0")
                .doesNotContain("WARNING: A restricted method");
    }

    private record Compiled(boolean ok, String messages) {}

    private static Compiled compile(String modulePath, Path out, Path... sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's javac (the tests run on JDK 25)").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", out.toString(), "--module-path", modulePath, "-Xlint:-options");
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(sources)).call();
            StringBuilder messages = new StringBuilder();
            diagnostics.getDiagnostics().forEach(d -> messages.append(d.getMessage(Locale.ROOT)).append('\n'));
            return new Compiled(ok, messages.toString());
        }
    }

    /** The core as a module (its classes directory, with module-info.class) and the jars it requires. */
    private static String libraryModulePath() throws ClassNotFoundException {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(ModuleSurfaceTest.classesRoot().toString());
        for (String c : new String[] {
                "com.esotericsoftware.kryo.Kryo", "com.esotericsoftware.minlog.Log", "com.esotericsoftware.reflectasm.MethodAccess",
                "org.objenesis.Objenesis", "org.jctools.queues.MpscArrayQueue", "net.razorvine.pickle.Pickler"}) {
            entries.add(location(Class.forName(c, false, UserModuleTest.class.getClassLoader())).toString());
        }
        return String.join(File.pathSeparator, new ArrayList<>(entries));
    }

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
