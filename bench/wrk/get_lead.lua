-- wrk script: GET /leads/{id} of known leads ("<tenant> <lead id>" per line in the file
-- named by VENTROS_BENCH_LEADS; tokens, one per tenant in order, from
-- VENTROS_BENCH_TOKENS). The baseline of the metrics queries: one row by primary key.
-- Prints one "RESULT {json}" line: requests/s, latency percentiles, errors.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("bench")

local tokens = bench.tokens()
local leads = bench.tenant_values("VENTROS_BENCH_LEADS")

setup = bench.number_threads("seed")

function init()
  math.randomseed(seed)
end

function request()
  local lead = leads[math.random(#leads)]
  return wrk.format("GET", "/v1/tenants/bench-" .. lead[1] .. "/leads/" .. lead[2],
    { ["Authorization"] = "Bearer " .. tokens[lead[1]] })
end

done = bench.report_result
