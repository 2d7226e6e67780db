-- What the wrk scripts here share: reading their input files, numbering wrk's threads and
-- reporting the run. A script loads it with
--   package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;"
--     .. package.path
--   local bench = require("bench")
-- so that it is found next to the script (wrk loads scripts by the path given to -s)
-- whatever the working directory.
local bench = {}

-- The lines of the file named by environment variable `name`, in order.
function bench.lines(name)
  local lines = {}
  for line in io.lines(os.getenv(name)) do
    lines[#lines + 1] = line
  end
  return lines
end

-- Bearer tokens, one per tenant bench-1..bench-N in order, from VENTROS_BENCH_TOKENS.
function bench.tokens()
  return bench.lines("VENTROS_BENCH_TOKENS")
end

-- "<tenant> <value>" lines of the file named by `name`, as { tenant number, value } pairs.
function bench.tenant_values(name)
  local values = {}
  for _, line in ipairs(bench.lines(name)) do
    local tenant, value = line:match("^(%d+) (%S+)$")
    values[#values + 1] = { tonumber(tenant), value }
  end
  return values
end

-- A wrk `setup` that numbers the threads 1, 2, ... in global `name` of each thread.
function bench.number_threads(name)
  local count = 0
  return function(thread)
    count = count + 1
    thread:set(name, count)
  end
end

local function socket_errors(summary)
  return summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
end

local function ms(latency, p)
  return latency:percentile(p) / 1000
end

-- A wrk `done` that prints a readable summary, then one JSON line (the last line) for
-- bench/ingest.sh and bench/deals.sh.
function bench.report_summary(summary, latency, requests)
  local errors = socket_errors(summary)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, non-2xx %d, socket errors %d\n",
    ms(latency, 50), ms(latency, 99), ms(latency, 99.9), summary.errors.status, errors))
  io.write(string.format('{"requests": %d, "seconds": %.3f, "non_2xx": %d, "socket_errors": %d, '
    .. '"p50_ms": %.3f, "p99_ms": %.3f, "p999_ms": %.3f}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status, errors,
    ms(latency, 50), ms(latency, 99), ms(latency, 99.9)))
end

-- A wrk `done` that prints one "RESULT {json}" line for bench/queries.sh: requests/s,
-- latency percentiles, errors.
function bench.report_result(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests_per_second": %.1f, "p50_ms": %.3f, "p99_ms": %.3f, "p99_9_ms": %.3f, ' ..
    '"requests": %d, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests / (summary.duration / 1e6), ms(latency, 50), ms(latency, 99),
    ms(latency, 99.9), summary.requests, summary.errors.status, socket_errors(summary)))
end

return bench
