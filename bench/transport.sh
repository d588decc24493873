#!/usr/bin/env bash
# c4j.transport.*: JMH micro-benchmarks of the layer under every pipe and queue between
# processes (benchmarks/.../bench/transport/): the codec's encode+decode round trip
# (c4j.transport.codec.{Integer,bytes1k,graph}, ops/s), frames through a shared-memory ring
# from one thread to another (c4j.transport.ring.{frame4,frame1024}, messages/s), and the
# handshake's HMAC-SHA256 against javax.crypto.Mac (c4j.transport.hmac.{HmacSha256,javaxMac},
# ops/s). 3 x 1 s warm-up, 4 x 1 s measured iterations, BENCH_REPS forks (each with a fixed,
# pre-touched 1 GiB heap); each figure is the median across forks of each fork's median
# iteration. No CPython baseline: these document the floor of the pipe. See BENCHMARKS.md.
set -euo pipefail
jmh() {
  "$JAVA" --sun-misc-unsafe-memory-access=allow -Djmh.ignoreLock=true -cp "$BENCH_CP" io.github.concurrent4j.bench.Jmh "$@"
}
jmh transport.KryoCodecBench ops/s \
  c4j.transport.codec.Integer=integer c4j.transport.codec.bytes1k=bytes1k c4j.transport.codec.graph=graph
jmh transport.ByteRingBench messages/s \
  c4j.transport.ring.frame4=frames:read@frameBytes=4 c4j.transport.ring.frame1024=frames:read@frameBytes=1024
jmh transport.HmacBench ops/s \
  c4j.transport.hmac.HmacSha256=hmacSha256 c4j.transport.hmac.javaxMac=javaxMac
