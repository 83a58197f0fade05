#!/usr/bin/env bash
# The full universe's IFD job rate against the small universe's: both sessions on one broker, the
# two universes' jobs alternating on each task manager (a JVM of its own), half the task managers
# starting with each universe; then the medians of the cold jobs (each task manager's first) and
# of the warm ones, each beside Kafka's ConsumerPerformance on its topic (UniverseRatio).
# Usage: bench/universe-ratio.sh [task managers] [jobs per task manager] [backend] [small days] [full days] [results file]
# A results file given is appended to and kept, and the summary covers every run recorded in it
# (per state backend), so several runs pool their jobs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
task_managers="${1:-4}"
jobs="${2:-6}"
backend="${3:-hashmap}"
small_days="${4:-14}"
full_days="${5:-2}"
kept_results="${6:-}"
parallelism=2
case "$backend" in
  hashmap|rocksdb) ;;
  *) echo "universe-ratio.sh: unknown backend '$backend': give hashmap or rocksdb" >&2; exit 2 ;;
esac
bench_classpath

bench_broker
for universe in small full; do
  days=$small_days; [ "$universe" = full ] && days=$full_days
  "$instflow" simulate --out "$work/sim-$universe" --warmup-days $((days - 1)) --days 1 --minutes 60 \
    --seed 5 --universe "$universe" >/dev/null 2>&1
  published="$("$instflow" connect file --bootstrap "localhost:$port" --topic-prefix "$universe." \
    --partitions "$parallelism" "$work/sim-$universe"/definitions.dbn.zst "$work/sim-$universe"/mbo-*.dbn.zst \
    2>/dev/null | grep published)"
  echo "$published ($universe universe, $days simulated days, $parallelism partitions)"
done
results="${kept_results:-$work/results.tsv}"
for ((i = 0; i < task_managers; i++)); do
  first=small; [ $((i % 2)) = 1 ] && first=full
  echo "-- task manager $((i + 1)) of $task_managers: $jobs $backend jobs, $first universe first"
  java -Xmx6g -cp "$cp" io.instflow.bench.UniverseRatio run "localhost:$port" "$parallelism" "$backend" \
    "$jobs" "$first" "$results" 2>/dev/null
done
echo "== $backend, parallelism $parallelism"
java -cp "$cp" io.instflow.bench.UniverseRatio summary "$results"
