#!/usr/bin/env bash
# Write-side recovery benchmark: `ventros gateway` starting on 1,000,000 preloaded lead
# events (1,000 tenants) replays them into memory; time from process start until /readyz
# answers 200 → events/s, and resident memory after ready (VmRSS, VmHWM) per million
# leads (medians of VENTROS_BENCH_RUNS runs, default 3, 2 when quick). Baseline in the same run: the same gateway
# started on empty topics (its start-up time and memory, which the figures include).
# Usage: bench/recovery.sh [--quick]   (--quick: 100,000 events)
# Prints one JSON object on its last stdout line; progress on stderr.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH_DIR/../scripts/lib.sh"
source "$BENCH_DIR/lib/preloaded_deployment.sh"

bench_mode "$@"

# status_kib PID FIELD: a /proc/PID/status memory field in KiB.
status_kib() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

# start_ready LOGNAME: starts a gateway on a free port and waits for /readyz 200; sets
# READY_SECONDS, RSS_KIB, HWM_KIB and leaves the gateway in SERVICE_PID.
start_ready() {
    local port started deadline=$((SECONDS + 600))
    port="$(free_port)"
    started="$(now)"
    start_service "$1" gateway --http-port "$port"
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/readyz")" == 200 ]]; do
        kill -0 "$SERVICE_PID" 2>/dev/null || die "the gateway exited during start-up" "$WORK_DIR/$1.log"
        ((SECONDS < deadline)) || die "the gateway was not ready within 600 s" "$WORK_DIR/$1.log"
        sleep 0.02
    done
    READY_SECONDS="$(seconds_between "$started" "$(now)")"
    RSS_KIB="$(status_kib "$SERVICE_PID" VmRSS)"
    HWM_KIB="$(status_kib "$SERVICE_PID" VmHWM)"
}

deployment_up recovery
preload "$BENCH_EVENTS"

# Baseline: the same gateway on empty topics of another prefix.
empty_prefix="${VENTROS_TOPIC_PREFIX%.}-empty."
EXTRA_PREFIXES+=("$empty_prefix")
VENTROS_TOPIC_PREFIX="$empty_prefix" "$VENTROS_BIN" migrate --migrations-dir "$VENTROS_ROOT/migrations" \
    >>"$WORK_DIR/migrate.log" 2>&1 || die "ventros migrate (empty prefix) failed" "$WORK_DIR/migrate.log"
VENTROS_TOPIC_PREFIX="$empty_prefix" start_ready gateway-empty
stack_stop "$SERVICE_PID"
empty_seconds="$READY_SECONDS" empty_rss_kib="$RSS_KIB"
progress "empty gateway: ready after $empty_seconds s, VmRSS $((empty_rss_kib / 1024)) MiB"

seconds=() rates=() replay_rates=() rss_gib=() hwm_gib=() net_gib=()
per_million() { awk -v kib="$1" -v leads="$PRELOAD_LEADS" 'BEGIN { printf "%.4f", kib * 1024 / 1073741824 * 1000000 / leads }'; }
for ((run = 1; run <= BENCH_RUNS; run++)); do
    start_ready "gateway-$run"
    stack_stop "$SERVICE_PID"
    # Each writer shard logs the events it replayed and how long it took; they run in parallel.
    replayed="$(jq -s '[.[] | select(.msg == "writer caught up with the log")] |
        {events: (map(.events) | add), seconds: (map(.seconds) | max)}' "$WORK_DIR/gateway-$run.log")"
    [[ "$(jq '.events' <<<"$replayed")" == "$PRELOAD_EVENTS" ]] ||
        die "the writers replayed $(jq '.events' <<<"$replayed") events, want $PRELOAD_EVENTS" "$WORK_DIR/gateway-$run.log"
    seconds+=("$READY_SECONDS")
    rates+=("$(divide "$PRELOAD_EVENTS" "$READY_SECONDS")")
    replay_rates+=("$(divide "$PRELOAD_EVENTS" "$(jq '.seconds' <<<"$replayed")")")
    rss_gib+=("$(per_million "$RSS_KIB")")
    hwm_gib+=("$(per_million "$HWM_KIB")")
    net_gib+=("$(per_million $((RSS_KIB - empty_rss_kib)))")
    progress "recovery run $run: ready after $READY_SECONDS s (${rates[-1]} events/s; replay alone ${replay_rates[-1]} events/s), VmRSS $((RSS_KIB / 1024)) MiB, VmHWM $((HWM_KIB / 1024)) MiB"
done

rate="$(median "${rates[@]}")"
rss="$(median "${rss_gib[@]}")"
jq -cn --argjson events "$PRELOAD_EVENTS" --argjson leads "$PRELOAD_LEADS" \
    --argjson seconds "$(median "${seconds[@]}")" --argjson rate "$rate" \
    --argjson replay_rate "$(median "${replay_rates[@]}")" --argjson rss "$rss" \
    --argjson hwm "$(median "${hwm_gib[@]}")" --argjson net "$(median "${net_gib[@]}")" \
    --argjson seconds_runs "$(stats "${seconds[@]}")" --argjson rate_runs "$(stats "${rates[@]}")" \
    --argjson replay_runs "$(stats "${replay_rates[@]}")" --argjson rss_runs "$(stats "${rss_gib[@]}")" \
    --argjson empty_seconds "$empty_seconds" --argjson empty_rss_mib "$((empty_rss_kib / 1024))" \
    --argjson t1 "$(target "replayed events/s, start to /readyz 200" ">= 500000" "$rate" "$(at_least "$rate" 500000)")" \
    --argjson t2 "$(target "VmRSS GiB per million leads" "<= 1" "$rss" "$(at_most "$rss" 1)")" \
    '{name: "recovery", title: "Write-side recovery: gateway start-up replaying the log",
      figures: {events: $events, leads: $leads, seconds_to_ready: $seconds,
                events_per_second: $rate, replay_events_per_second: $replay_rate,
                rss_gib_per_million_leads: $rss, hwm_gib_per_million_leads: $hwm,
                rss_above_empty_gib_per_million_leads: $net},
      runs: {seconds_to_ready: $seconds_runs, events_per_second: $rate_runs,
             replay_events_per_second: $replay_runs, rss_gib_per_million_leads: $rss_runs},
      baselines: {"gateway on empty topics": {seconds_to_ready: $empty_seconds,
                                              rss_mib: $empty_rss_mib}},
      ratios: {}, targets: [$t1, $t2]}'
