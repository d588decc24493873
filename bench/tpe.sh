#!/usr/bin/env bash
# c4j.tpe.{submit,map,callback,as_completed} in tasks/s: the workload of
# peers/python/futures_threads.py (tiny x*x tasks on a 4-worker ThreadPoolExecutor, 100,000 per
# run) on concurrent4j's futures.ThreadPoolExecutor; and c4j.tpe.submit.pool_tiny: the workload
# of peers/java/PoolTiny.java (2 workers, 200,000 tasks). A plain timed loop like the peers' (not
# JMH): 5 warm-up runs (pool_tiny: 2, first in the fresh JVM, as PoolTiny.java does), then
# BENCH_REPS timed runs per kind; each figure is the median rate.
# Default JVM (no tuning flags). Harness: benchmarks/.../futures/FuturesThreads.java.
# Baselines: futures_threads.py.* (CPython) and pool_tiny.java.ThreadPoolExecutor2.submit (JDK).
set -euo pipefail
exec "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" io.github.concurrent4j.bench.futures.FuturesThreads
