-- wrk: POST a small chat completion; Authorization and the model come from the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("BENCH_AUTH")
if key and key ~= "" then wrk.headers["Authorization"] = key end
local extra = os.getenv("BENCH_HEADERS")
if extra and extra ~= "" then
  for name, value in string.gmatch(extra, "([^:;]+):([^;]+)") do wrk.headers[name] = value end
end
wrk.body = '{"model":"' .. (os.getenv("BENCH_MODEL") or "bench") .. '","messages":[{"role":"user","content":"say ok"}]}'
