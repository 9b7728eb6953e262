#!/usr/bin/env bash
# Builds and runs Conflux's benchmarks; prints one JSON line per figure on stdout (the peers' format), progress on
# stderr. Not part of the tests.
#   conflux-bench/run.sh                               # every workload
#   conflux-bench/run.sh --workloads passchain,map100k # some
#   WITH_PEERS=1 conflux-bench/run.sh                  # also run ../shared/peers (Flowable, Temporal) in the same run
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/find-java.sh
. "$here/scripts/find-java.sh"
conflux_find_java
cd "$here"
JAVA_HOME="$CONFLUX_JAVA_HOME" mvn -q -B -DskipTests package -pl conflux-bench -am >&2
out="$(mktemp)"
"$JAVA_BIN" -Xmx4g -jar conflux-bench/target/conflux-bench.jar "$@" | tee "$out"
if [ "${WITH_PEERS:-0}" = "1" ]; then
  peers="$here/../shared/peers"
  if [ ! -d "$peers" ]; then
    echo "bench: no peer harness at $peers" >&2
    exit 1
  fi
  work="$(mktemp -d)"
  cp -r "$peers" "$work/peers"
  echo "== peers (Flowable, Temporal), 8-10 minutes" >&2
  # PEERS would select the peers to run: leave the default (all of them).
  env -u PEERS "$work/peers/run.sh" | tee -a "$out"
  python3 "$here/conflux-bench/side-by-side.py" "$out"
fi
