-- wrk script: deal commands across many tenants, each request with a distinct
-- Idempotency-Key. Every other request creates a deal (POST /deals, default pipeline,
-- stage "prospecting"); the others move a deal this thread created earlier to "proposal"
-- (POST /deals/{id}/stage), so the mix is half creations, half stage moves, each checked
-- against the writer's state. Tokens as in create_leads.lua (VENTROS_BENCH_TOKENS,
-- tenants bench-1..bench-N); VENTROS_BENCH_RUN goes into every key.
-- Prints a readable summary, then one JSON line (the last line) for bench/deals.sh.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("bench")

local tokens = bench.tokens()
local run_id = os.getenv("VENTROS_BENCH_RUN") or tostring(os.time())

local counter = 0
local created = {} -- Locations of deals this thread created and has not moved yet

setup = bench.number_threads("thread_id")

local function headers(tenant)
  counter = counter + 1
  return {
    ["Authorization"] = "Bearer " .. tokens[tenant],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. run_id .. "-" .. thread_id .. "-" .. counter,
  }
end

function request()
  local deal = table.remove(created)
  if deal and counter % 2 == 1 then
    local tenant = tonumber(string.match(deal, "/tenants/bench%-(%d+)/"))
    return wrk.format("POST", deal .. "/stage", headers(tenant), '{"stage":"proposal"}')
  end
  if deal then
    created[#created + 1] = deal
  end
  local tenant = (counter % #tokens) + 1
  return wrk.format("POST", "/v1/tenants/bench-" .. tenant .. "/deals", headers(tenant),
    '{"title":"Deal ' .. counter .. '","value_cents":' .. (1000 + counter) .. ',"currency":"BRL"}')
end

-- A 201 is a creation (a move answers 200); its Location names the tenant and the deal.
function response(status, headers)
  local location = headers["Location"] or headers["location"]
  if status == 201 and location then
    created[#created + 1] = location
  end
end

done = bench.report_summary
