#!/usr/bin/env bash
# The dashboard under load: 100,000 bar and signal records on a real local broker, the service in its
# own JVM capped at 300 MB of heap, the page opened in headless Chromium. Prints the first full
# render and the service's heap. Usage: bench/dashboard-load.sh [records] [history-per-partition] [page-loads]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mvn -q -B -f "$root/pom.xml" -pl bench,cli -am install -DskipTests >/dev/null
mvn -q -B -f "$root/bench/pom.xml" dependency:build-classpath -Dmdep.outputFile="$root/bench/target/classpath.txt" >/dev/null
cp="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"
java -Xmx2g -Dinstflow.cli.jar="$root/cli/target/instflow-cli.jar" -cp "$cp" io.instflow.bench.DashboardLoad \
  "${1:-100000}" "${2:-100000}" "${3:-3}" 2>/dev/null
