#!/usr/bin/env bash
# c4j.thread_queue.{bounded1024,unbounded,simple} in items/s: the workload of
# peers/python/thread_queue.py (1 000 000 boxed ints, one producer thread -> one consumer
# thread, thread start/join included); median of all measured runs of BENCH_REPS JVMs
# (10 warm-up runs each). Baselines: thread_queue.py.* (CPython) and thread_queue.java.*
# (ArrayBlockingQueue, LinkedBlockingQueue; peers/java/ThreadQueue.java). See BENCHMARKS.md.
set -euo pipefail
exec "$JAVA" -cp "$BENCH_CP" io.github.concurrent4j.bench.threading.Forked \
  ThreadQueueBench c4j.thread_queue items/s bounded1024 unbounded simple
