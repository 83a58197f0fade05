#!/usr/bin/env bash
# IFD job throughput from a real local Kafka (exactly-once sinks, heap and RocksDB state backends)
# with signal visibility latency, each run beside Kafka's own ConsumerPerformance reading the same
# topic just before and just after it.
# Usage: bench/job-throughput.sh [days] [parallelism] [backends] [profiles] [small|full]
# backends: the jobs of one task manager, comma-separated and run in order; a '/' starts another
# task manager (a JVM of its own), as a cluster configured for another state backend is, e.g.
# hashmap,hashmap/rocksdb,rocksdb
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
days="${1:-4}"
parallelism="${2:-2}"
backends="${3:-hashmap,rocksdb}"
profiles="${4:-production}"
universe="${5:-small}"
IFS='/' read -ra task_managers <<< "$backends"
for jobs in "${task_managers[@]}"; do
  [ -n "$jobs" ] || { echo "job-throughput.sh: an empty task manager in backends '$backends'; give each one its backends, e.g. hashmap,hashmap/rocksdb" >&2; exit 2; }
done
bench_classpath

# one broker and one published session for the job and ConsumerPerformance; the job's JVM does
# nothing before its first run, as a fresh task manager
bench_broker
"$instflow" simulate --out "$work/sim" --warmup-days $((days - 1)) --days 1 --minutes 60 --seed 5 --universe "$universe" >/dev/null 2>&1
published="$("$instflow" connect file --bootstrap "localhost:$port" --partitions "$parallelism" \
  "$work"/sim/definitions.dbn.zst "$work"/sim/mbo-*.dbn.zst 2>/dev/null | grep published)"
echo "$published ($universe universe, $days simulated days, $parallelism partitions)"
# ConsumerPerformance reads the topic before the first run and after each (JobThroughput runs it)
for jobs in "${task_managers[@]}"; do
  echo "-- a new task manager: $jobs"
  java -Xmx6g -cp "$cp" io.instflow.bench.JobThroughput "$days" "$parallelism" "$jobs" "$profiles" "$universe" "localhost:$port" 2>/dev/null
done
