-- wrk script: GET /metrics/{overview,funnel,daily,sources,agents} (an even mix, default
-- range: the 30 days ending today) across tenants bench-1..N. Tokens (one per tenant, in
-- order) come from the file named by VENTROS_BENCH_TOKENS. Prints one "RESULT {json}"
-- line: requests/s, latency percentiles, errors.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("bench")

local tokens = bench.tokens()
local views = { "overview", "funnel", "daily", "sources", "agents" }

setup = bench.number_threads("seed")

function init()
  math.randomseed(seed)
end

function request()
  local tenant = math.random(#tokens)
  return wrk.format("GET", "/v1/tenants/bench-" .. tenant .. "/metrics/" .. views[math.random(#views)],
    { ["Authorization"] = "Bearer " .. tokens[tenant] })
end

done = bench.report_result
