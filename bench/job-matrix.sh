#!/usr/bin/env bash
# The IFD job's throughput matrix in one command: small and full universe with parallelism 2, and
# the small universe with parallelism 1. Each runs two task managers, one per state backend, as a
# cluster is configured for one (deploy/k8s sets RocksDB cluster-wide): four heap jobs, then four
# RocksDB jobs. The first job of each is the cold figure and the fourth the warm one (the rate rises
# job by job until about the fourth while the JIT compiles); each run beside Kafka's
# ConsumerPerformance on the same topic (bench/job-throughput.sh).
# Usage: bench/job-matrix.sh [small days] [full days]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
small_days="${1:-14}"
full_days="${2:-2}"
echo "== small universe, parallelism 2 =="
"$root/bench/job-throughput.sh" "$small_days" 2 hashmap,hashmap,hashmap,hashmap/rocksdb,rocksdb,rocksdb,rocksdb production small
echo "== full universe, parallelism 2 =="
"$root/bench/job-throughput.sh" "$full_days" 2 hashmap,hashmap,hashmap,hashmap/rocksdb,rocksdb,rocksdb,rocksdb production full
echo "== small universe, parallelism 1 =="
"$root/bench/job-throughput.sh" "$small_days" 1 hashmap,hashmap,hashmap,hashmap/rocksdb,rocksdb,rocksdb,rocksdb production small
