/**
 * The one lifecycle of concurrent4j's long-lived components ({@link io.github.concurrent4j.lifecycle.Service}),
 * modelled on Guava's {@code Service}.
 */
package io.github.concurrent4j.lifecycle;
