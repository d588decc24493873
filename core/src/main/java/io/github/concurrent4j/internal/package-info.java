/**
 * Helpers shared by every layer of concurrent4j, one of each: the configuration reader
 * ({@link io.github.concurrent4j.internal.Config}) and the lifecycle state machine
 * ({@link io.github.concurrent4j.internal.Lifecycle}). Not exported: not part of the API.
 */
package io.github.concurrent4j.internal;
