-- wrk script: GET /leads/{id} of known leads ("<tenant> <lead id>" per line in the file
-- named by VENTROS_BENCH_LEADS; tokens, one per tenant in order, from
-- VENTROS_BENCH_TOKENS). The baseline of the metrics queries: one row by primary key.
-- Prints one "RESULT {json}" line: requests/s, latency percentiles, errors.
local tokens = {}
for line in io.lines(os.getenv("VENTROS_BENCH_TOKENS")) do
  tokens[#tokens + 1] = line
end
local leads = {}
for line in io.lines(os.getenv("VENTROS_BENCH_LEADS")) do
  local tenant, id = line:match("^(%d+) (%S+)$")
  leads[#leads + 1] = { tonumber(tenant), id }
end

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("seed", thread_count)
end

function init()
  math.randomseed(seed)
end

function request()
  local lead = leads[math.random(#leads)]
  return wrk.format("GET", "/v1/tenants/bench-" .. lead[1] .. "/leads/" .. lead[2],
    { ["Authorization"] = "Bearer " .. tokens[lead[1]] })
end

function done(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests_per_second": %.1f, "p50_ms": %.3f, "p99_ms": %.3f, "p99_9_ms": %.3f, ' ..
    '"requests": %d, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, summary.requests,
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
