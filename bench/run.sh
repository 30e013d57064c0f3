#!/usr/bin/env bash
# Runs the side-by-side benchmarks and writes bench/results/<date>-<name>[-quick].md (name: peers).
# Usage: bench/run.sh [quick] [--clients a,b] [--name peers]
#          [--scenarios throughput,responses-throughput,latency,cancellation,tls-latency,tls-throughput,jmh,concurrency]
# Full: < 45 minutes on 2 cores; quick: ~8 minutes. Run from the repository root.
# Pins the server to CPU 0 and each client fork to CPU 1 when taskset exists and there are 2+ CPUs.
# BENCH_MVN_ARGS adds Maven options to the build (e.g. "-o" offline).
set -euo pipefail
cd "$(dirname "$0")/.."
timeout 600 mvn -B -q ${BENCH_MVN_ARGS:-} -Dkotlin.compiler.daemon=false -pl bench -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/cp.txt
CP="bench/target/classes:$(cat bench/target/cp.txt)"
exec timeout 2820 java -Xmx512m -cp "$CP" ai.auriko.bench.Runner "$@"
