package io.github.concurrent4j.multiprocessing.pool.internal;

import java.io.Serializable;

/**
 * One item's exception among a chunk's outcomes (the others are the items' results). It
 * travels back from a worker process with the outcomes, so the exception must be
 * serializable; a process backend replaces one that is not with a description of it.
 *
 * @param error what the function threw for that item
 */
public record Failure(Throwable error) implements Serializable {}
