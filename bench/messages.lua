-- wrk script: POST one channel-shaped activity per request to /api/messages.
-- Each request gets its own activity id and one of 50,000 conversation ids (so the per-conversation
-- rate limit sees real traffic, not one flooding user). Environment:
--   BENCH_ACTIVITY     path of the activity template (placeholders {{conv}}, {{n}})
--   BENCH_TOKEN        channel JWT sent as "Authorization: Bearer …" (omit for the bare endpoint)
--   BENCH_RATE         optional total target rate (req/s): each connection paces itself to share it
--   BENCH_CONNECTIONS  number of connections (with BENCH_RATE)
--   BENCH_CONVERSATIONS conversation ids per wrk thread (default 25000)
--   BENCH_RUN          optional prefix of the conversation ids, so each wrk run talks to new conversations
--   BENCH_SCRIPT       optional file of messages, one per line: the k-th message of each conversation is
--                      line k (wrapping), filled into {{text}} of the template. Consecutive messages of one
--                      conversation are BENCH_CONVERSATIONS requests apart, so they arrive in order.
local threads = {}
local counter = 0
local template, token, pause
local script = {}
local conversations = tonumber(os.getenv("BENCH_CONVERSATIONS") or "25000")

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(os.getenv("BENCH_ACTIVITY") or "bench/activity.json", "r"))
  template = file:read("*a")
  file:close()
  token = os.getenv("BENCH_TOKEN")
  local script_file = os.getenv("BENCH_SCRIPT")
  if script_file and #script_file > 0 then
    for line in io.lines(script_file) do
      if #line > 0 then table.insert(script, line) end
    end
  end
  local rate = tonumber(os.getenv("BENCH_RATE") or "")
  local connections = tonumber(os.getenv("BENCH_CONNECTIONS") or "")
  if rate and connections then
    pause = 1000 * connections / rate
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  if token and #token > 0 then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
end

function request()
  counter = counter + 1
  local conversation = (os.getenv("BENCH_RUN") or "") .. tostring(tid) .. "-" .. tostring((counter - 1) % conversations)
  local body = template:gsub("{{conv}}", conversation):gsub("{{n}}", tostring(tid) .. "-" .. tostring(counter))
  if #script > 0 then
    local visit = math.floor((counter - 1) / conversations)
    body = body:gsub("{{text}}", script[(visit % #script) + 1])
  end
  return wrk.format(nil, nil, nil, body)
end

function delay()
  return pause or 0
end
