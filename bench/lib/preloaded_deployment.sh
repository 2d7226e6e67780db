# Helpers for the benchmarks that run on a private deployment preloaded with lead events
# (projection, rebuild, recovery, queries): own topic prefix and database, the preload
# tool, background services, catch-up polling and the JSON result line.
# Usage: source "$BENCH_DIR/lib/preloaded_deployment.sh"   (after scripts/lib.sh)
# shellcheck disable=SC2034  # variables are used by the scripts that source this file

# progress, free_port, stats and stack_stop come from the private stack helpers.
source "$(dirname "${BASH_SOURCE[0]}")/private_stack.bash"

PRELOAD_BIN="$BUILD_DIR/bench/ventros_bench_preload"
BENCH_TENANTS=1000

now() { date +%s.%N; }

# seconds_between START END: END - START with millisecond precision.
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# divide A B: A / B with three decimals.
divide() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b == 0 ? 0 : a / b) }'; }

# median VALUE...: the median alone.
median() { stats "$@" | jq '.median'; }

psql_admin() {
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAtX "$@"
}

psql_db() {
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$VENTROS_PG_DATABASE" -v ON_ERROR_STOP=1 \
        -qAtX "$@"
}

# deployment_up NAME: a fresh topic prefix and database, migrated; everything started from
# here is stopped and deleted when the script exits (logs kept with VENTROS_BENCH_KEEP=1).
deployment_up() {
    local name="$1"
    [[ -x "$VENTROS_BIN" ]] || die "no ventros binary at $VENTROS_BIN (build target ventros)"
    [[ -x "$PRELOAD_BIN" ]] || die "no preload tool at $PRELOAD_BIN (build ventros_bench_preload)"
    BENCH_TAG="${name}_$$_${RANDOM}"
    export VENTROS_TOPIC_PREFIX="bench-$BENCH_TAG."
    export VENTROS_PG_DATABASE="bench_$BENCH_TAG"
    export VENTROS_KAFKA_BROKERS="$KAFKA_BOOTSTRAP" VENTROS_PG_HOST=127.0.0.1
    export VENTROS_PG_PORT="$PG_PORT" VENTROS_LOG_LEVEL=info
    export VENTROS_JWT_SECRET="${VENTROS_JWT_SECRET:-$(hex_secret)}"
    WORK_DIR="$(mktemp -d "/tmp/ventros-bench-$name.XXXXXX")"
    BENCH_PIDS=()
    EXTRA_PREFIXES=()
    trap deployment_down EXIT
    progress "deployment: topics $VENTROS_TOPIC_PREFIX*, database $VENTROS_PG_DATABASE, logs $WORK_DIR"
    psql_admin -c "CREATE DATABASE \"$VENTROS_PG_DATABASE\"" >/dev/null
    "$VENTROS_BIN" migrate --migrations-dir "$VENTROS_ROOT/migrations" >>"$WORK_DIR/migrate.log" 2>&1 ||
        die "ventros migrate failed" "$WORK_DIR/migrate.log"
}

deployment_down() {
    local pid prefix
    for pid in "${BENCH_PIDS[@]}"; do
        stack_stop "$pid"
    done
    psql_admin -c "DROP DATABASE IF EXISTS \"$VENTROS_PG_DATABASE\" WITH (FORCE)" >/dev/null 2>&1 ||
        warn "could not drop database $VENTROS_PG_DATABASE"
    for prefix in "$VENTROS_TOPIC_PREFIX" "${EXTRA_PREFIXES[@]}"; do
        "$PRELOAD_BIN" --delete-topics --topic-prefix "$prefix" >/dev/null 2>&1 ||
            warn "could not delete topics $prefix*"
    done
    if [[ -n "${VENTROS_BENCH_KEEP:-}" ]]; then
        progress "logs kept in $WORK_DIR"
    else
        rm -rf "$WORK_DIR"
    fi
}

# preload EVENTS: writes the lead events; sets PRELOAD_EVENTS, PRELOAD_LEADS, END_OFFSETS
# (JSON array of the crm partitions' high watermarks) and PRELOAD_RATE.
preload() {
    progress "preloading $1 lead events across $BENCH_TENANTS tenants"
    "$PRELOAD_BIN" --events "$1" --tenants "$BENCH_TENANTS" >"$WORK_DIR/preload.json" \
        2>>"$WORK_DIR/preload.log" || die "preload failed" "$WORK_DIR/preload.log"
    PRELOAD_EVENTS="$(jq '.events' "$WORK_DIR/preload.json")"
    PRELOAD_LEADS="$(jq '.leads' "$WORK_DIR/preload.json")"
    PRELOAD_RATE="$(jq '.events_per_second' "$WORK_DIR/preload.json")"
    END_OFFSETS="$(jq -c '.end_offsets' "$WORK_DIR/preload.json")"
    progress "preloaded $(jq -c 'del(.end_offsets)' "$WORK_DIR/preload.json")"
}

# start_service LOGNAME ARGS...: `ventros ARGS...` in the background; its pid in SERVICE_PID.
start_service() {
    local logname="$1"
    shift
    "$VENTROS_BIN" "$@" >>"$WORK_DIR/$logname.log" 2>&1 &
    SERVICE_PID=$!
    BENCH_PIDS+=("$SERVICE_PID")
}

# partitions_behind [PROJECTION]: how many crm partitions the projection's checkpoints
# have not reached. A partition's last offset is a transaction marker, so a checkpoint is
# at the end when next_offset + 1 >= high watermark.
partitions_behind() {
    psql_db -c "SELECT count(*) FROM jsonb_array_elements_text('$END_OFFSETS') WITH ORDINALITY
                AS e(hw, i) LEFT JOIN projection_checkpoints c ON c.projection = '${1:-leads}'
                AND c.topic = '${VENTROS_TOPIC_PREFIX}crm' AND c.partition = e.i - 1
                WHERE coalesce(c.next_offset, 0) + 1 < e.hw::bigint"
}

# wait_caught_up PID LOGNAME TIMEOUT: poll until no partition is behind; dies if the
# service exits or the timeout passes. Sets FIRST_CHECKPOINT_AT (epoch seconds).
wait_caught_up() {
    local pid="$1" logname="$2" deadline=$((SECONDS + $3))
    FIRST_CHECKPOINT_AT=""
    while :; do
        if [[ -z "$FIRST_CHECKPOINT_AT" ]] &&
            [[ "$(psql_db -c 'SELECT count(*) FROM projection_checkpoints')" != 0 ]]; then
            FIRST_CHECKPOINT_AT="$(now)"
        fi
        [[ "$(partitions_behind)" == 0 ]] && return 0
        kill -0 "$pid" 2>/dev/null || die "the $logname exited" "$WORK_DIR/$logname.log"
        ((SECONDS < deadline)) || die "the $logname did not catch up within $3 s" "$WORK_DIR/$logname.log"
        sleep 0.05
    done
}

# reset_read_models: empty leads, lead_events and the checkpoints.
reset_read_models() {
    psql_db -c "TRUNCATE leads, lead_events; DELETE FROM projection_checkpoints"
}

# project_all: runs the projector until caught up (not timed) and leaves it running; its
# pid in PROJECTOR_PID.
project_all() {
    progress "projecting the preloaded events"
    start_service projector projector --metrics-address none
    PROJECTOR_PID="$SERVICE_PID"
    wait_caught_up "$PROJECTOR_PID" projector 1800
    progress "projected: $(psql_db -c 'SELECT count(*) FROM leads') leads"
}

# target WHAT GOAL VALUE MET: one entry of the "targets" array.
target() {
    jq -n --arg what "$1" --arg goal "$2" --argjson value "$3" --argjson met "$4" \
        '{what: $what, goal: $goal, value: $value, met: $met}'
}

# at_least VALUE BOUND / at_most VALUE BOUND: "true" or "false".
at_least() { awk -v v="$1" -v b="$2" 'BEGIN { print (v >= b ? "true" : "false") }'; }
at_most() { awk -v v="$1" -v b="$2" 'BEGIN { print (v <= b ? "true" : "false") }'; }
