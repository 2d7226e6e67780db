#!/usr/bin/env bash
# Benchmark 5, read-your-writes: bench/ryw_probe creates leads at a steady 2,000
# commands/s against a private gateway + projector and, for each 2xx, reads the lead
# back with GET ...?consistency=<position>; the figure is the time from the create's 2xx
# to the 200 that shows the lead. Progress on stderr; the last stdout line is the JSON.
# Usage: bench/read_your_writes.sh [--quick]   (quick: 2 × 8 s; full: 3 × 30 s)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
source "$VENTROS_ROOT/bench/lib/private_stack.bash"

bench_mode "$@"
if $QUICK; then RUNS=2 SECONDS_PER_RUN=8; else RUNS=3 SECONDS_PER_RUN=30; fi
RATE="${VENTROS_BENCH_RYW_RATE:-2000}"
TENANTS=1000

for tool in "$VENTROS_BIN" "$BENCH_TOOLS/bench_tokens" "$BENCH_TOOLS/ryw_probe"; do
    [[ -x "$tool" ]] || die "$tool is missing: build it (bench/run does)"
done

stack_init ryw
TOKENS="$STACK_WORK/tokens"
stack_tokens "$TENANTS" "$TOKENS"
stack_start projector
stack_start gateway
stack_wait_ready 120
stack_open_projects "$TENANTS" "$TOKENS"
kill -0 "$STACK_PID_projector" 2>/dev/null || die "the projector exited" "$STACK_WORK/projector.log"

# probe ARGS...: one ryw_probe run at the benchmark's rate; its JSON line on stdout.
probe() {
    "$BENCH_TOOLS/ryw_probe" --port "$STACK_PORT" --tokens "$TOKENS" --tenants "$TENANTS" \
        --rate "$RATE" --writers 64 --readers 64 "$@" 2>"$STACK_WORK/ryw.err" ||
        die "ryw_probe failed" "$STACK_WORK/ryw.err"
}

progress "warm-up: 5 s at $RATE commands/s (discarded)"
progress "warm-up: $(probe --seconds 5 --warmup 0)"
progress "read-your-writes: $RUNS × ${SECONDS_PER_RUN}s at $RATE commands/s (after 2 s warm-up each)"
for ((i = 1; i <= RUNS; i++)); do
    probe --seconds "$SECONDS_PER_RUN" --warmup 2 >>"$STACK_WORK/ryw.jsonl"
    progress "run $i/$RUNS: $(tail -n 1 "$STACK_WORK/ryw.jsonl")"
done

column() { jq -r "$1" "$STACK_WORK/ryw.jsonl"; }
# shellcheck disable=SC2046  # one number per word
{
    stats $(column .ryw_p50_ms) >"$STACK_WORK/s-p50.json"
    stats $(column .ryw_p99_ms) >"$STACK_WORK/s-p99.json"
    stats $(column .rate_achieved) >"$STACK_WORK/s-rate.json"
    stats $(column .create_p99_ms) >"$STACK_WORK/s-create-p99.json"
}
failures="$(jq -s 'map(.create_errors + .not_visible) | add' "$STACK_WORK/ryw.jsonl")"
late="$(jq -s 'map(.late_sends) | add' "$STACK_WORK/ryw.jsonl")"

jq -c -n --slurpfile p50 "$STACK_WORK/s-p50.json" --slurpfile p99 "$STACK_WORK/s-p99.json" \
    --slurpfile rate "$STACK_WORK/s-rate.json" --slurpfile create "$STACK_WORK/s-create-p99.json" \
    --argjson failures "$failures" --argjson late "$late" --argjson target_rate "$RATE" \
    --argjson runs "$RUNS" --argjson seconds "$SECONDS_PER_RUN" '
    def r: . * 100 | round / 100;
    ($p99[0].median) as $lat
    | {
        name: "read_your_writes",
        title: "Read-your-writes at \($target_rate) commands/s (2xx → visible via ?consistency, \($runs) × \($seconds) s)",
        figures: {p50_ms: ($p50[0].median | r), p99_ms: ($lat | r),
                  commands_per_s: ($rate[0].median | round), create_p99_ms: ($create[0].median | r),
                  failures: $failures, late_sends: $late},
        runs: {p50_ms: ($p50[0] | map_values(r)), p99_ms: ($p99[0] | map_values(r)),
               commands_per_s: ($rate[0] | map_values(round))},
        baselines: {},
        ratios: {},
        targets: [
            {what: "p99 2xx → visible (ms)", goal: "<= 100", value: ($lat | r), met: ($lat <= 100)},
            {what: "steady rate reached (commands/s)", goal: ">= \($target_rate * 0.95)",
             value: ($rate[0].median | round), met: ($rate[0].median >= $target_rate * 0.95)}]
    }'
