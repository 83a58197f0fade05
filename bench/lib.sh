# Shared by the bench scripts, which source it after setting root to the repository; not run alone.

# Builds the bench module (and the modules named in $1, e.g. cli) and sets cp to its classpath.
bench_classpath() {
  mvn -q -B -f "$root/pom.xml" -pl "bench${1:+,$1}" -am install -DskipTests >/dev/null
  mvn -q -B -f "$root/bench/pom.xml" dependency:build-classpath -Dmdep.outputFile="$root/bench/target/classpath.txt" >/dev/null
  cp="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"
}

# Starts a local broker on a free port in a new work directory, both gone when the script exits;
# sets work, port and instflow (the command line).
bench_broker() {
  work="$(mktemp -d)"
  instflow="$root/scripts/instflow"
  port=$(( 20000 + RANDOM % 20000 ))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$(( 20000 + RANDOM % 20000 )); done
  trap '"$instflow" kafka stop --dir "$work/kafka" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  "$instflow" kafka start --dir "$work/kafka" --port "$port" >/dev/null
}
