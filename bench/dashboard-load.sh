#!/usr/bin/env bash
# The dashboard under load: 100,000 bar and signal records on a real local broker, the service in its
# own JVM capped at 300 MB of heap, the page opened in headless Chromium. Prints the first full
# render and the service's heap. Usage: bench/dashboard-load.sh [records] [history-per-partition] [page-loads]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
bench_classpath cli
java -Xmx2g -Dinstflow.cli.jar="$root/cli/target/instflow-cli.jar" -cp "$cp" io.instflow.bench.DashboardLoad \
  "${1:-100000}" "${2:-100000}" "${3:-3}" 2>/dev/null
