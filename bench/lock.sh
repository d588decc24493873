#!/usr/bin/env bash
# c4j.lock.{Lock,RLock} in ops/s: the workload of peers/python/lock.py (2 threads x 1 000 000
# increments of a shared counter under one lock, `with lock: counter += 1`); median of all
# measured runs of BENCH_REPS JVMs (10 warm-up runs each). Baselines: lock.py.* (CPython) and
# lock.java.* (ReentrantLock, synchronized; peers/java/LockBench.java). See BENCHMARKS.md.
set -euo pipefail
exec "$JAVA" -cp "$BENCH_CP" io.github.concurrent4j.bench.threading.Forked \
  LockBench c4j.lock ops/s Lock RLock
