package io.github.concurrent4j.testing;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.annotation.Testable;

/**
 * The tests' layers (issue 14): every test class JUnit runs carries one of the layer tags,
 * directly or from a superclass, an interface or an enclosing class, so that
 * {@code -Dgroups=unit} (and the others) select every test exactly by what it does. README's
 * "Test layers" paragraph says which command runs which layer.
 */
public final class TestLayers {
    /** The layers: in-process and fast; real processes, sockets, files; long or heavy; fuzzing. */
    public static final Set<String> LAYERS = Set.of("unit", "integration", "stress", "fuzz");

    private TestLayers() {}

    /**
     * The test classes under the classes directory {@code anchor} was loaded from that have no
     * layer tag, or, where the class has none, the test methods that have none.
     */
    public static Set<String> untagged(Class<?> anchor) throws IOException {
        Path root = root(anchor);
        Set<String> missing = new TreeSet<>();
        for (Class<?> c : classes(root, anchor.getClassLoader())) {
            if (isTestClass(c) && layers(c).isEmpty()) {
                // Tagged method by method (an always-run variant and a stress one, say): each test method needs its layer.
                for (Method m : testMethods(c)) {
                    boolean tagged = false;
                    for (Tag t : m.getAnnotationsByType(Tag.class)) tagged |= LAYERS.contains(t.value());
                    if (!tagged) missing.add(c.getName() + (m.getDeclaringClass() == c ? "#" : " (" + m.getDeclaringClass().getSimpleName() + ")#") + m.getName());
                }
            }
        }
        return missing;
    }

    /** How many classes under {@code anchor}'s directory JUnit would run (a check on the scan itself). */
    public static long testClassCount(Class<?> anchor) throws IOException {
        return classes(root(anchor), anchor.getClassLoader()).stream().filter(TestLayers::isTestClass).count();
    }

    /** The layer tags {@code c} carries, its own or inherited (JUnit's rules: superclasses, interfaces, enclosing classes). */
    public static Set<String> layers(Class<?> c) {
        Set<String> found = new TreeSet<>();
        Set<Class<?>> seen = new HashSet<>();
        List<Class<?>> todo = new ArrayList<>(List.of(c));
        while (!todo.isEmpty()) {
            Class<?> k = todo.removeLast();
            if (k == null || k == Object.class || !seen.add(k)) continue;
            for (Tag t : k.getDeclaredAnnotationsByType(Tag.class)) if (LAYERS.contains(t.value())) found.add(t.value());
            todo.add(k.getSuperclass());
            todo.addAll(List.of(k.getInterfaces()));
            if (k.isMemberClass() && !Modifier.isStatic(k.getModifiers())) todo.add(k.getEnclosingClass()); // @Nested
        }
        return found;
    }

    private static boolean isTestClass(Class<?> c) {
        if (c.isInterface() || c.isAnnotation() || c.isAnonymousClass() || c.isLocalClass() || Modifier.isAbstract(c.getModifiers())) return false;
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            if (hasTestMethod(k)) return true;
            for (Class<?> i : k.getInterfaces()) if (hasTestMethod(i)) return true;
        }
        return false;
    }

    private static boolean hasTestMethod(Class<?> k) {
        Method[] methods;
        try {
            methods = k.getDeclaredMethods();
        } catch (LinkageError e) {
            return false; // a class that cannot be linked here is not one JUnit could run either
        }
        for (Method m : methods) for (Annotation a : m.getAnnotations()) if (testable(a.annotationType(), new HashSet<>())) return true;
        return false;
    }

    private static List<Method> testMethods(Class<?> c) {
        List<Method> out = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) for (Annotation a : m.getAnnotations()) if (testable(a.annotationType(), new HashSet<>())) out.add(m);
        }
        return out;
    }

    /** {@code @Test}, {@code @ParameterizedTest}, {@code @FuzzTest}...: annotated, at some depth, with {@code @Testable}. */
    private static boolean testable(Class<? extends Annotation> type, Set<Class<?>> seen) {
        if (type == Testable.class) return true;
        if (!seen.add(type) || type.getName().startsWith("java.lang.annotation.")) return false;
        for (Annotation meta : type.getAnnotations()) if (testable(meta.annotationType(), seen)) return true;
        return false;
    }

    private static List<Class<?>> classes(Path root, ClassLoader loader) throws IOException {
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String rel = root.relativize(f).toString();
                if (rel.endsWith("module-info.class") || rel.endsWith("package-info.class")) continue;
                String name = rel.substring(0, rel.length() - ".class".length()).replace(f.getFileSystem().getSeparator(), ".");
                try {
                    out.add(Class.forName(name, false, loader));
                } catch (ClassNotFoundException | LinkageError e) {
                    // not loadable here (e.g. a fuzz target's optional dependency): not ours to judge
                }
            }
        }
        return out;
    }

    private static Path root(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
