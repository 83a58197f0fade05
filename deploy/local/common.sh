# Shared by deploy/local/up, down and status: paths and helpers. Sourced, not run.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
instflow="$root/scripts/instflow"

# The deployment directory: --dir DIR, else $INSTFLOW_LOCAL_DIR, else .instflow/local in the checkout.
local_dir() {
  local dir="${INSTFLOW_LOCAL_DIR:-$root/.instflow/local}"
  local args=("$@")
  for ((i = 0; i < ${#args[@]}; i++)); do
    if [ "${args[$i]}" = "--dir" ]; then dir="${args[$((i + 1))]}"; fi
  done
  mkdir -p "$dir"
  (cd "$dir" && pwd)
}

# The option's value in "$@", or the default.
option() {
  local name="$1" default="$2"; shift 2
  local args=("$@")
  for ((i = 0; i < ${#args[@]}; i++)); do
    if [ "${args[$i]}" = "$name" ]; then echo "${args[$((i + 1))]}"; return; fi
  done
  echo "$default"
}

pid_alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# The Flink cluster's classpath, resolved from Maven Central once and cached.
flink_classpath() {
  local dir="$1"
  if [ ! -s "$dir/flink-classpath.txt" ] || [ "$root/deploy/local/pom.xml" -nt "$dir/flink-classpath.txt" ]; then
    mvn -q -B -f "$root/deploy/local/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$dir/flink-classpath.txt" >&2
  fi
  cat "$dir/flink-classpath.txt"
}

# JVM options Flink needs on Java 17 (the same set its own scripts pass).
flink_jvm_opts() {
  echo "--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED" \
    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED" \
    "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED" \
    "--add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED" \
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED" \
    "--add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED" \
    "--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED" \
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED" \
    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"
}

web_port() {
  sed -n 's/^ *port: *\([0-9]*\) *# rest$/\1/p' "$1/conf/config.yaml"
}
