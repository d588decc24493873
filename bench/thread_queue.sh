#!/usr/bin/env bash
# c4j.thread_queue.{bounded1024,unbounded,simple} in items/s: the workload of
# peers/python/thread_queue.py (1 000 000 boxed ints, one producer thread -> one consumer
# thread, thread start/join included), measured with JMH (benchmarks/.../threading/
# ThreadQueueBench.java: SingleShotTime, one iteration = one transfer; 40 warm-up and 20
# measured transfers per fork, BENCH_REPS forks); the figure is the median across forks of each
# fork's median rate. Baselines: thread_queue.py.* (CPython) and thread_queue.java.* (ArrayBlockingQueue,
# LinkedBlockingQueue; peers/java/ThreadQueue.java). See BENCHMARKS.md.
set -euo pipefail
exec "$JAVA" --sun-misc-unsafe-memory-access=allow -Djmh.ignoreLock=true -cp "$BENCH_CP" io.github.concurrent4j.bench.Jmh \
  threading.ThreadQueueBench items/s \
  c4j.thread_queue.bounded1024=bounded1024 c4j.thread_queue.unbounded=unbounded c4j.thread_queue.simple=simple
