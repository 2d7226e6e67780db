# Shell helpers for the benchmark scripts: a private Ventros deployment on the shared
# Kafka and PostgreSQL (own topic prefix, database and HTTP port), cleaned up on exit,
# plus small JSON helpers. Source after scripts/lib.sh:
#   source "$VENTROS_ROOT/bench/lib/private_stack.bash"
#   stack_init NAME      # sets STACK_PREFIX, STACK_DB, STACK_PORT, STACK_WORK, STACK_URL
# shellcheck disable=SC2034  # the variables are used by the scripts that source this file

BENCH_TOOLS="$BUILD_DIR/bench"
STACK_PIDS=()
STACK_EXTRA_PREFIXES=()

# bench_mode ARGS...: reads the script's arguments (only --quick); sets QUICK (true or
# false), BENCH_RUNS (VENTROS_BENCH_RUNS, else 2 when quick and 3 otherwise) and
# BENCH_EVENTS (events to preload: 100,000 when quick, else 1,000,000).
bench_mode() {
    case "${1:-}" in
    "") QUICK=false ;;
    --quick) QUICK=true ;;
    *) die "usage: $(basename "$0") [--quick]" ;;
    esac
    BENCH_RUNS="${VENTROS_BENCH_RUNS:-$($QUICK && echo 2 || echo 3)}"
    BENCH_EVENTS="$($QUICK && echo 100000 || echo 1000000)"
}

progress() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# free_port: a TCP port on 127.0.0.1 nobody listens on.
free_port() {
    local port
    for _ in {1..50}; do
        port=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

pg_admin() {
    "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"
}

# stack_env CMD...: run CMD with the private deployment's VENTROS_* environment.
stack_env() {
    env "${STACK_ENV[@]}" "$@"
}

# stack_init NAME: creates the database, migrates it and creates the topics.
stack_init() {
    local id
    id="$1-$(date +%s)-$$"
    STACK_PREFIX="bench.${id}."
    STACK_DB="bench_${id//-/_}"
    STACK_PORT="$(free_port)" || die "no free port"
    STACK_URL="http://127.0.0.1:$STACK_PORT"
    STACK_SECRET="$(hex_secret)"
    STACK_WORK="$(mktemp -d "${TMPDIR:-/tmp}/ventros-bench-$1.XXXXXX")"
    STACK_ENV=(VENTROS_KAFKA_BROKERS="$KAFKA_BOOTSTRAP" VENTROS_TOPIC_PREFIX="$STACK_PREFIX"
        VENTROS_PARTITIONS=12 VENTROS_PG_HOST=127.0.0.1 VENTROS_PG_PORT="$PG_PORT"
        VENTROS_PG_DATABASE="$STACK_DB" VENTROS_HTTP_ADDRESS=127.0.0.1
        VENTROS_HTTP_PORT="$STACK_PORT" VENTROS_JWT_SECRET="$STACK_SECRET"
        VENTROS_PROJECTOR_METRICS_ADDRESS=none VENTROS_LOG_LEVEL="${VENTROS_LOG_LEVEL:-info}")
    trap stack_cleanup EXIT
    trap 'exit 143' TERM INT # so the EXIT trap cleans up when bench/run's timeout fires
    progress "private stack: prefix $STACK_PREFIX, database $STACK_DB, port $STACK_PORT, logs $STACK_WORK"
    pg_admin -c "CREATE DATABASE \"$STACK_DB\"" >&2 || die "cannot create database $STACK_DB"
    stack_migrate "$STACK_PREFIX"
}

# stack_migrate PREFIX: `ventros migrate` for the stack's database with topics under PREFIX.
stack_migrate() {
    if [[ "$1" != "$STACK_PREFIX" ]]; then
        STACK_EXTRA_PREFIXES+=("$1")
    fi
    stack_env env VENTROS_TOPIC_PREFIX="$1" "$VENTROS_BIN" migrate \
        --migrations-dir "$VENTROS_ROOT/migrations" >>"$STACK_WORK/migrate.log" 2>&1 ||
        die "ventros migrate failed" "$STACK_WORK/migrate.log"
}

# stack_tokens TENANTS FILE: one admin token per tenant bench-1..bench-TENANTS.
stack_tokens() {
    VENTROS_JWT_SECRET="$STACK_SECRET" "$BENCH_TOOLS/bench_tokens" --tenants "$1" >"$2" ||
        die "bench_tokens failed"
}

# stack_open_projects TENANTS TOKENS: opens projects bench-1..bench-TENANTS on the stack's
# gateway (enterprise plan: no limits) as the tokens' user, who gets one billing account;
# tenants must exist before CRM commands.
stack_open_projects() {
    local token account
    token="$(head -1 "$2")"
    account="$(curl -sf -X POST "$STACK_URL/v1/billing-accounts" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"name":"Bench","billing_email":"bench@example.com"}' | jq -r .id)"
    [[ -n "$account" && "$account" != null ]] || die "cannot create the bench billing account"
    seq 1 "$1" | xargs -P 16 -I{} curl -sf -o /dev/null -X POST "$STACK_URL/v1/tenants" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -H 'Idempotency-Key: open-bench-{}' \
        -d "{\"tenant_id\":\"bench-{}\",\"name\":\"Bench {}\",\"billing_account_id\":\"$account\",\"plan\":\"enterprise\"}" ||
        die "cannot open the bench projects"
    progress "opened $1 projects"
}

# stack_start NAME [VAR=VALUE...]: start `ventros NAME` in the background with the
# stack's environment (plus the given variables); its pid is in STACK_PID_<NAME>.
stack_start() {
    local name="$1" log="$STACK_WORK/$1.log"
    shift
    env "${STACK_ENV[@]}" "$@" "$VENTROS_BIN" "$name" </dev/null >>"$log" 2>&1 &
    local pid=$!
    STACK_PIDS+=("$pid")
    printf -v "STACK_PID_${name}" '%s' "$pid"
}

# stack_wait_ready TIMEOUT [URL PID]: wait for a gateway's /readyz (default: the last
# gateway started, on STACK_URL).
stack_wait_ready() {
    local deadline=$((SECONDS + $1)) url="${2:-$STACK_URL}" pid="${3:-$STACK_PID_gateway}"
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/readyz")" == 200 ]]; do
        kill -0 "$pid" 2>/dev/null || die "the gateway exited" "$STACK_WORK/gateway.log"
        ((SECONDS < deadline)) || die "the gateway was not ready within $1 s" "$STACK_WORK/gateway.log"
        sleep 0.2
    done
}

# stack_stop PID: SIGTERM, wait up to 30 s, then SIGKILL (also for bench/lib/preloaded_deployment.sh).
stack_stop() {
    local pid="$1"
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in {1..300}; do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# stack_metric NAME: the value of an unlabelled sample in the gateway's /metrics.
stack_metric() {
    curl -s --max-time 5 "$STACK_URL/metrics" | awk -v n="$1" '$1 == n { print $2; found = 1 }
        END { if (!found) print 0 }'
}

stack_cleanup() {
    local pid prefix
    for pid in "${STACK_PIDS[@]}"; do
        stack_stop "$pid"
    done
    if [[ -z "${VENTROS_BENCH_KEEP:-}" ]]; then
        pg_admin -c "DROP DATABASE IF EXISTS \"$STACK_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
        for prefix in "$STACK_PREFIX" "${STACK_EXTRA_PREFIXES[@]}"; do
            "$VENTROS_ROOT/scripts/kafka" topics --delete --if-exists \
                --topic "${prefix//./\\.}.*" >/dev/null 2>&1 || true
        done
        rm -rf "$STACK_WORK"
    fi
}

# stats VALUES...: {"median": m, "min": a, "max": b} of numbers, to three decimals.
stats() {
    printf '%s\n' "$@" | jq -s 'sort | {median: (if length % 2 == 1 then .[length / 2 | floor]
        else (.[length / 2 - 1] + .[length / 2]) / 2 end), min: .[0], max: .[-1]}
        | map_values(. * 1000 | round / 1000)'
}
