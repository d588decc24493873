#!/usr/bin/env bash
# queue: multiprocessing.Queue throughput and ping-pong between child processes (queue part of peers/python/ipc_queue.py). See QueueBench.
exec "$JAVA" --enable-native-access=ALL-UNNAMED -Dbench.reps="${BENCH_REPS:-5}" -cp "$BENCH_CP" \
  io.github.concurrent4j.bench.process.QueueBench "$@"
