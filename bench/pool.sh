#!/usr/bin/env bash
# c4j.pool.map.{chunk1,chunkdefault} and c4j.ppe.map.{chunk1,chunk1000} in tasks/s: the workload
# of peers/python/pool_tiny.py (tiny x*x tasks through process pools of 2 workers) on
# concurrent4j's ProcessPool and ProcessPoolExecutor. Pool start-up excluded; 2 warm-up runs per
# kind, then BENCH_REPS timed ones; each figure is the median rate. Default JVM (no tuning flags).
# Harness: benchmarks/.../pool/PoolTiny.java. Baselines: pool_tiny.py.* (CPython).
set -euo pipefail
exec "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" io.github.concurrent4j.bench.pool.PoolTiny
