#!/usr/bin/env bash
# manager: a Manager dict read and a counter shared by 2 processes (peers/python/manager.py's workload). See ManagerBench.
exec "$JAVA" --enable-native-access=ALL-UNNAMED -Dbench.reps="${BENCH_REPS:-5}" \
  -cp "$BENCH_CP" io.github.concurrent4j.bench.managers.ManagerBench "$@"
