/**
 * Functional interfaces whose lambdas can cross a process boundary. Python pickles a
 * function by its qualified name; the JVM serializes a lambda declared against a
 * {@link java.io.Serializable} functional interface as its implementation method and its
 * captured values, which is what these interfaces are for.
 */
package io.github.concurrent4j.function;
