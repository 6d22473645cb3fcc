-- wrk script for tests/bench/serve_load.sh: every connection renders different documents
-- (the samples given in VANBAN_LOAD_DOCS, "template=file" separated by spaces), each
-- response checked: status 200 and a whole PDF ("%PDF-" … "%%EOF").
local docs = {}
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  good = 0
  for spec in string.gmatch(os.getenv("VANBAN_LOAD_DOCS") or "", "%S+") do
    local tpl, path = spec:match("([^=]+)=(.+)")
    local f = assert(io.open(path, "rb"))
    local body = f:read("*a")
    f:close()
    local ctype = path:match("%.csv$") and "text/csv" or "application/json"
    table.insert(docs, {tpl = tpl, body = body, ctype = ctype})
  end
  n = id
end

function request()
  n = n + 1
  local d = docs[(n % #docs) + 1]
  return wrk.format("POST", "/api/render?template=" .. d.tpl .. "&format=pdf",
                    {["Content-Type"] = d.ctype}, d.body)
end

function response(status, headers, body)
  if status == 200 and body:sub(1, 5) == "%PDF-" and body:find("%%EOF", #body - 1024, true) then
    good = good + 1
  else
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local good_all, bad_all = 0, 0
  for _, t in ipairs(threads) do
    good_all = good_all + t:get("good")
    bad_all = bad_all + t:get("bad")
  end
  io.write(string.format("requests %d, errors (socket) connect %d read %d write %d timeout %d, http non-2xx %d\n",
                         summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
                         summary.errors.timeout, summary.errors.status))
  io.write(string.format("checked responses: %d whole PDFs, %d bad\n", good_all, bad_all))
  io.write(string.format("throughput: %.1f renders/s\n", summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("latency p%g: %.1f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("latency max: %.1f ms\n", latency.max / 1000))
end
