#!/usr/bin/env bash
# The IFD job's two steps per MBO value before its book, beside Avro's own: decoding the Kafka
# value (AvroSerde against the generated class's single-object decoder) and the hop between Flink
# tasks (MboEventSerializer against Flink's Avro serializer); and encoding a value (AvroSerde
# against the generated class's single-object encoder). JMH, one fork, values per second.
# Usage: bench/mbo-values.sh [benchmark name filter] [JMH options, e.g. -f 1 -wi 3 -w 2s -i 5 -r 2s]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mvn -q -B -f "$root/pom.xml" -pl bench -am install -DskipTests >/dev/null
mvn -q -B -f "$root/bench/pom.xml" dependency:build-classpath -Dmdep.outputFile="$root/bench/target/classpath.txt" >/dev/null
cp="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"
java -cp "$cp" org.openjdk.jmh.Main "MboValueBenchmark.${1:-}" "${@:2}"
