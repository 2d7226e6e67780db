#!/usr/bin/env bash
# Benchmark 1, command ingest: wrk creates leads across 1,000 tenants (distinct
# Idempotency-Keys, 64 connections) against a private gateway. Baselines in the same run:
# the same gateway with --canned-writes (the HTTP ceiling) and bench/kafka_ceiling, a raw
# transactional producer writing the same records with the gateway's observed batching
# (the Kafka ceiling). Progress on stderr; the last stdout line is the result JSON.
# Usage: bench/ingest.sh [--quick]     (quick: 2 × 10 s per figure; full: 5 × 30 s)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
source "$VENTROS_ROOT/bench/lib/private_stack.bash"

bench_mode "$@"
if $QUICK; then RUNS=2 SECONDS_PER_RUN=10 WARMUP=3; else RUNS=5 SECONDS_PER_RUN=30 WARMUP=5; fi
TENANTS=1000
CONNECTIONS=64
SHARDS="${VENTROS_WRITER_SHARDS:-4}"
LANES="${VENTROS_TRANSACTION_LANES:-2}"
LUA="$VENTROS_ROOT/bench/wrk/create_leads.lua"

for tool in "$VENTROS_BIN" "$BENCH_TOOLS/bench_tokens" "$BENCH_TOOLS/kafka_ceiling"; do
    [[ -x "$tool" ]] || die "$tool is missing: build it (bench/run does)"
done
command -v wrk >/dev/null || die "wrk is missing: run scripts/deps"

stack_init ingest
TOKENS="$STACK_WORK/tokens"
stack_tokens "$TENANTS" "$TOKENS"

# Both gateways run side by side (the idle one costs nothing) and the three measurements
# are interleaved run by run, so a change in the machine's load hits all of them alike.
CANNED_PORT="$(free_port)" || die "no free port"
CANNED_URL="http://127.0.0.1:$CANNED_PORT"
CEILING_PREFIX="${STACK_PREFIX}ceiling."
stack_migrate "$CEILING_PREFIX"
stack_start gateway VENTROS_WRITER_SHARDS="$SHARDS" VENTROS_TRANSACTION_LANES="$LANES"
GATEWAY_PID="$STACK_PID_gateway"
stack_start gateway VENTROS_CANNED_WRITES=true VENTROS_HTTP_PORT="$CANNED_PORT"
CANNED_PID="$STACK_PID_gateway"
stack_wait_ready 120 "$STACK_URL" "$GATEWAY_PID"
stack_wait_ready 60 "$CANNED_URL" "$CANNED_PID"
stack_open_projects "$TENANTS" "$TOKENS"

# run_wrk NAME LABEL SECONDS URL: one wrk run; appends its result JSON line to NAME.jsonl
# unless LABEL is "warmup".
run_wrk() {
    local out="$STACK_WORK/wrk-$1-$2.txt"
    VENTROS_BENCH_TOKENS="$TOKENS" VENTROS_BENCH_RUN="$1-$2-$$" \
        wrk -t2 -c"$CONNECTIONS" -d"${3}s" --timeout 10s -s "$LUA" "$4" >"$out" 2>&1 ||
        die "wrk failed" "$out"
    if [[ "$(tail -n 1 "$out" | jq '.requests - .non_2xx - .socket_errors')" -le 0 ]]; then
        die "no 2xx answer in $1 run $2 (is Kafka up?): $(tail -n 1 "$out")" "$STACK_WORK/gateway.log"
    fi
    if [[ "$2" != warmup ]]; then
        tail -n 1 "$out" >>"$STACK_WORK/$1.jsonl"
        progress "$1 run $2/$RUNS: $(tail -n 1 "$out" | jq -c '{per_s: ((.requests - .non_2xx - .socket_errors) / .seconds | floor), p50_ms, p99_ms, p999_ms, non_2xx, socket_errors}')"
    fi
}

# cpu_ticks PID: user + system CPU time of a process, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# cpu_us_per_request TICKS NAME: CPU time per request of NAME's measured runs, in µs.
cpu_us_per_request() {
    jq -s --argjson t "$1" --argjson hz "$(getconf CLK_TCK)" \
        '$t / $hz * 1e6 / (map(.requests) | add) | round' "$STACK_WORK/$2.jsonl"
}

# mean_batch: commands per transaction of the gateway since the measured runs began.
mean_batch() {
    jq -n "($(stack_metric ventros_transaction_batch_size_sum) - $batch_sum0) /
        ([$(stack_metric ventros_transaction_batch_size_count) - $batch_count0, 1] | max)"
}

progress "warm-up: ${WARMUP}s on each gateway"
run_wrk gateway warmup "$WARMUP" "$STACK_URL"
run_wrk canned warmup "$WARMUP" "$CANNED_URL"
batch_sum0="$(stack_metric ventros_transaction_batch_size_sum)"
batch_count0="$(stack_metric ventros_transaction_batch_size_count)"
txn_sum0="$(stack_metric ventros_transaction_duration_seconds_sum)"
gateway_ticks=0 canned_ticks=0
progress "$RUNS × ${SECONDS_PER_RUN}s each: gateway ($SHARDS writer shards × $LANES lanes), Kafka ceiling ($SHARDS producers × $LANES lanes), HTTP ceiling (--canned-writes)"
for ((i = 1; i <= RUNS; i++)); do
    ticks="$(cpu_ticks "$GATEWAY_PID")"
    run_wrk gateway "$i" "$SECONDS_PER_RUN" "$STACK_URL"
    gateway_ticks=$((gateway_ticks + $(cpu_ticks "$GATEWAY_PID") - ticks))

    batch="$(mean_batch)"
    "$BENCH_TOOLS/kafka_ceiling" --brokers "$KAFKA_BOOTSTRAP" --sample-topic "${STACK_PREFIX}crm" \
        --topic "${CEILING_PREFIX}crm" --partitions 12 --producers "$SHARDS" --lanes "$LANES" --batch "$batch" \
        --tenants "$TENANTS" --seconds "$SECONDS_PER_RUN" >>"$STACK_WORK/ceiling.jsonl" \
        2>"$STACK_WORK/ceiling.err" || die "kafka_ceiling failed" "$STACK_WORK/ceiling.err"
    progress "ceiling run $i/$RUNS: $(tail -n 1 "$STACK_WORK/ceiling.jsonl")"

    ticks="$(cpu_ticks "$CANNED_PID")"
    run_wrk canned "$i" "$SECONDS_PER_RUN" "$CANNED_URL"
    canned_ticks=$((canned_ticks + $(cpu_ticks "$CANNED_PID") - ticks))
done
batch_count="$(stack_metric ventros_transaction_batch_size_count)"
txn_sum="$(stack_metric ventros_transaction_duration_seconds_sum)"
mean_batch="$(jq -n "$(mean_batch) * 100 | round / 100")"
mean_txn_ms="$(jq -n "1000 * ($txn_sum - $txn_sum0) / ([$batch_count - $batch_count0, 1] | max) * 100 | round / 100")"
gateway_cpu_us="$(cpu_us_per_request "$gateway_ticks" gateway)"
canned_cpu_us="$(cpu_us_per_request "$canned_ticks" canned)"
progress "gateway: mean transaction $mean_batch commands in $mean_txn_ms ms; CPU per request: gateway ${gateway_cpu_us} µs, canned ${canned_cpu_us} µs"

# column FILE JQ_EXPR: the expression evaluated on every line of FILE.
column() { jq -r "$2" "$1"; }
ok_per_s='(.requests - .non_2xx - .socket_errors) / .seconds'
# shellcheck disable=SC2046  # one number per word
{
    stats $(column "$STACK_WORK/gateway.jsonl" "$ok_per_s") >"$STACK_WORK/s-rate.json"
    stats $(column "$STACK_WORK/gateway.jsonl" .p50_ms) >"$STACK_WORK/s-p50.json"
    stats $(column "$STACK_WORK/gateway.jsonl" .p99_ms) >"$STACK_WORK/s-p99.json"
    stats $(column "$STACK_WORK/gateway.jsonl" .p999_ms) >"$STACK_WORK/s-p999.json"
    stats $(column "$STACK_WORK/canned.jsonl" "$ok_per_s") >"$STACK_WORK/s-canned.json"
    stats $(column "$STACK_WORK/canned.jsonl" .p99_ms) >"$STACK_WORK/s-canned-p99.json"
    stats $(column "$STACK_WORK/ceiling.jsonl" .records_per_s) >"$STACK_WORK/s-ceiling.json"
    stats $(column "$STACK_WORK/ceiling.jsonl" .txn_p99_ms) >"$STACK_WORK/s-ceiling-txn.json"
}
errors="$(jq -s 'map(.non_2xx + .socket_errors) | add' "$STACK_WORK/gateway.jsonl")"
sample="$(tail -n 1 "$STACK_WORK/ceiling.jsonl")"

jq -c -n \
    --slurpfile rate "$STACK_WORK/s-rate.json" --slurpfile p50 "$STACK_WORK/s-p50.json" \
    --slurpfile p99 "$STACK_WORK/s-p99.json" --slurpfile p999 "$STACK_WORK/s-p999.json" \
    --slurpfile canned "$STACK_WORK/s-canned.json" \
    --slurpfile canned_p99 "$STACK_WORK/s-canned-p99.json" \
    --slurpfile ceiling "$STACK_WORK/s-ceiling.json" \
    --slurpfile ceiling_txn "$STACK_WORK/s-ceiling-txn.json" \
    --argjson errors "$errors" --argjson batch "$mean_batch" --argjson txn_ms "$mean_txn_ms" \
    --argjson shards "$SHARDS" --argjson lanes "$LANES" --argjson sample "$sample" --argjson runs "$RUNS" \
    --argjson cpu_us "$gateway_cpu_us" --argjson canned_cpu_us "$canned_cpu_us" \
    --argjson seconds "$SECONDS_PER_RUN" --argjson connections "$CONNECTIONS" '
    def r: . * 100 | round / 100;
    ($rate[0].median) as $x | ($p99[0].median) as $lat
    | ([$canned[0].median, $ceiling[0].median] | min) as $lower
    | {
        name: "ingest",
        title: "Command ingest (POST /leads, 1,000 tenants, \($connections) connections, \($runs) × \($seconds) s)",
        figures: {commands_per_s: ($x | round), p50_ms: ($p50[0].median | r),
                  p99_ms: ($lat | r), p999_ms: ($p999[0].median | r), errors: $errors,
                  mean_batch: ($batch | r), mean_transaction_ms: ($txn_ms | r),
                  gateway_cpu_us_per_command: $cpu_us},
        runs: {commands_per_s: ($rate[0] | map_values(round)), p50_ms: ($p50[0] | map_values(r)),
               p99_ms: ($p99[0] | map_values(r)), p999_ms: ($p999[0] | map_values(r)),
               http_ceiling_per_s: ($canned[0] | map_values(round)),
               kafka_ceiling_per_s: ($ceiling[0] | map_values(round))},
        baselines: {
            "HTTP ceiling (same gateway, --canned-writes)":
                {commands_per_s: ($canned[0].median | round), p99_ms: ($canned_p99[0].median | r),
                 gateway_cpu_us_per_command: $canned_cpu_us},
            "Kafka ceiling (raw transactional producer)":
                {records_per_s: ($ceiling[0].median | round), producers: $shards, lanes: $lanes,
                 batch: $sample.batch, record_bytes: $sample.record_bytes,
                 headers: $sample.headers, transaction_p99_ms: ($ceiling_txn[0].median | r)}},
        ratios: {vs_http_ceiling: ($x / $canned[0].median | r),
                 vs_kafka_ceiling: ($x / $ceiling[0].median | r),
                 vs_lower_ceiling: ($x / $lower | r)},
        targets: [
            {what: "commands/s", goal: ">= 25000", value: ($x | round), met: ($x >= 25000)},
            {what: "p99 latency (ms)", goal: "<= 25", value: ($lat | r), met: ($lat <= 25)},
            {what: "ratio to the lower ceiling", goal: ">= 0.6", value: ($x / $lower | r),
             met: ($x / $lower >= 0.6)}]
    }'
