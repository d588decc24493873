/**
 * Internals of {@code io.github.concurrent4j.futures} shared with the packages built on it
 * (the pools): not part of the API, not exported.
 */
package io.github.concurrent4j.futures.internal;
