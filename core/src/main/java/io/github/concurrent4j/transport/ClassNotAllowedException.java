package io.github.concurrent4j.transport;

/**
 * Decoding met a class that is not on the allow-list, and stopped before loading or
 * instantiating it. Encoding throws it too, so that the sender learns the problem at once
 * rather than the receiver. Fix it by allowing the class: {@link Serialization#allow}.
 */
public final class ClassNotAllowedException extends SerializationException {
    private static final long serialVersionUID = 1L;
    private final String className;

    public ClassNotAllowedException(String className) {
        super("class " + className + " is not on concurrent4j's serialization allow-list; allow it with "
                + "Serialization.allow(" + simpleName(className) + ".class) or -Dc4j.serial.allow=" + className);
        this.className = className;
    }

    /** The binary name of the refused class. */
    public String className() {
        return className;
    }

    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
    }
}
