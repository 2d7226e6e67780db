-- wrk script: POST /leads across many tenants, each request with a distinct
-- Idempotency-Key. Tokens (one per tenant bench-1..bench-N, in order; N = number of
-- lines) come from the file named by VENTROS_BENCH_TOKENS. VENTROS_BENCH_RUN (default:
-- the clock) goes into every key, so a second run never replays the first one's keys.
-- Prints a readable summary, then one JSON line (the last line) for bench/ingest.sh.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("bench")

local tokens = bench.tokens()
local run_id = os.getenv("VENTROS_BENCH_RUN") or tostring(os.time())

local counter = 0

setup = bench.number_threads("thread_id")

function request()
  counter = counter + 1
  local tenant = (counter % #tokens) + 1
  return wrk.format("POST", "/v1/tenants/bench-" .. tenant .. "/leads", {
    ["Authorization"] = "Bearer " .. tokens[tenant],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. run_id .. "-" .. thread_id .. "-" .. counter,
  }, '{"name":"Lead ' .. counter .. '","source":"api"}')
end

done = bench.report_summary
