#!/usr/bin/env bash
# The IFD job's state, measured from its checkpoints, for sessions of different lengths: the
# per-instrument figure and the growth per simulated day of history.
# Usage: bench/state-size.sh [days, e.g. 2,6] [minutes per day] [small|full universe] [rth|globex]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
days="${1:-2,6}"
minutes="${2:-60}"
universe="${3:-small}"
session="${4:-rth}"
bench_classpath
java -Xmx6g -cp "$cp" io.instflow.bench.StateSize "$days" "$minutes" "$universe" "$session" 2>/dev/null
