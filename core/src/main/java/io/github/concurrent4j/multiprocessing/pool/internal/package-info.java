/**
 * The pool engine's interface to its workers (not exported): a {@code WorkerBackend} starts
 * workers, a {@code WorkerHandle} carries {@code Chunk}s to one, and {@code WorkerEvents} hears
 * what happens to it. {@code ThreadBackend} is the backend of threads; a backend of worker
 * processes implements the same three interfaces (see {@code docs/futures.md}).
 */
package io.github.concurrent4j.multiprocessing.pool.internal;
