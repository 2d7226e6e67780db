#!/usr/bin/env bash
# Projection benchmark: 1,000,000 lead events across 1,000 tenants preloaded into a private
# <prefix>crm; time from starting `ventros projector` on empty read models until its
# checkpoints reach the topic's end: events/s (median of VENTROS_BENCH_RUNS runs, default 3, 2 when quick).
# Baseline in the same run: COPY FROM of the resulting final rows (leads and lead_events,
# exported with COPY TO) into the same emptied tables, indexes included: rows/s.
# Usage: bench/projection.sh [--quick]   (--quick: 100,000 events)
# Prints one JSON object on its last stdout line; progress on stderr.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH_DIR/../scripts/lib.sh"
source "$BENCH_DIR/lib/preloaded_deployment.sh"

bench_mode "$@"

deployment_up projection
preload "$BENCH_EVENTS"

rates=() seconds=() startups=()
for ((run = 1; run <= BENCH_RUNS; run++)); do
    reset_read_models
    started="$(now)"
    start_service projector projector --metrics-address none
    wait_caught_up "$SERVICE_PID" projector 1800
    finished="$(now)"
    stack_stop "$SERVICE_PID"
    seconds+=("$(seconds_between "$started" "$finished")")
    startups+=("$(seconds_between "$started" "$FIRST_CHECKPOINT_AT")")
    rates+=("$(divide "$PRELOAD_EVENTS" "${seconds[-1]}")")
    progress "projection run $run: ${seconds[-1]} s, ${rates[-1]} events/s (first checkpoint after ${startups[-1]} s)"
done

leads="$(psql_db -c 'SELECT count(*) FROM leads')"
journal="$(psql_db -c 'SELECT count(*) FROM lead_events')"
[[ "$leads" == "$PRELOAD_LEADS" && "$journal" == "$PRELOAD_EVENTS" ]] ||
    die "read models incomplete: $leads leads (want $PRELOAD_LEADS), $journal events (want $PRELOAD_EVENTS)"

progress "COPY baseline: exporting $leads leads and $journal lead_events rows"
psql_db -c "\\copy leads TO '$WORK_DIR/leads.copy'" -c "\\copy lead_events TO '$WORK_DIR/lead_events.copy'"
copy_rates=()
for ((run = 1; run <= BENCH_RUNS; run++)); do
    reset_read_models
    psql_db -c "CHECKPOINT" # start each run from the same WAL state as the projector's
    started="$(now)"
    psql_db -c "\\copy leads FROM '$WORK_DIR/leads.copy'" \
        -c "\\copy lead_events FROM '$WORK_DIR/lead_events.copy'"
    finished="$(now)"
    copy_rates+=("$(divide $((leads + journal)) "$(seconds_between "$started" "$finished")")")
    progress "COPY run $run: ${copy_rates[-1]} rows/s"
done

rate="$(median "${rates[@]}")"
copy_rate="$(median "${copy_rates[@]}")"
ratio="$(divide "$rate" "$copy_rate")"
jq -cn --argjson events "$PRELOAD_EVENTS" --argjson leads "$leads" \
    --argjson rate "$rate" --argjson copy_rate "$copy_rate" --argjson ratio "$ratio" \
    --argjson seconds "$(median "${seconds[@]}")" --argjson startup "$(median "${startups[@]}")" \
    --argjson rate_runs "$(stats "${rates[@]}")" --argjson seconds_runs "$(stats "${seconds[@]}")" \
    --argjson startup_runs "$(stats "${startups[@]}")" \
    --argjson copy_runs "$(stats "${copy_rates[@]}")" \
    --argjson preload_rate "$PRELOAD_RATE" \
    --argjson t1 "$(target "projector events/s" ">= 100000" "$rate" "$(at_least "$rate" 100000)")" \
    --argjson t2 "$(target "projector events/s / COPY rows/s" ">= 0.3" "$ratio" "$(at_least "$ratio" 0.3)")" \
    '{name: "projection", title: "Projection: empty read models to caught up",
      figures: {events: $events, leads: $leads, events_per_second: $rate, seconds: $seconds,
                seconds_to_first_checkpoint: $startup, preload_events_per_second: $preload_rate},
      runs: {events_per_second: $rate_runs, seconds: $seconds_runs,
             seconds_to_first_checkpoint: $startup_runs, copy_rows_per_second: $copy_runs},
      baselines: {"COPY FROM of the final rows": {rows_per_second: $copy_rate}},
      ratios: {"projector events/s / COPY rows/s": $ratio},
      targets: [$t1, $t2]}'
