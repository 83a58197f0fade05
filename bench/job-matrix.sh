#!/usr/bin/env bash
# The IFD job's throughput matrix in one command: small and full universe with parallelism 2, and
# the small universe with parallelism 1; each runs the heap backend cold and warm and RocksDB warm,
# beside Kafka's ConsumerPerformance on the same topic (bench/job-throughput.sh).
# Usage: bench/job-matrix.sh [small days] [full days]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
small_days="${1:-14}"
full_days="${2:-2}"
echo "== small universe, parallelism 2 =="
"$root/bench/job-throughput.sh" "$small_days" 2 hashmap,hashmap,rocksdb production small
echo "== full universe, parallelism 2 =="
"$root/bench/job-throughput.sh" "$full_days" 2 hashmap,hashmap,rocksdb production full
echo "== small universe, parallelism 1 =="
"$root/bench/job-throughput.sh" "$small_days" 1 hashmap,hashmap,rocksdb production small
