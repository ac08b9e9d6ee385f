-- A burst of payment notifications for wrk (used by bench/run): every request is one
-- provider's notification, POST /api/v1/payments/PROVIDER/notify with its raw JSON body and
-- `X-Erikti-Signature: sha256=SIGNATURE`, each line of the file once.
--
--   wrk -tT -cC -dLIMIT --latency -s bench/webhooks.lua URL -- FILE PROVIDER THREADS DONE
--
-- FILE holds lines `SIGNATURE BODY` (from `erikti bench-webhooks-prepare`: distinct payments
-- and exact repeats of some, shuffled); its lines are dealt round-robin to the THREADS
-- threads, so a payment and its repeat may be in flight at once. A thread stops once its
-- share is answered and appends a line to the file DONE; wrk's main thread sleeps through -d
-- whatever the threads do, so bench/run interrupts wrk (SIGINT) once every thread has written
-- its line. A connection whose thread has sent its whole share waits (delay()) until the
-- thread stops; should it outlive the wait it asks GET /healthz (status 200, body `ok`, which
-- the notification endpoint never answers; not counted), so every line is sent exactly once.
--
-- done() prints one line:
--   webhooks: requests N answered N recorded N duplicate N other N wall_us N
-- recorded: 200 with outcome `recorded` (the donation recorded now); duplicate: 200 with
-- outcome `duplicate` (already recorded: nothing changed); other: any other answer.
-- wall_us: from the first request sent to the last answer received (CLOCK_MONOTONIC), over
-- all threads. Then, for the first few unexpected answers, `webhooks-unexpected: STATUS BODY`.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } erikti_timespec;
int clock_gettime(int clock, erikti_timespec *tp);
]]
local timespec = ffi.new("erikti_timespec")
local function now_us()
  ffi.C.clock_gettime(1, timespec) -- CLOCK_MONOTONIC
  return tonumber(timespec.tv_sec) * 1000000 + math.floor(tonumber(timespec.tv_nsec) / 1000)
end

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file, provider, nthreads = args[1], args[2], tonumber(args[3])
  done_file = args[4]
  if not (file and provider and nthreads and done_file) then
    error("usage: -- FILE PROVIDER THREADS DONE")
  end
  local path = "/api/v1/payments/" .. provider .. "/notify"
  requests = {}
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == id then
      local signature, body = line:match("^(%x+) (.+)$")
      if not signature then
        error("bad line " .. (i + 1) .. " in " .. file)
      end
      requests[#requests + 1] = wrk.format("POST", path,
        { ["X-Erikti-Signature"] = "sha256=" .. signature, ["Content-Type"] = "application/json" }, body)
    end
    i = i + 1
  end
  n_requests = #requests
  filler = wrk.format("GET", "/healthz")
  sent, answered, recorded, duplicate, other = 0, 0, 0, 0, 0
  first_us, last_us = 0, 0
  unexpected = ""
  finished = false
  -- wrk calls request() of the first thread once before it starts, to check what it
  -- returns: that call must not use up a line.
  checking = (id == 0)
  if #requests == 0 then
    finish()
  end
end

function finish()
  finished = true
  local f = io.open(done_file, "a")
  f:write(id .. "\n")
  f:close()
  wrk.thread:stop()
end

function delay()
  if sent < n_requests then
    return 0
  end
  return 2000
end

function request()
  if checking then
    checking = false
    return requests[1] or filler
  end
  if sent < n_requests then
    sent = sent + 1
    if sent == 1 then
      first_us = now_us()
    end
    return requests[sent]
  end
  return filler
end

function response(status, headers, body)
  if finished or (status == 200 and body == "ok") then
    return -- the filler
  end
  answered = answered + 1
  if status == 200 and body:find('"outcome":"recorded"', 1, true) then
    recorded = recorded + 1
  elseif status == 200 and body:find('"outcome":"duplicate"', 1, true) then
    duplicate = duplicate + 1
  else
    other = other + 1
    if #unexpected < 2000 then
      unexpected = unexpected .. "webhooks-unexpected: " .. status .. " " .. body:sub(1, 200):gsub("%s+", " ") .. "\n"
    end
  end
  if answered == n_requests then
    last_us = now_us()
    finish()
  end
end

function done(summary, latency, reqs)
  local totals = { requests = 0, answered = 0, recorded = 0, duplicate = 0, other = 0 }
  local first, last = nil, 0
  local notes = ""
  for _, t in ipairs(threads) do
    for k, _ in pairs(totals) do
      totals[k] = totals[k] + t:get(k == "requests" and "n_requests" or k)
    end
    local f, l = t:get("first_us"), t:get("last_us")
    if f > 0 and (first == nil or f < first) then
      first = f
    end
    if l > last then
      last = l
    end
    notes = notes .. t:get("unexpected")
  end
  local wall = 0
  if first and totals.answered == totals.requests then
    wall = last - first
  end
  io.write(string.format(
    "webhooks: requests %d answered %d recorded %d duplicate %d other %d wall_us %d\n",
    totals.requests, totals.answered, totals.recorded, totals.duplicate, totals.other, wall))
  io.write(notes)
end
