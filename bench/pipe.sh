#!/usr/bin/env bash
# pipe: Pipe throughput and ping-pong between child processes (peers/python/ipc_queue.py). See PipeBench.
exec "$JAVA" --enable-native-access=ALL-UNNAMED -Dbench.reps="${BENCH_REPS:-5}" -cp "$BENCH_CP" \
  io.github.concurrent4j.bench.connection.PipeBench "$@"
