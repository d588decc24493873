#!/usr/bin/env bash
# c4j.lock.{Lock,RLock} in ops/s: the workload of peers/python/lock.py (2 threads x 1 000 000
# increments of a shared counter under one lock, `with lock: counter += 1`), measured with JMH
# (benchmarks/.../threading/LockBench.java: SingleShotTime, one iteration = one run, thread
# start/join included; 50 warm-up and 30 measured runs per fork, BENCH_REPS forks); the figure
# is the median across forks of each fork's median rate. Baselines: lock.py.* (CPython) and
# lock.java.* (ReentrantLock, synchronized; peers/java/LockBench.java). See BENCHMARKS.md.
set -euo pipefail
"$JAVA" --sun-misc-unsafe-memory-access=allow -Djmh.ignoreLock=true -cp "$BENCH_CP" io.github.concurrent4j.bench.Jmh \
  threading.LockBench ops/s c4j.lock.Lock=lock c4j.lock.RLock=rLock
# Cross-process (issue 10): c4j.lock.cross_process.*, c4j.semaphore.cross_process.uncontended,
# c4j.event.cross_process.pingpong_rtt_p50/_p99 -- the workload of peers/python/mp_sync.py. See SyncBench.
"$JAVA" --enable-native-access=ALL-UNNAMED -Dbench.reps="${BENCH_REPS:-5}" -cp "$BENCH_CP" \
  io.github.concurrent4j.bench.synchronize.SyncBench
