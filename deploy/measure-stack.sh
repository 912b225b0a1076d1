#!/usr/bin/env bash
# Measures the local stack: time until every service is UP, and the resident memory (RSS) of the launcher
# (Kafka broker + MongoDB-wire server) and of each service, at rest right after start. Stops the stack after.
#   deploy/measure-stack.sh [runs]     (default 1 run; build first with ./mvnw -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
for run in $(seq 1 "$runs"); do
  log=$(mktemp)
  deploy/run-local.sh --no-build --gateway-port=0 > "$log" 2>&1 &
  launcher=$!
  for _ in $(seq 1 600); do
    grep -q "local stack is up" "$log" && break
    if ! kill -0 "$launcher" 2>/dev/null; then cat "$log"; exit 1; fi
    sleep 0.5
  done
  java_pid=$launcher # run-local.sh execs java
  sleep 5 # let start-up work (JIT, first polls) settle
  echo "run $run: $(grep -o 'up in [0-9.]* s' "$log")"
  total=0
  rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
  r=$(rss "$java_pid"); total=$((total + r)); printf '  %-28s %5d MB\n' "launcher (Kafka + MongoDB)" "$r"
  while read -r name pid; do
    r=$(rss "$pid"); total=$((total + r)); printf '  %-28s %5d MB\n' "$name" "$r"
  done < <(grep -E '^\s+[a-z-]+\s+http://localhost:[0-9]+ \(pid [0-9]+\)' "$log" | sed -E 's/^ *([a-z-]+) .*pid ([0-9]+).*/\1 \2/')
  printf '  %-28s %5d MB\n' "total" "$total"
  kill -TERM "$java_pid" # the shutdown hook stops the services, then the broker
  wait "$launcher" 2>/dev/null || true
  rm -f "$log"
done
