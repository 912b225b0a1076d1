#!/usr/bin/env bash
# Builds the project and starts the embedded local stack: a real Kafka broker (KRaft), a MongoDB-wire
# server and the five services as separate processes. No Docker. Ctrl-C stops everything.
#
#   deploy/run-local.sh                      build, then run in memory on gateway port 8080
#   deploy/run-local.sh --persist            keep data in .local-stack/ across restarts of the stack
#   deploy/run-local.sh --no-build ...       skip the build
#   deploy/run-local.sh --replicas=2         two instances of each service; the gateway spreads calls over them
#   deploy/run-local.sh publish TOPIC FILE   publish one JSON record per line to the running stack's Kafka
#   deploy/run-local.sh token E-042 EMPLOYEE print a local-mode dev token
#   deploy/run-local.sh tail crm.activity.dlq print a topic from the beginning, with headers
#   deploy/run-local.sh dlq replay crm.activity [--type=T] [--since=INSTANT]  send dead letters back after a fix
#   deploy/run-local.sh bench ingest [--events=N]  the ingest benchmark on a fresh stack (build first)
#   deploy/run-local.sh bench projection [--events=N] [--rebuild]  scoring projection and rebuild benchmark
#   deploy/run-local.sh bench curve [--events=N] [--replicas=1,2,4] [--partitions=1,4,12]  ingest and projection per pair
#   deploy/run-local.sh bench all [--events=N] [--e2e-events=N] [--seconds=N]  every throughput target of issue 18, one table
#   deploy/run-local.sh bench e2e [--events=N] [--warmup=N] [--rate=N] [--seconds=N]  crm.activity to progress visible through the gateway
#   deploy/run-local.sh bench api [--clients=N] [--seconds=N] [--rates=100,500]  API reads through the gateway, per endpoint (open loop with --rates)
#   deploy/run-local.sh bench org [--employees=10000] [--only]  a company through the HR feed at 1,000, 2,000 and N people (issue 19)
#   deploy/run-local.sh faults [--brief]    the same load with and without faults on fresh stacks, compared (build first)
set -euo pipefail
cd "$(dirname "$0")/.."
export AXONIQ_UPDATE_CHECKER_DISABLED=true

build=yes
persist=no
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=no ;;
    --persist|--persist=*) persist=yes; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done
case "${args[0]:-}" in
  publish|token|tail|dlq) build=no ;;
  bench|faults) build=${GOALS_BENCH_BUILD:-no} ;;
esac

jar() { ls deploy/local-stack/target/local-stack-*-exec.jar 2>/dev/null | head -1; }
if [[ $build == yes || -z "$(jar)" ]]; then
  echo "building (./mvnw -DskipTests package) ..."
  ./mvnw -B -q -DskipTests package
fi
# GOALS_LAUNCHER_JVM_OPTS: the JVM options of the launcher, which holds the broker and the in-memory store. Unset, the
# launcher runs on the quick compiler only (C1: on two cores the optimising one spent a fifth of the machine compiling
# the broker's and the store's paths through the first 100,000 events), lets G1 collect up to a fifth of its time
# before it grows the heap (GCTimeRatio=4), and caps the heap at 1,100 MB, which holds 1,000,000 projected events and
# keeps the whole stack under 3 GiB through bench all; a store that fills it stops the launcher
# (ExitOnOutOfMemoryError) rather than leave a broker and a store half alive. Set, GOALS_LAUNCHER_JVM_OPTS replaces all
# that (-Xmx4g for a larger in-memory store; empty for the JVM's defaults). With --persist the store's documents are on
# disk, not in the heap: the launcher gets -Xmx1g instead. The runs behind these figures: docs/measured.md.
launcher_opts="-XX:TieredStopAtLevel=1 -XX:GCTimeRatio=4 -Xmx1100m -XX:+ExitOnOutOfMemoryError"
if [[ $persist == yes ]]; then launcher_opts="-Xmx1g -XX:+ExitOnOutOfMemoryError"; fi
# shellcheck disable=SC2086
exec java ${GOALS_LAUNCHER_JVM_OPTS-$launcher_opts} -Dgoals.home="$PWD" -jar "$(jar)" "${args[@]+"${args[@]}"}"
