/**
 * Helpers shared by every layer of concurrent4j, one of each: the configuration reader
 * ({@link io.github.concurrent4j.internal.Config}), the lifecycle state machine
 * ({@link io.github.concurrent4j.internal.Lifecycle}) and the unchecked call of a user's
 * {@code Callable} ({@link io.github.concurrent4j.internal.Unchecked}). Not exported: not part of the API.
 */
package io.github.concurrent4j.internal;
