-- A burst of applications for wrk (used by bench/run): every request applies one volunteer
-- to one shift, POST /api/v1/shifts/SHIFT/applications with `Authorization: Bearer TOKEN`
-- and the body {}, each line of the file once.
--
--   wrk -tT -cC -dLIMIT --latency -s bench/burst.lua URL -- FILE FIRST COUNT THREADS DONE
--
-- FILE holds lines `TOKEN SHIFT_ID` (from `erikti bench-burst-prepare`); lines FIRST+1 to
-- FIRST+COUNT are sent, dealt round-robin to the THREADS threads (so both threads work on the
-- same shifts at once: the volunteers of a shift are on consecutive lines). A thread stops
-- once its share is answered and appends a line to the file DONE; wrk's main thread sleeps
-- through -d whatever the threads do, so bench/run interrupts wrk (SIGINT) once every thread
-- has written its line. A connection whose thread has sent its whole share waits (delay())
-- until the thread stops; should it outlive the wait it asks GET /healthz (status 200, which
-- the apply endpoint never answers; not counted), so every application is sent exactly once.
--
-- done() prints one line:
--   burst: requests N answered N created N accepted N waitlisted N conflict N other N wall_us N
-- wall_us: from the first request sent to the last answer received (CLOCK_MONOTONIC), over
-- all threads. Then, for the first few unexpected answers, `burst-unexpected: STATUS BODY`.

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
  local file, first, count, nthreads = args[1], tonumber(args[2]), tonumber(args[3]), tonumber(args[4])
  done_file = args[5]
  if not (file and first and count and nthreads and done_file) then
    error("usage: -- FILE FIRST COUNT THREADS DONE")
  end
  requests = {}
  local i = 0
  for line in io.lines(file) do
    if i >= first + count then
      break
    end
    if i >= first and (i - first) % nthreads == id then
      local token, shift = line:match("^(%S+)%s+(%S+)%s*$")
      if not token then
        error("bad line " .. (i + 1) .. " in " .. file)
      end
      requests[#requests + 1] = wrk.format("POST", "/api/v1/shifts/" .. shift .. "/applications",
        { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, "{}")
    end
    i = i + 1
  end
  n_requests = #requests
  filler = wrk.format("GET", "/healthz")
  sent, answered, created, accepted, waitlisted, conflict, other = 0, 0, 0, 0, 0, 0, 0
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
  if status == 200 or finished then
    return -- the filler
  end
  answered = answered + 1
  if status == 201 then
    created = created + 1
    if body:find('"accepted"', 1, true) then
      accepted = accepted + 1
    elseif body:find('"waitlisted"', 1, true) then
      waitlisted = waitlisted + 1
    end
  else
    if status == 409 then
      conflict = conflict + 1
    else
      other = other + 1
    end
    if #unexpected < 2000 then
      unexpected = unexpected .. "burst-unexpected: " .. status .. " " .. body:sub(1, 200):gsub("%s+", " ") .. "\n"
    end
  end
  if answered == n_requests then
    last_us = now_us()
    finish()
  end
end

function done(summary, latency, reqs)
  local totals = { requests = 0, answered = 0, created = 0, accepted = 0, waitlisted = 0, conflict = 0, other = 0 }
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
    "burst: requests %d answered %d created %d accepted %d waitlisted %d conflict %d other %d wall_us %d\n",
    totals.requests, totals.answered, totals.created, totals.accepted, totals.waitlisted,
    totals.conflict, totals.other, wall))
  io.write(notes)
end
