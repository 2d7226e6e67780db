#!/usr/bin/env bash
# Query benchmark: GET /leads with filters and pagination (bench/wrk/list_leads.lua) over
# the leads projected from 1,000,000 preloaded events (1,000 tenants), 32 connections:
# requests/s and p50/p99 (medians of VENTROS_BENCH_RUNS runs, default 3, 2 when quick). Baseline in the same run:
# the same SQL the gateway runs (projections/src/lead_queries.cpp, in a read-only
# transaction after set_config of the tenant, as ventros_reader under row-level security)
# with the same mix, straight from pgbench at 32 clients. Then the metrics views
# (bench/wrk/metrics.lua: overview, funnel, daily, sources, agents over the default 30
# days) against a baseline in the same run: GET /leads/{id} (bench/wrk/get_lead.lua), one
# row by primary key through the same gateway.
# Usage: bench/queries.sh [--quick]   (--quick: 100,000 events, 8 s runs instead of 30 s)
# Prints one JSON object on its last stdout line; progress on stderr.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH_DIR/../scripts/lib.sh"
source "$BENCH_DIR/lib/preloaded_deployment.sh"

bench_mode "$@"
duration="$($QUICK && echo 8 || echo 30)"
connections=32 cursor_count=50

command -v wrk >/dev/null || die "wrk is not installed (scripts/deps)"
command -v pgbench >/dev/null || die "pgbench is not installed"

deployment_up queries
preload "$BENCH_EVENTS"
project_all
stack_stop "$PROJECTOR_PID"
psql_db -c "VACUUM ANALYZE leads"
psql_db -c "VACUUM ANALYZE metrics_daily, metrics_sources_daily, metrics_agents_daily, metrics_revenue_daily, metrics_open_value_daily"

tokens="$WORK_DIR/tokens" cursors="$WORK_DIR/cursors"
# Queries go to every tenant when bench_tokens is built, else to the first 200 (minting
# 1,000 tokens with `ventros token` takes too long).
if [[ -x "$BUILD_DIR/bench/bench_tokens" ]]; then
    "$BUILD_DIR/bench/bench_tokens" --tenants "$BENCH_TENANTS" >"$tokens"
else
    for ((t = 1; t <= 200; t++)); do
        "$VENTROS_BIN" token --user bench-reader --tenant "bench-$t" --role admin --ttl 86400
    done >"$tokens"
fi
query_tenants="$(wc -l <"$tokens")"

port="$(free_port)"
start_service gateway gateway --http-port "$port"
gateway_pid="$SERVICE_PID"
url="http://127.0.0.1:$port"
wait_until 600 curl -sf -o /dev/null "$url/readyz" || die "the gateway was not ready" "$WORK_DIR/gateway.log"

# Second pages: the cursor after the first 20 leads of some tenants, as the gateway encodes
# it (for wrk) and the lead id it stands for (for pgbench).
: >"$cursors"
: >"$WORK_DIR/cursor_ids"
for ((i = 1; i <= cursor_count; i++)); do
    t=$(((i * 7919) % query_tenants + 1))
    page="$(curl -sf -H "Authorization: Bearer $(sed -n "${t}p" "$tokens")" \
        "$url/v1/tenants/bench-$t/leads?limit=20")" || die "GET /leads failed" "$WORK_DIR/gateway.log"
    [[ "$(jq -r '.next_cursor' <<<"$page")" != null ]] || continue
    printf '%s %s\n' "$t" "$(jq -r '.next_cursor' <<<"$page")" >>"$cursors"
    printf '%s %s\n' "$t" "$(jq -r '.items[-1].id' <<<"$page")" >>"$WORK_DIR/cursor_ids"
done
[[ -s "$cursors" ]] || die "no tenant has a second page"

# list_sql TENANT STAGE SOURCE MIN_SCORE PATTERN AFTER LIMIT: lead_queries.cpp's list
# query with its parameters filled in (NULL where the request has no such filter). The
# gateway sends them as parameters of an unnamed statement, which PostgreSQL plans with
# their values, as it plans these literals (pgbench runs in simple protocol mode: its
# extended mode would take the to_char format's ":MI" for a variable).
list_sql() {
    local rfc=" AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
    printf '%s' "SELECT lead_id::text, json_build_object('id', lead_id, 'name', name, 'email', email, 'phone', phone, 'company', company, 'source', source, 'source_details', source_details, 'stage', stage, 'score', score, 'bant', bant, 'assigned_to', assigned_to, 'tags', tags, 'custom_fields', custom_fields, 'created_by', created_by, 'created_at', to_char(created_at$rfc, 'updated_at', to_char(updated_at$rfc, 'qualified_at', to_char(qualified_at$rfc, 'converted_at', to_char(converted_at$rfc, 'lost_at', to_char(lost_at$rfc, 'lost_reason', lost_reason, 'deal_id', deal_id, 'version', version)::text FROM leads WHERE tenant_id = $1 AND ($2::text IS NULL OR stage = $2) AND ($3::text IS NULL OR source = $3) AND (NULL::text IS NULL OR assigned_to = NULL) AND ($4::int IS NULL OR score >= $4) AND ($5::text IS NULL OR lower((name || ' ' || coalesce(email, '')) COLLATE \"und-x-icu\") LIKE lower($5::text COLLATE \"und-x-icu\")) AND ($6::uuid IS NULL OR lead_id < $6::uuid) ORDER BY lead_id DESC LIMIT $7;"
    printf '\n'
}

# The pgbench script: the wrk script's mix, each transaction as the gateway's query pool
# runs it (BEGIN READ ONLY, set_config, the list query with limit + 1, COMMIT).
script="$WORK_DIR/list_leads.pgbench"
{
    echo '\set r random(1, 100)'
    echo "\\set tenant random(1, $query_tenants)"
    echo "\\set c random(1, $(wc -l <"$WORK_DIR/cursor_ids"))"
    echo 'BEGIN READ ONLY;'
    echo '\if :r <= 85'
    echo "SELECT set_config('app.tenant_id', 'bench-' || :tenant, true);"
    t="'bench-' || :tenant"
    echo '\if :r <= 20'
    list_sql "$t" NULL NULL NULL NULL NULL 51
    echo '\elif :r <= 40'
    list_sql "$t" "'qualified'" NULL NULL NULL NULL 21
    echo '\elif :r <= 60'
    list_sql "$t" NULL NULL 70 NULL NULL 51
    echo '\elif :r <= 75'
    list_sql "$t" NULL "'web'" NULL NULL NULL 101
    echo '\else'
    list_sql "$t" NULL NULL NULL "'%lead1%'" NULL 21
    echo '\endif'
    echo '\else'
    i=0
    while read -r ct id; do
        i=$((i + 1))
        if ((i == 1)); then echo "\\if :c = $i"; else echo "\\elif :c = $i"; fi
        echo "SELECT set_config('app.tenant_id', 'bench-$ct', true);"
        list_sql "'bench-$ct'" NULL NULL NULL NULL "'$id'::uuid" 21
    done <"$WORK_DIR/cursor_ids"
    echo '\endif'
    echo '\endif'
    echo 'COMMIT;'
} >"$script"

# wrk_result SCRIPT: one wrk run of bench/wrk/SCRIPT.lua; its RESULT JSON. Counts its
# errors.
wrk_result() {
    local out
    out="$(VENTROS_BENCH_TOKENS="$tokens" VENTROS_BENCH_CURSORS="$cursors" \
        VENTROS_BENCH_LEADS="$WORK_DIR/cursor_ids" \
        wrk -t2 -c"$connections" -d"${duration}s" -s "$BENCH_DIR/wrk/$1.lua" "$url" 2>&1)" ||
        die "wrk failed: $out"
    sed -n 's/^RESULT //p' <<<"$out"
}

rps=() p50=() p99=() pg_tps=() pg_p50=() pg_p99=() errors=0
metrics_rps=() metrics_p50=() metrics_p99=() lead_rps=() lead_p50=() lead_p99=()
for ((run = 1; run <= BENCH_RUNS; run++)); do
    result="$(wrk_result list_leads)"
    rps+=("$(jq '.requests_per_second' <<<"$result")")
    p50+=("$(jq '.p50_ms' <<<"$result")")
    p99+=("$(jq '.p99_ms' <<<"$result")")
    errors=$((errors + $(jq '.non_2xx + .socket_errors' <<<"$result")))
    progress "gateway run $run: $result"

    rm -f "$WORK_DIR"/pgbench_log.*
    out="$(cd "$WORK_DIR" && "$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U ventros_reader -n -M simple \
        -c "$connections" -j 2 -T "$duration" -f "$script" -l --log-prefix=pgbench_log \
        "$VENTROS_PG_DATABASE" 2>&1)" || die "pgbench failed: $out"
    pg_tps+=("$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' <<<"$out")")
    # Per-transaction log: the third field is the latency in microseconds.
    read -r l50 l99 < <(cat "$WORK_DIR"/pgbench_log.* | awk '{ print $3 }' | sort -n |
        awk '{ v[NR] = $1 } END { printf "%.3f %.3f\n", v[int(NR * 0.5) + 1] / 1000, v[int(NR * 0.99) + 1] / 1000 }')
    pg_p50+=("$l50") pg_p99+=("$l99")
    progress "pgbench run $run: ${pg_tps[-1]} transactions/s, p50 $l50 ms, p99 $l99 ms"

    result="$(wrk_result metrics)"
    metrics_rps+=("$(jq '.requests_per_second' <<<"$result")")
    metrics_p50+=("$(jq '.p50_ms' <<<"$result")")
    metrics_p99+=("$(jq '.p99_ms' <<<"$result")")
    errors=$((errors + $(jq '.non_2xx + .socket_errors' <<<"$result")))
    progress "metrics run $run: $result"
    result="$(wrk_result get_lead)"
    lead_rps+=("$(jq '.requests_per_second' <<<"$result")")
    lead_p50+=("$(jq '.p50_ms' <<<"$result")")
    lead_p99+=("$(jq '.p99_ms' <<<"$result")")
    errors=$((errors + $(jq '.non_2xx + .socket_errors' <<<"$result")))
    progress "GET /leads/{id} run $run: $result"
done
kill -0 "$gateway_pid" 2>/dev/null || die "the gateway exited" "$WORK_DIR/gateway.log"

rate="$(median "${rps[@]}")"
pg_rate="$(median "${pg_tps[@]}")"
ratio="$(divide "$rate" "$pg_rate")"
metrics_rate="$(median "${metrics_rps[@]}")"
lead_rate="$(median "${lead_rps[@]}")"
metrics_ratio="$(divide "$metrics_rate" "$lead_rate")"
jq -cn --argjson leads "$(psql_db -c 'SELECT count(*) FROM leads')" --argjson events "$PRELOAD_EVENTS" \
    --argjson connections "$connections" --argjson rate "$rate" --argjson tenants "$query_tenants" \
    --argjson p50 "$(median "${p50[@]}")" --argjson p99 "$(median "${p99[@]}")" \
    --argjson errors "$errors" --argjson pg_rate "$pg_rate" \
    --argjson pg_p50 "$(median "${pg_p50[@]}")" --argjson pg_p99 "$(median "${pg_p99[@]}")" \
    --argjson ratio "$ratio" \
    --argjson metrics_rate "$metrics_rate" --argjson metrics_ratio "$metrics_ratio" \
    --argjson metrics_p50 "$(median "${metrics_p50[@]}")" \
    --argjson metrics_p99 "$(median "${metrics_p99[@]}")" \
    --argjson lead_rate "$lead_rate" --argjson lead_p50 "$(median "${lead_p50[@]}")" \
    --argjson lead_p99 "$(median "${lead_p99[@]}")" \
    --argjson metrics_runs "$(stats "${metrics_rps[@]}")" \
    --argjson rps_runs "$(stats "${rps[@]}")" --argjson p99_runs "$(stats "${p99[@]}")" \
    --argjson pg_runs "$(stats "${pg_tps[@]}")" \
    '{name: "queries", title: "GET /leads with filters and pagination, and the metrics views, 32 connections",
      figures: {leads: $leads, events: $events, connections: $connections,
                tenants_queried: $tenants,
                requests_per_second: $rate, p50_ms: $p50, p99_ms: $p99, errors: $errors,
                metrics_requests_per_second: $metrics_rate, metrics_p50_ms: $metrics_p50,
                metrics_p99_ms: $metrics_p99},
      runs: {requests_per_second: $rps_runs, p99_ms: $p99_runs,
             pgbench_transactions_per_second: $pg_runs,
             metrics_requests_per_second: $metrics_runs},
      baselines: {"same SQL through pgbench, 32 clients": {transactions_per_second: $pg_rate,
                                                           p50_ms: $pg_p50, p99_ms: $pg_p99},
                 "GET /leads/{id} through the gateway, 32 connections":
                     {requests_per_second: $lead_rate, p50_ms: $lead_p50, p99_ms: $lead_p99}},
      ratios: {"gateway requests/s / pgbench transactions/s": $ratio,
               "metrics requests/s / GET /leads/{id} requests/s": $metrics_ratio},
      targets: []}'
