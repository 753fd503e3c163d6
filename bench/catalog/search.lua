-- wrk script: GET the paths listed (one a line) in the file named by BENCH_PATHS, in turn; each
-- thread starts at another line so concurrent requests differ. Counts non-200 answers.
local paths = {}
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("BENCH_PATHS")) do
    if line ~= "" then table.insert(paths, line) end
  end
  counter = (id or 0) * 7919
  failed = 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], { ["Accept"] = "application/json" })
end

function response(status, headers, body)
  if status ~= 200 then failed = failed + 1 end
end

function done(summary, latency, requests)
  local failures = 0
  for _, t in ipairs(threads) do failures = failures + (t:get("failed") or 0) end
  io.write(string.format("non-200: %d\n", failures))
end
