#!/usr/bin/env bash
# Deal commands: wrk sends half deal creations (POST /deals) and half stage moves
# (POST /deals/{id}/stage) across 1,000 tenants (distinct Idempotency-Keys, 64
# connections) to a private gateway. Baseline in the same run, on the same gateway and
# interleaved run by run: POST /leads (bench/wrk/create_leads.lua), the ingest workload.
# Progress on stderr; the last stdout line is the result JSON.
# Usage: bench/deals.sh [--quick]     (quick: 2 × 10 s per figure; full: 5 × 30 s)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
source "$VENTROS_ROOT/bench/lib/private_stack.bash"

bench_mode "$@"
if $QUICK; then RUNS=2 SECONDS_PER_RUN=10 WARMUP=3; else RUNS=5 SECONDS_PER_RUN=30 WARMUP=5; fi
TENANTS=1000
CONNECTIONS=64

for tool in "$VENTROS_BIN" "$BENCH_TOOLS/bench_tokens"; do
    [[ -x "$tool" ]] || die "$tool is missing: build it (bench/run does)"
done
command -v wrk >/dev/null || die "wrk is missing: run scripts/deps"

stack_init deals
TOKENS="$STACK_WORK/tokens"
stack_tokens "$TENANTS" "$TOKENS"
stack_start gateway
stack_wait_ready 120
stack_open_projects "$TENANTS" "$TOKENS"

# run_wrk NAME LABEL SECONDS SCRIPT: one wrk run; appends its result JSON line to
# NAME.jsonl unless LABEL is "warmup".
run_wrk() {
    local out="$STACK_WORK/wrk-$1-$2.txt"
    VENTROS_BENCH_TOKENS="$TOKENS" VENTROS_BENCH_RUN="$1-$2-$$" \
        wrk -t2 -c"$CONNECTIONS" -d"${3}s" --timeout 10s -s "$VENTROS_ROOT/bench/wrk/$4" \
        "$STACK_URL" >"$out" 2>&1 || die "wrk failed" "$out"
    if [[ "$(tail -n 1 "$out" | jq '.requests - .non_2xx - .socket_errors')" -le 0 ]]; then
        die "no 2xx answer in $1 run $2: $(tail -n 1 "$out")" "$STACK_WORK/gateway.log"
    fi
    if [[ "$2" != warmup ]]; then
        tail -n 1 "$out" >>"$STACK_WORK/$1.jsonl"
        progress "$1 run $2/$RUNS: $(tail -n 1 "$out" | jq -c '{per_s: ((.requests - .non_2xx - .socket_errors) / .seconds | floor), p50_ms, p99_ms, non_2xx, socket_errors}')"
    fi
}

# Every tenant's default pipeline came with its project; the warm-up fills the caches.
progress "warm-up: ${WARMUP}s of each workload"
run_wrk deals warmup "$WARMUP" deal_commands.lua
run_wrk leads warmup "$WARMUP" create_leads.lua
progress "$RUNS × ${SECONDS_PER_RUN}s each: deal commands, then lead creation"
for ((i = 1; i <= RUNS; i++)); do
    run_wrk deals "$i" "$SECONDS_PER_RUN" deal_commands.lua
    run_wrk leads "$i" "$SECONDS_PER_RUN" create_leads.lua
done

ok_per_s='(.requests - .non_2xx - .socket_errors) / .seconds'
# shellcheck disable=SC2046  # one number per word
{
    stats $(jq -r "$ok_per_s" "$STACK_WORK/deals.jsonl") >"$STACK_WORK/s-rate.json"
    stats $(jq -r .p50_ms "$STACK_WORK/deals.jsonl") >"$STACK_WORK/s-p50.json"
    stats $(jq -r .p99_ms "$STACK_WORK/deals.jsonl") >"$STACK_WORK/s-p99.json"
    stats $(jq -r "$ok_per_s" "$STACK_WORK/leads.jsonl") >"$STACK_WORK/s-leads.json"
    stats $(jq -r .p99_ms "$STACK_WORK/leads.jsonl") >"$STACK_WORK/s-leads-p99.json"
}
errors="$(jq -s 'map(.non_2xx + .socket_errors) | add' "$STACK_WORK/deals.jsonl")"
# The mix as the gateway saw it: 2xx answers per deal route.
answered() {
    curl -s --max-time 5 "$STACK_URL/metrics" | awk -v r="route=\"$1\"" '
        $1 ~ /^ventros_http_requests_total\{/ && index($1, r) && $1 ~ /status="2/ { n += $2 }
        END { print n + 0 }'
}
creations="$(answered /v1/tenants/{tenant_id}/deals)"
moves="$(answered /v1/tenants/{tenant_id}/deals/{deal_id}/stage)"
progress "gateway answered $creations deal creations and $moves stage moves with 2xx"
((moves > 0)) || die "no stage move was answered 2xx" "$STACK_WORK/gateway.log"

jq -c -n \
    --slurpfile rate "$STACK_WORK/s-rate.json" --slurpfile p50 "$STACK_WORK/s-p50.json" \
    --slurpfile p99 "$STACK_WORK/s-p99.json" --slurpfile leads "$STACK_WORK/s-leads.json" \
    --slurpfile leads_p99 "$STACK_WORK/s-leads-p99.json" --argjson errors "$errors" \
    --argjson runs "$RUNS" --argjson seconds "$SECONDS_PER_RUN" \
    --argjson creations "$creations" --argjson moves "$moves" \
    --argjson connections "$CONNECTIONS" '
    def r: . * 100 | round / 100;
    ($rate[0].median) as $x | ($leads[0].median) as $base
    | {
        name: "deals",
        title: "Deal commands (half POST /deals, half stage moves; 1,000 tenants, \($connections) connections, \($runs) × \($seconds) s)",
        figures: {commands_per_s: ($x | round), p50_ms: ($p50[0].median | r),
                  p99_ms: ($p99[0].median | r), errors: $errors,
                  stage_move_share: ($moves / ($creations + $moves) | r)},
        runs: {commands_per_s: ($rate[0] | map_values(round)), p99_ms: ($p99[0] | map_values(r)),
               lead_creations_per_s: ($leads[0] | map_values(round))},
        baselines: {"POST /leads (same gateway, interleaved)":
                        {commands_per_s: ($base | round), p99_ms: ($leads_p99[0].median | r)}},
        ratios: {vs_lead_creation: ($x / $base | r)},
        targets: [{what: "ratio to lead creation", goal: ">= 0.8", value: ($x / $base | r),
                   met: ($x / $base >= 0.8)}]
    }'
