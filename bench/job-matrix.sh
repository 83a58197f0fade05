#!/usr/bin/env bash
# The IFD job's throughput matrix in one command: small and full universe with parallelism 2, and
# the small universe with parallelism 1. Each submits five jobs to one task manager: the heap
# backend cold (the first job) and three times more, the fourth job giving the warm figure (the rate
# rises job by job until about the fourth while the JIT compiles), then RocksDB; each run beside
# Kafka's ConsumerPerformance on the same topic (bench/job-throughput.sh).
# Usage: bench/job-matrix.sh [small days] [full days]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
small_days="${1:-14}"
full_days="${2:-2}"
echo "== small universe, parallelism 2 =="
"$root/bench/job-throughput.sh" "$small_days" 2 hashmap,hashmap,hashmap,hashmap,rocksdb production small
echo "== full universe, parallelism 2 =="
"$root/bench/job-throughput.sh" "$full_days" 2 hashmap,hashmap,hashmap,hashmap,rocksdb production full
echo "== small universe, parallelism 1 =="
"$root/bench/job-throughput.sh" "$small_days" 1 hashmap,hashmap,hashmap,hashmap,rocksdb production small
