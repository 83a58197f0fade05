# Shared by deploy/local/up, down and status: paths and helpers. Sourced, not run.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
instflow="$root/scripts/instflow"

# Options of the script, parsed strictly by parse_options: OPTS[--name] is a value or 1 for a flag.
declare -A OPTS=()

# Parses "$@" against the options a script takes: "--name value", "--name=value" and flags.
# --help prints the usage; an unknown option, a missing value or a stray argument is an error with
# the usage (exit 2), so a typo never runs something else than what was asked.
#   parse_options USAGE "VALUE OPTIONS" "FLAGS" "$@"
parse_options() {
  local usage="$1" values=" $2 " flags=" $3 "
  shift 3
  while [ $# -gt 0 ]; do
    local arg="$1"
    shift
    case "$arg" in
      -h | --help)
        echo "$usage"
        exit 0
        ;;
      --*=*)
        local name="${arg%%=*}"
        [[ "$values" == *" $name "* ]] || usage_error "$usage" "unknown option $name"
        OPTS[$name]="${arg#*=}"
        ;;
      --*)
        if [[ "$values" == *" $arg "* ]]; then
          [ $# -gt 0 ] || usage_error "$usage" "$arg needs a value"
          OPTS[$arg]="$1"
          shift
        elif [[ "$flags" == *" $arg "* ]]; then
          OPTS[$arg]=1
        else
          usage_error "$usage" "unknown option $arg"
        fi
        ;;
      *) usage_error "$usage" "unexpected argument '$arg'" ;;
    esac
  done
}

usage_error() {
  echo "$(basename "$0"): $2" >&2
  echo "$1" >&2
  exit 2
}

# The parsed option's value, or the default.
option() {
  echo "${OPTS[$1]-$2}"
}

# The deployment directory: --dir DIR, else $INSTFLOW_LOCAL_DIR, else .instflow/local in the checkout.
local_dir() {
  local dir
  dir="$(option --dir "${INSTFLOW_LOCAL_DIR:-$root/.instflow/local}")"
  mkdir -p "$dir"
  (cd "$dir" && pwd)
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
