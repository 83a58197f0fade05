#!/usr/bin/env bash
# Live gateway -> live client -> Kafka: the fake gateway over loopback into a real local broker
# with the live producer settings. Usage: bench/live-to-kafka.sh [records] [partitions] [runs]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mvn -q -B -f "$root/pom.xml" -pl bench -am install -DskipTests >/dev/null
mvn -q -B -f "$root/bench/pom.xml" dependency:build-classpath -Dmdep.outputFile="$root/bench/target/classpath.txt" >/dev/null
cp="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"
java -Xmx4g -Dagrona.disable.bounds.checks=true -cp "$cp" io.instflow.bench.LiveToKafka "${1:-3000000}" "${2:-2}" "${3:-3}" 2>/dev/null
