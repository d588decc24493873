#!/usr/bin/env bash
# c4j.asyncio.* and c4j.green.*: the workload of bench/peers/python/asyncio_bench.py
# (100 000 tasks that sleep(0) then are gathered -> tasks/s; a token bounced through two queues,
# 200 000 hand-offs -> switches/s), on concurrent4j's asyncio loop and on the green hub.
# Medians of BENCH_REPS timed runs after a time-based JIT warm-up (CoroutineBench).
#
# The headline figures (no suffix) come from a plain `java`, no JVM option at all: what a user
# runs. Unless BENCH_SHORT=1, the same figures follow with the settings docs/green.md describes
# for coroutine-heavy services, named *.tuned:
#   -Djdk.virtualThreadScheduler.parallelism=1    one carrier thread for the virtual threads:
#                                                 switches stay on one thread, as in CPython's
#                                                 one-thread loop (docs/green.md, section 4)
#   -XX:+UseParallelGC -Xms2g -Xmn1536m           100 000 suspended fibers are ~230 MB of live
#                                                 stacks: a roomy young generation copies them
#                                                 rarely (CPython frees them by reference counting)
set -euo pipefail
: "${JAVA:?}" "${BENCH_CP:?}"
REPS="${BENCH_REPS:-5}"
if [ "${BENCH_SHORT:-0}" = 1 ]; then WARM=4; else WARM=8; fi
MAIN=io.github.concurrent4j.bench.asyncio.CoroutineBench
FIGURES="asyncio.tasks_sleep0 asyncio.queue_pingpong green.tasks_sleep0 green.queue_pingpong"
# one JVM per figure: the JIT's profiles of one workload do not shape the code of the next
for f in $FIGURES; do
  "$JAVA" -cp "$BENCH_CP" "$MAIN" "$REPS" "$WARM" "$f"
done
if [ "${BENCH_SHORT:-0}" != 1 ]; then
  for f in $FIGURES; do
    "$JAVA" -Djdk.virtualThreadScheduler.parallelism=1 -XX:+UseParallelGC -Xms2g -Xmn1536m \
      -Dc4j.bench.suffix=.tuned -cp "$BENCH_CP" "$MAIN" "$REPS" "$WARM" "$f"
  done
fi
