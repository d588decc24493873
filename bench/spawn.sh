#!/usr/bin/env bash
# spawn: start+join child processes (peers/python/spawn_bench.py's workload). See SpawnBench.
exec "$JAVA" --enable-native-access=ALL-UNNAMED -Dbench.reps="${BENCH_REPS:-5}" -Dbench.short="$([ "${BENCH_SHORT:-0}" = 1 ] && echo true || echo false)" \
  -cp "$BENCH_CP" io.github.concurrent4j.bench.process.SpawnBench "$@"
