package io.github.concurrent4j.transport;

/**
 * Decoding met a class that is not on the allow-list, and stopped before loading or
 * instantiating it; or a lambda whose declaring class is neither allowed nor one whose lambdas
 * this process family has sent, and stopped before loading that class. Encoding throws it too,
 * so that the sender learns the problem at once rather than the receiver. The message names
 * the class and the way to allow it ({@link Serialization#allow},
 * {@link Serialization#allowLambdasOf}, or {@code -Dc4j.serial.allow=...}).
 */
public final class ClassNotAllowedException extends SerializationException {
    private static final long serialVersionUID = 1L;
    private final String className;
    private final boolean lambda;

    public ClassNotAllowedException(String className) {
        this(className, false, "class " + className + " is not on concurrent4j's serialization allow-list; allow it with "
                + "Serialization.allow(" + simpleName(className) + ".class) or -Dc4j.serial.allow=" + className);
    }

    private ClassNotAllowedException(String className, boolean lambda, String message) {
        super(message);
        this.className = className;
        this.lambda = lambda;
    }

    /** A lambda declared in {@code declaringClass} was refused before that class was loaded. */
    public static ClassNotAllowedException lambdaOf(String declaringClass) {
        return new ClassNotAllowedException(declaringClass, true, "a lambda declared in " + declaringClass
                + " is not allowed: that class is not on concurrent4j's serialization allow-list and this process"
                + " family has not sent a lambda of it; allow its lambdas with Serialization.allowLambdasOf("
                + simpleName(declaringClass) + ".class) or -Dc4j.serial.allow=lambda:" + declaringClass);
    }

    /** The binary name of the refused class (for a lambda: its declaring class). */
    public String className() {
        return className;
    }

    /** Whether what was refused is a lambda declared in {@link #className()}. */
    public boolean isLambda() {
        return lambda;
    }

    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
    }
}
