-- wrk script: POST /leads across many tenants, each request with a distinct
-- Idempotency-Key. Tokens (one per tenant bench-1..bench-N, in order) come from the
-- file named by VENTROS_BENCH_TOKENS. Prints latency percentiles and non-2xx count.
local tokens = {}
for line in io.lines(os.getenv("VENTROS_BENCH_TOKENS")) do
  tokens[#tokens + 1] = line
end

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
    ["Idempotency-Key"] = "bench-" .. thread_id .. "-" .. counter,
  }, '{"name":"Lead ' .. counter .. '","source":"api"}')
end

function done(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, non-2xx %d, socket errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
