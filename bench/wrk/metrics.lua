-- wrk script: GET /metrics/{overview,funnel,daily,sources,agents} (an even mix, default
-- range: the 30 days ending today) across tenants bench-1..N. Tokens (one per tenant, in
-- order) come from the file named by VENTROS_BENCH_TOKENS. Prints one "RESULT {json}"
-- line: requests/s, latency percentiles, errors.
local tokens = {}
for line in io.lines(os.getenv("VENTROS_BENCH_TOKENS")) do
  tokens[#tokens + 1] = line
end
local views = { "overview", "funnel", "daily", "sources", "agents" }

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("seed", thread_count)
end

function init()
  math.randomseed(seed)
end

function request()
  local tenant = math.random(#tokens)
  return wrk.format("GET", "/v1/tenants/bench-" .. tenant .. "/metrics/" .. views[math.random(#views)],
    { ["Authorization"] = "Bearer " .. tokens[tenant] })
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
