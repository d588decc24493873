#!/usr/bin/env bash
# c4j.echo.<model>: round trips/s, and .rtt_p50 / .rtt_p99 round-trip times (µs), of each echo
# server listed in bench/echo-models.tsv (the I/O models), under the neutral client
# bench/peers/java/EchoClient.java (50 connections, one 64-byte message in flight on each,
# TCP_NODELAY), exactly as bench/peers/run-all.sh echo measures the CPython and plain-JDK servers.
#
# For each model: start the server (same JDK, the examples' class path), wait for its
# "PORT <n>" line, run the client (1 s warm-up, then 3 windows), stop the server; repeat RUNS
# times; print the median of all windows per figure. Nothing is left running (trap on exit).
#
# Env (from bench/run): JAVA, RESULTS, BENCH_REPS, BENCH_SHORT, BENCH_SKIP_BUILD. Own knobs:
#   ECHO_MODELS  the models file (default bench/echo-models.tsv; format in that file)
#   ECHO_ONLY    space-separated subset of models to run (default: all lines)
#   ECHO_RUNS    server starts per model (default: 1 with --short, else ceil(BENCH_REPS/2))
#   ECHO_WINDOW  seconds per measured window (default 5 as the peers; 2 with --short)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA:-$("$ROOT/bin/jdk25")/bin/java}"
RESULTS="${RESULTS:-$ROOT/bench/results}"
BENCH_REPS="${BENCH_REPS:-5}"
BENCH_SHORT="${BENCH_SHORT:-0}"
MODELS="${ECHO_MODELS:-$ROOT/bench/echo-models.tsv}"
if [ "$BENCH_SHORT" = 1 ]; then
  RUNS="${ECHO_RUNS:-1}"; WINDOW="${ECHO_WINDOW:-2}"
else
  RUNS="${ECHO_RUNS:-$(( (BENCH_REPS + 1) / 2 ))}"; WINDOW="${ECHO_WINDOW:-5}"
fi
mkdir -p "$RESULTS"

# bench/run builds the benchmarks module only; the servers live in the examples module.
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$ROOT/examples/target/classpath.txt" ]; then
  echo "# building the examples (mvn package -DskipTests -pl examples -am) ..." >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package -pl examples -am) >&2
fi
CP="$ROOT/examples/target/classes:$(cat "$ROOT/examples/target/classpath.txt")"

# The neutral client, compiled once (the peers run it through the source launcher: same code).
CLIENT_DIR="$RESULTS/echo-client"
mkdir -p "$CLIENT_DIR"
"$(dirname "$JAVA")/javac" -d "$CLIENT_DIR" "$ROOT/bench/peers/java/EchoClient.java" >&2

RAW="$RESULTS/echo.raw.tsv"
LOG="$RESULTS/echo.stderr.log"
: > "$RAW"
: > "$LOG"
SERVER_PID=""
CLIENT_PID=""
SRV_OUT="$(mktemp)"
cleanup() {
  local p
  for p in $CLIENT_PID $SERVER_PID; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  rm -f "$SRV_OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# measure MODEL MAIN ARGS: one server start, one client run; appends the client's lines to RAW.
measure() {
  local model="$1" main="$2" args="$3" port="" i
  : > "$SRV_OUT"
  # shellcheck disable=SC2086  # ARGS is a space-separated list by the file's format
  "$JAVA" -cp "$CP" "$main" $args > "$SRV_OUT" 2>> "$LOG" &
  SERVER_PID=$!
  for i in $(seq 1 300); do
    port="$(awk 'NR==1 && /^PORT /{print $2}' "$SRV_OUT")"
    [ -n "$port" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    echo "# FAILED c4j.echo.$model: the server did not print 'PORT <n>' (see $LOG)" | tee -a "$RAW" >&2
  else
    # in the background + wait, so that a signal stops the run at once (bash defers traps
    # while a foreground command runs)
    timeout -k 5 $(( 30 + 4 * WINDOW )) "$JAVA" -cp "$CLIENT_DIR" EchoClient "$port" "c4j.echo.$model" 50 "$WINDOW" 3 \
        >> "$RAW" 2>> "$LOG" &
    CLIENT_PID=$!
    if ! wait "$CLIENT_PID"; then
      echo "# FAILED c4j.echo.$model: the client failed (see $LOG)" | tee -a "$RAW" >&2
    fi
    CLIENT_PID=""
  fi
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

ORDER=()
while IFS=$'\t' read -r model main args; do
  case "$model" in ''|'#'*) continue ;; esac
  if [ -n "${ECHO_ONLY:-}" ] && [[ " $ECHO_ONLY " != *" $model "* ]]; then continue; fi
  ORDER+=("$model")
  for r in $(seq 1 "$RUNS"); do
    echo "# echo $model: run $r/$RUNS ($main $args)" >&2
    measure "$model" "$main" "${args:-}"
  done
done < "$MODELS"

# Medians of all windows of all runs, per figure, in the models' order.
for model in "${ORDER[@]}"; do
  for suffix in "" .rtt_p50 .rtt_p99; do
    name="c4j.echo.$model$suffix"
    awk -F'\t' -v n="$name" '$1 == n {print $2 "\t" $3}' "$RAW" | sort -g | awk -F'\t' -v n="$name" '
      { v[NR] = $1; u = $2 }
      END {
        if (NR == 0) exit
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%s\t%.1f\t%s\n", n, m, u
      }'
  done
done
