#!/usr/bin/env bash
# Live visibility of the IFD job's bars and decisions: warm-up days as fast as possible, then a
# simulated session paced in real time through the connector into a real local broker, the job
# unbounded beside it. Usage: bench/live-latency.sh [minutes] [preview|exactly-once] [parallelism] [warm-up days] [small|full] [hashmap|rocksdb]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
case "${6:-hashmap}" in
  hashmap|rocksdb) ;;
  *) echo "live-latency.sh: unknown state backend '$6'; give hashmap or rocksdb, e.g. bench/live-latency.sh 20 exactly-once 2 4 full rocksdb" >&2; exit 2 ;;
esac
bench_classpath
java -Xmx4g -cp "$cp" io.instflow.bench.LiveLatency "${1:-10}" "${2:-preview}" "${3:-2}" "${4:-4}" "${5:-small}" "${6:-hashmap}" 2>/dev/null
