-- wrk: one POST /api/ledger/transfers/batch per request, BENCH_BATCH transfers (treasury -> the
-- admin's spendable, 1 base unit, new ids) each made on its own but committed together.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
local account = os.getenv("BENCH_ACCOUNT")
local size = tonumber(os.getenv("BENCH_BATCH") or "500")
local thread_seed = 0

function setup(thread)
  thread_seed = thread_seed + 1
  thread:set("seed", thread_seed)
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
end

local function uuid()
  local template = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (string.gsub(template, "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

function request()
  local items = {}
  for i = 1, size do
    items[i] = '{"id":"' .. uuid() .. '","debit":"treasury","credit":"spendable:' .. account
      .. '","amount":"1","code":"GRANT","memo":"bench"}'
  end
  return wrk.format(nil, nil, nil, "[" .. table.concat(items, ",") .. "]")
end
