-- wrk script: POST /leads across many tenants, each request with a distinct
-- Idempotency-Key. Tokens (one per tenant bench-1..bench-N, in order; N = number of
-- lines) come from the file named by VENTROS_BENCH_TOKENS. VENTROS_BENCH_RUN (default:
-- the clock) goes into every key, so a second run never replays the first one's keys.
-- Prints a readable summary, then one JSON line (the last line) for bench/ingest.sh.
local tokens = {}
for line in io.lines(os.getenv("VENTROS_BENCH_TOKENS")) do
  tokens[#tokens + 1] = line
end
local run_id = os.getenv("VENTROS_BENCH_RUN") or tostring(os.time())

local counter = 0
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
end

function request()
  counter = counter + 1
  local tenant = (counter % #tokens) + 1
  return wrk.format("POST", "/v1/tenants/bench-" .. tenant .. "/leads", {
    ["Authorization"] = "Bearer " .. tokens[tenant],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. run_id .. "-" .. thread_id .. "-" .. counter,
  }, '{"name":"Lead ' .. counter .. '","source":"api"}')
end

function done(summary, latency, requests)
  local socket_errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  local ms = function(p) return latency:percentile(p) / 1000 end
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, non-2xx %d, socket errors %d\n",
    ms(50), ms(99), ms(99.9), summary.errors.status, socket_errors))
  io.write(string.format('{"requests": %d, "seconds": %.3f, "non_2xx": %d, "socket_errors": %d, '
    .. '"p50_ms": %.3f, "p99_ms": %.3f, "p999_ms": %.3f}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status, socket_errors,
    ms(50), ms(99), ms(99.9)))
end
