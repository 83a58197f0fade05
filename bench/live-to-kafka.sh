#!/usr/bin/env bash
# Live gateway -> live client -> Kafka: the fake gateway over loopback into a real local broker
# with the live producer settings. Usage: bench/live-to-kafka.sh [records] [partitions] [runs]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
bench_classpath
java -Xmx4g -Dagrona.disable.bounds.checks=true -cp "$cp" io.instflow.bench.LiveToKafka "${1:-3000000}" "${2:-2}" "${3:-3}" 2>/dev/null
