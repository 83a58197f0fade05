#!/usr/bin/env bash
# File replay into a real local broker, next to Kafka's own ProducerPerformance on the same broker
# with the same settings (acks=all, idempotence, lz4, 1 MiB batches, linger 50 ms) and record size.
# Prints records/s of each run. Usage: bench/replay-vs-kafka.sh [partitions] [runs] [simulated days]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
partitions="${1:-4}"
runs="${2:-3}"
days="${3:-2}"
bench_broker
"$instflow" simulate --out "$work/sim" --days "$days" --minutes 60 --seed 7 2>/dev/null | head -1

echo "== instflow connect file ($partitions partitions) =="
for run in $(seq 1 "$runs"); do
  "$instflow" connect file --bootstrap "localhost:$port" --topic-prefix "run$run." --partitions "$partitions" \
    "$work"/sim/definitions.dbn.zst "$work"/sim/mbo-*.dbn.zst 2>/dev/null | grep published
done

mvn -q -B -f "$root/pom.xml" dependency:copy -Dartifact=org.apache.kafka:kafka-tools:4.2.0 -DoutputDirectory="$work/tools" >/dev/null
cp="$root/cli/target/instflow-cli.jar:$work/tools/kafka-tools-4.2.0.jar"
records=$(ls "$work"/sim/mbo-*.dbn.zst | wc -l)
echo "== Kafka ProducerPerformance (70-byte records, $partitions partitions) =="
for run in $(seq 1 "$runs"); do
  java -cp "$cp" org.apache.kafka.tools.TopicCommand --bootstrap-server "localhost:$port" --create \
    --topic "perf$run" --partitions "$partitions" >/dev/null
  java -cp "$cp" org.apache.kafka.tools.ProducerPerformance --topic "perf$run" --num-records 2000000 \
    --record-size 70 --throughput -1 --producer-props "bootstrap.servers=localhost:$port" acks=all \
    enable.idempotence=true compression.type=lz4 batch.size=1048576 linger.ms=50 2>/dev/null | tail -1
done
