-- wrk script: GET /leads across tenants bench-1..N with a mix of filters and page sizes,
-- 15% of requests asking for a second page with a cursor. Tokens (one per tenant, in
-- order) come from the file named by VENTROS_BENCH_TOKENS; cursors ("<tenant> <cursor>"
-- per line) from VENTROS_BENCH_CURSORS. bench/queries.sh runs the same mix through
-- pgbench. Prints one "RESULT {json}" line: requests/s, latency percentiles, errors.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("bench")

local tokens = bench.tokens()
local cursors = bench.tenant_values("VENTROS_BENCH_CURSORS")

setup = bench.number_threads("seed")

function init()
  math.randomseed(seed)
end

-- The mix: 20% unfiltered, 20% stage, 20% min_score, 15% source, 10% q, 15% next page.
local function pick()
  local r = math.random(100)
  local tenant = math.random(#tokens)
  if r <= 20 then
    return tenant, "limit=50"
  elseif r <= 40 then
    return tenant, "stage=qualified&limit=20"
  elseif r <= 60 then
    return tenant, "min_score=70&limit=50"
  elseif r <= 75 then
    return tenant, "source=web&limit=100"
  elseif r <= 85 then
    return tenant, "q=lead1&limit=20"
  end
  local c = cursors[math.random(#cursors)]
  return c[1], "limit=20&cursor=" .. c[2]
end

function request()
  local tenant, query = pick()
  return wrk.format("GET", "/v1/tenants/bench-" .. tenant .. "/leads?" .. query,
    { ["Authorization"] = "Bearer " .. tokens[tenant] })
end

done = bench.report_result
