/**
 * Python's {@code multiprocessing.sharedctypes}: {@code Value}/{@code RawValue} and
 * {@code Array}/{@code RawArray} of C number types in shared memory, passable to child
 * processes, with a shared {@code RLock} ({@code getLock()}) and the atomic operations Python
 * lacks ({@code incrementAndGet}, {@code compareAndSet}). Linux on x86-64 only for now.
 */
package io.github.concurrent4j.multiprocessing.sharedctypes;
