#!/usr/bin/env bash
# The IFD job's state, measured from its checkpoints, for sessions of different lengths: the
# per-instrument figure and the growth per simulated day of history.
# Usage: bench/state-size.sh [days, e.g. 2,6] [minutes per day] [small|full universe] [rth|globex]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
days="${1:-2,6}"
minutes="${2:-60}"
universe="${3:-small}"
session="${4:-rth}"
mvn -q -B -f "$root/pom.xml" -pl bench -am install -DskipTests >/dev/null
mvn -q -B -f "$root/bench/pom.xml" dependency:build-classpath -Dmdep.outputFile="$root/bench/target/classpath.txt" >/dev/null
cp="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"
java -Xmx6g -cp "$cp" io.instflow.bench.StateSize "$days" "$minutes" "$universe" "$session" 2>/dev/null
