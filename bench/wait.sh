#!/usr/bin/env bash
# wait: how soon Connections.wait([pipe end, sentinel, socket]) returns after the first is ready. See WaitBench.
exec "$JAVA" --enable-native-access=ALL-UNNAMED -Dbench.reps="${BENCH_REPS:-5}" -cp "$BENCH_CP" \
  io.github.concurrent4j.bench.connection.WaitBench "$@"
