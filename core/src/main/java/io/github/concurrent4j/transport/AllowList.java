package io.github.concurrent4j.transport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The classes a {@link Codec} may decode. Immutable; {@link Serialization} holds the
 * process-wide one, which children inherit from their parent.
 *
 * <p>An entry is a binary class name ({@code com.acme.Order}, {@code com.acme.Outer$Inner}),
 * a package ({@code com.acme.model.*}: the classes directly in it) or a package tree
 * ({@code com.acme.**}). An array type is allowed when its element type is; primitive types
 * and their arrays always are. Wide patterns are convenient and risky in equal measure: every
 * class they match becomes something a peer can make this process instantiate.
 *
 * <p>A fourth form, {@code lambda:com.acme.Main}, allows only the serializable lambdas that
 * class declares, not objects of the class: decoding such a lambda loads and initializes
 * {@code Main} and asks its {@code $deserializeLambda$} to recreate one of its own lambdas.
 * {@link Serialization} adds these entries itself for every class whose lambdas this process
 * encodes (so that what a process family sends, it can receive), and children inherit them.
 */
public final class AllowList {
    /** The prefix of an entry that allows a class's lambdas only. */
    public static final String LAMBDA_PREFIX = "lambda:";

    private final Set<String> classes;
    private final Set<String> lambdaOwners;
    private final List<String> packages;     // "com.acme.model."  (direct members only)
    private final List<String> packageTrees; // "com.acme."        (any depth)
    private final List<String> entries;

    private AllowList(List<String> entries) {
        Set<String> cls = new LinkedHashSet<>();
        Set<String> owners = new LinkedHashSet<>();
        List<String> pkg = new ArrayList<>();
        List<String> tree = new ArrayList<>();
        for (String e : entries) {
            if (e.startsWith(LAMBDA_PREFIX)) owners.add(e.substring(LAMBDA_PREFIX.length()));
            else if (e.endsWith(".**")) tree.add(e.substring(0, e.length() - 2));
            else if (e.endsWith(".*")) pkg.add(e.substring(0, e.length() - 1));
            else cls.add(e);
        }
        this.classes = Set.copyOf(cls);
        this.lambdaOwners = Set.copyOf(owners);
        this.packages = List.copyOf(pkg);
        this.packageTrees = List.copyOf(tree);
        this.entries = List.copyOf(new LinkedHashSet<>(entries));
    }

    /** An allow-list of exactly these entries (validated: see the class comment for the forms). */
    public static AllowList of(List<String> entries) {
        for (String e : entries) validate(e);
        return new AllowList(entries);
    }

    /** This list plus {@code more} entries. */
    public AllowList with(List<String> more) {
        for (String e : more) validate(e);
        List<String> all = new ArrayList<>(entries);
        all.addAll(more);
        return new AllowList(all);
    }

    /** The entries, in the order they were added (what a parent sends to its children). */
    public List<String> entries() {
        return entries;
    }

    /** Whether the class with this binary name (as {@link Class#getName()} spells it) may be decoded. */
    public boolean allows(String className) {
        Objects.requireNonNull(className, "className");
        String name = elementName(className);
        if (name == null) return true; // a primitive array
        if (classes.contains(name)) return true;
        int dot = name.lastIndexOf('.');
        String pkg = dot < 0 ? "" : name.substring(0, dot + 1);
        for (String p : packages) if (pkg.equals(p)) return true;
        for (String t : packageTrees) if (pkg.startsWith(t)) return true;
        return false;
    }

    /**
     * Whether serializable lambdas declared in the class with this binary name may be decoded:
     * the class is allowed, or named by a {@code lambda:} entry.
     */
    public boolean allowsLambdasOf(String className) {
        Objects.requireNonNull(className, "className");
        return lambdaOwners.contains(className) || !className.startsWith("[") && allows(className);
    }

    /** The element type's name of an array type name, the name itself otherwise; null for primitive arrays. */
    private static String elementName(String name) {
        if (name.isEmpty() || name.charAt(0) != '[') return name;
        int i = 0;
        while (i < name.length() && name.charAt(i) == '[') i++;
        if (i < name.length() && name.charAt(i) == 'L' && name.endsWith(";")) return name.substring(i + 1, name.length() - 1);
        return i == name.length() - 1 && "ZBCSIJFD".indexOf(name.charAt(i)) >= 0 ? null : "\0invalid:" + name;
    }

    private static void validate(String entry) {
        Objects.requireNonNull(entry, "allow-list entry");
        if (entry.startsWith(LAMBDA_PREFIX)) {
            String owner = entry.substring(LAMBDA_PREFIX.length());
            if (owner.isEmpty() || owner.endsWith("*") || owner.startsWith("[")) {
                throw new IllegalArgumentException("'lambda:' takes one class name, not a pattern: '" + entry + "'");
            }
            validate(owner);
            return;
        }
        String body = entry.endsWith(".**") ? entry.substring(0, entry.length() - 3)
                : entry.endsWith(".*") ? entry.substring(0, entry.length() - 2) : entry;
        if (body.isEmpty() || body.startsWith(".") || body.endsWith(".") || body.contains("..")
                || !body.chars().allMatch(c -> Character.isJavaIdentifierPart(c) || c == '.' || c == '$')) {
            throw new IllegalArgumentException("not a class name, 'package.*', 'package.**' or 'lambda:class': '" + entry + "'");
        }
    }

    @Override
    public String toString() {
        return "AllowList" + entries;
    }
}
