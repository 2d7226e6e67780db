-- wrk script: deal commands across many tenants, each request with a distinct
-- Idempotency-Key. Every other request creates a deal (POST /deals, default pipeline,
-- stage "prospecting"); the others move a deal this thread created earlier to "proposal"
-- (POST /deals/{id}/stage), so the mix is half creations, half stage moves, each checked
-- against the writer's state. Tokens as in create_leads.lua (VENTROS_BENCH_TOKENS,
-- tenants bench-1..bench-N); VENTROS_BENCH_RUN goes into every key.
-- Prints a readable summary, then one JSON line (the last line) for bench/deals.sh.
local tokens = {}
for line in io.lines(os.getenv("VENTROS_BENCH_TOKENS")) do
  tokens[#tokens + 1] = line
end
local run_id = os.getenv("VENTROS_BENCH_RUN") or tostring(os.time())

local counter = 0
local thread_count = 0
local created = {} -- Locations of deals this thread created and has not moved yet

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
end

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
