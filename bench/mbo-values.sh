#!/usr/bin/env bash
# The IFD job's two steps per MBO value before its book, beside Avro's own: decoding the Kafka
# value (AvroSerde against the generated class's single-object decoder) and the hop between Flink
# tasks (MboEventSerializer against Flink's Avro serializer); and encoding a value (AvroSerde
# against the generated class's single-object encoder). JMH, one fork, values per second.
# Usage: bench/mbo-values.sh [benchmark name filter] [JMH options, e.g. -f 1 -wi 3 -w 2s -i 5 -r 2s]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
bench_classpath
java -cp "$cp" org.openjdk.jmh.Main "MboValueBenchmark.${1:-}" "${@:2}"
