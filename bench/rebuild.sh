#!/usr/bin/env bash
# Rebuild benchmark: `ventros rebuild leads` over 1,000,000 preloaded lead events (1,000
# tenants) while the live projector runs on the same deployment: total time and events/s
# (median of VENTROS_BENCH_RUNS runs, default 3, 2 when quick). Checks the rebuilt table has every lead.
# Usage: bench/rebuild.sh [--quick]   (--quick: 100,000 events)
# Prints one JSON object on its last stdout line; progress on stderr.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH_DIR/../scripts/lib.sh"
source "$BENCH_DIR/lib/preloaded_deployment.sh"

bench_mode "$@"

deployment_up rebuild
preload "$BENCH_EVENTS"
project_all

seconds=() rates=()
for ((run = 1; run <= BENCH_RUNS; run++)); do
    started="$(now)"
    "$VENTROS_BIN" rebuild leads >>"$WORK_DIR/rebuild.log" 2>&1 || die "ventros rebuild failed" "$WORK_DIR/rebuild.log"
    finished="$(now)"
    kill -0 "$PROJECTOR_PID" 2>/dev/null || die "the live projector exited during the rebuild" "$WORK_DIR/projector.log"
    seconds+=("$(seconds_between "$started" "$finished")")
    rates+=("$(divide "$PRELOAD_EVENTS" "${seconds[-1]}")")
    progress "rebuild run $run: ${seconds[-1]} s, ${rates[-1]} events/s"
    leads="$(psql_db -c 'SELECT count(*) FROM leads')"
    [[ "$leads" == "$PRELOAD_LEADS" ]] || die "rebuilt leads table has $leads leads, want $PRELOAD_LEADS"
done

total="$(median "${seconds[@]}")"
rate="$(median "${rates[@]}")"
# The target is 15 s for 1,000,000 events; a quick run is held to the same rate.
bound="$(awk -v e="$PRELOAD_EVENTS" 'BEGIN { printf "%.3f", 15 * e / 1000000 }')"
jq -cn --argjson events "$PRELOAD_EVENTS" --argjson leads "$PRELOAD_LEADS" \
    --argjson total "$total" --argjson rate "$rate" \
    --argjson seconds_runs "$(stats "${seconds[@]}")" --argjson rate_runs "$(stats "${rates[@]}")" \
    --argjson t1 "$(target "rebuild seconds for $PRELOAD_EVENTS events" "<= $bound (15 s per 1,000,000 events)" "$total" "$(at_most "$total" "$bound")")" \
    '{name: "rebuild", title: "Rebuild of the leads projection while the live projector runs",
      figures: {events: $events, leads: $leads, seconds: $total, events_per_second: $rate},
      runs: {seconds: $seconds_runs, events_per_second: $rate_runs},
      baselines: {}, ratios: {}, targets: [$t1]}'
