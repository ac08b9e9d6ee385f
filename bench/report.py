#!/usr/bin/env python3
"""Helpers for bench/run: wait for readiness, parse wrk output, write RESULTS.md.

Subcommands (all used by bench/run; none needs anything beyond the standard library):

  free-port                          print a free TCP port on 127.0.0.1
  wait-ready URL START_NS PID SECS   poll URL until HTTP 200; print ms since START_NS
                                     (a `date +%s%N` reading); exit 1 if PID dies or SECS pass
  status URL [HEADER: VALUE]         print the HTTP status of one GET
  stats URL                          GET /api/v1/stats once; print its counts as JSON
                                     (exit 1 unless HTTP 200 with the three counts)
  parse-wrk FILE...                  print what parse_wrk() reads from each file, as JSON
  write --out FILE [options] DIR...  write the Markdown report from per-database result
                                     directories (wrk outputs + meta.json), keeping the
                                     '## History' rows of an existing FILE

Database helpers (URL as erikti takes it: sqlite://PATH[?...] through Python's sqlite3, or
postgres://... through psql):

  dataset-counts URL                 print {demo_volunteers, events, shifts, applications,
                                     collections, donations} as JSON
  pick-event URL                     print the id of a published event with a coming shift and
                                     at least 5 shifts (the soonest such), for /events/{id}
  pick-collection URL                print `COLLECTION_ID ORGANIZATION_ID DONATIONS` of the active
                                     collection with the most donations (not one the benchmark
                                     made), for /collections/{id} and its organization's
                                     /organizations/{id}/charity
  burst-check URL EVENT_ID OUT       after a burst: for every shift of the event, accepted
                                     applications <= capacity and accepted_count equal to them
                                     (and the same two checks over every shift of the database);
                                     writes OUT (JSON), prints a summary; exit 1 on a failure

  check-certificate URL              GET /api/v1/certificates/CODE once; print what it says as
                                     JSON; exit 1 unless HTTP 200, signature valid, not revoked,
                                     and its records in the public log (or issued before it)
  webhooks-check URL BASE COLLECTION DISTINCT TOTAL PROVIDER OUT
                                     after a burst of payment notifications to COLLECTION:
                                     GET BASE/api/v1/collections/COLLECTION shows DISTINCT
                                     donations and TOTAL tiyn raised, and so do the database's
                                     donations (each of PROVIDER's card payments once), money
                                     entries and counters (and payment_events, when written);
                                     writes OUT (JSON), prints a summary; exit 1 on a mismatch

The volunteer book's results (bench/run's book section) are in the same directories:
KEY-RUN.txt for BOOK_ENDPOINTS, ledger-verify-RUN.txt (the output of `erikti ledger verify`
and a last line `wall_ms MS rc RC`) and book.json. Without http in --only, `write` keeps the
existing FILE and replaces only each measured database's book section (between
<!-- book:DB --> and <!-- /book:DB -->, added before the database's next section when missing).

The charity's results (bench/run's charity section) too: KEY-RUN.txt for CHARITY_ENDPOINTS,
webhooks-RUN.txt (wrk with bench/webhooks.lua), webhooks-prepare-RUN.out (what
`erikti bench-webhooks-prepare` printed), webhooks-check-RUN.json and charity.json. Without
http in --only, `write` replaces each measured database's charity section the same way
(between <!-- charity:DB --> and <!-- /charity:DB -->).
"""

import argparse
import datetime
import json
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

# Endpoints in report order: key -> (path, label, target or None).
SCALE_DESCRIPTION = {
    "small": "200 volunteers, 20 collections, 2,000 donations",
    "region": "20,000 volunteers, 150 collections, 70,000 donations",
    "national": "300,000 volunteers, 4,300 organizations, 5,000,000 hours entries, "
    "20,000 events, 200,000 shifts, 2,000,000 applications, 2,000 collections, 1,000,000 donations",
}

ENDPOINTS = [
    ("ceiling", "/healthz", "ceiling `/healthz`", None),
    ("home", "/", "home page `/` (Accept-Language: kk)", {"rps": 5000, "p99_ms": 20}),
    ("regions", "/api/v1/regions", "`/api/v1/regions`", {"rps": 5000, "p99_ms": 20}),
    # The directory, filtered (issue 4): server-side time, so measured under a light load.
    ("directory", "/organizations?region=KZ-55&kind=initiative_group&page=2",
     "directory page `/organizations?region=KZ-55&kind=initiative_group&page=2`",
     {"rps": 0, "p99_ms": 10, "connections": 4}),
    ("dir_api", "/api/v1/organizations?region=KZ-55&verified=1",
     "directory API `/api/v1/organizations?region=KZ-55&verified=1`",
     {"rps": 0, "p99_ms": 10, "connections": 4}),
    # Opportunities: the search page (50 results a page) and one event's page.
    ("events", "/events", "search page `/events`", {"rps": 2000, "p99_ms": 50}),
    ("events_region", "/events?region=KZ-75", "search page `/events?region=KZ-75`",
     {"rps": 2000, "p99_ms": 50}),
    ("event", "/events/{id}", "event page `/events/{id}`", {"rps": 5000, "p99_ms": None}),
]

# The electronic volunteer book (issue 6): key -> (path, label, target or None). Latency
# targets are on the median (p50) at one connection: the server's time for one request.
BOOK_ENDPOINTS = [
    ("book_ceiling1", "/healthz", "baseline `/healthz`, 1 connection", None),
    ("book_page", "/me/book", "her book page `/me/book` ({entries} entries)", {"p50_ms": 10}),
    ("book_api", "/api/v1/me/book", "her book `GET /api/v1/me/book` ({entries} entries)", {"p50_ms": 10}),
    ("book_pdf", "/certificates/{code}.pdf", "certificate PDF `/certificates/{code}.pdf`", {"p50_ms": 100}),
    ("book_ceiling", "/healthz", "baseline `/healthz`, {connections} connections", None),
    ("verify_api", "/api/v1/certificates/{code}", "public check `GET /api/v1/certificates/{code}`",
     {"rps": 5000}),
    ("verify_page", "/verify/{code}", "public verify page `/verify/{code}`", {"rps": 5000}),
]
LEDGER_VERIFY_TARGET_S = 60  # `erikti ledger verify` over the national dataset's 5,000,000 entries
LEDGER_TARGET_ENTRIES = 5_000_000

# The burst of applications: applications/s (whole burst) by database, zero overbooking.
BURST_TARGET_RPS = {"postgres": 1000, "sqlite": 300}

# Charity (issue: collections and donations): key -> (path, label, target or None), as the
# book's. The collection is the dataset's active collection with the most donations.
CHARITY_ENDPOINTS = [
    ("charity_ceiling1", "/healthz", "baseline `/healthz`, 1 connection", None),
    ("report_page", "/organizations/{org}/charity", "annual report page `/organizations/{org}/charity`",
     {"p50_ms": 100}),
    ("report_api", "/api/v1/organizations/{org}/charity",
     "annual report `GET /api/v1/organizations/{org}/charity`", {"p50_ms": 100}),
    ("charity_ceiling", "/healthz", "baseline `/healthz`, {connections} connections", None),
    ("collection_page", "/collections/{collection}",
     "public collection page `/collections/{collection}` ({donations} donations)", {"rps": 5000}),
]
# Measured one request at a time (the server's time for one request).
CHARITY_ONE_CONNECTION = ("charity_ceiling1", "report_page", "report_api")
# The burst of payment notifications: notifications/s (whole burst) by database, every
# donation recorded exactly once.
WEBHOOKS_TARGET_RPS = {"postgres": 1000, "sqlite": 300}
# Statuses of an application that hold a place of its shift.
HOLDING = "('accepted', 'checked_in', 'completed', 'no_show')"

# Targets for the server process (reported, not failures).
STARTUP_TARGET_MS = 2000  # spawn -> first 200 on /readyz
HWM_TARGET_MIB = 300  # peak resident memory (VmHWM) after the load

STATS_KEYS = ("volunteers", "organizations", "confirmed_hours")

HISTORY_HEADING = "## History"
HISTORY_HEADER = [
    "| date (UTC) | commit | db | scale | home req/s | home p99 ms | regions req/s | ceiling req/s "
    "| startup ms | peak RSS MiB | search req/s | search p99 ms | event req/s | applications/s "
    "| book p50 ms | PDF p50 ms | verify req/s | ledger verify s | collection req/s | charity report p50 ms "
    "| notifications/s |",
    "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
]
# Rows written before the scale column existed: date, commit, db, home req/s, home p99 ms,
# regions req/s, ceiling req/s. They were all measured on the small dataset.
OLD_HISTORY_CELLS = 7
# Rows written before the opportunities columns existed (up to peak RSS).
PRE_EVENTS_HISTORY_CELLS = 10
HISTORY_CELLS = 21

# --------------------------------------------------------------------------------------
# wrk output

_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_TIME = r"([0-9]+(?:\.[0-9]+)?)(us|ms|s|m|h)"


def to_ms(value, unit):
    return float(value) * _UNIT_MS[unit]


class WrkParseError(Exception):
    pass


def parse_wrk(text):
    """Read requests/s, p50, p99 (ms) and error counts from `wrk --latency` output."""
    out = {}
    m = re.search(r"^Requests/sec:\s+([0-9.]+)\s*$", text, re.M)
    if not m:
        raise WrkParseError("no 'Requests/sec:' line (did wrk run with --latency and finish?)")
    out["rps"] = float(m.group(1))
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        m = re.search(rf"^\s+{pct}(?:\.0+)?%\s+{_TIME}\s*$", text, re.M)
        if not m:
            raise WrkParseError(f"no {pct}% line in the latency distribution (was --latency given?)")
        out[key] = to_ms(m.group(1), m.group(2))
    m = re.search(r"^\s+(\d+) requests in ([0-9.]+)(us|ms|s|m|h)", text, re.M)
    out["requests"] = int(m.group(1)) if m else None
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    out["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    out["socket_errors"] = (
        dict(zip(("connect", "read", "write", "timeout"), map(int, m.groups())))
        if m
        else {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    )
    return out


_BURST = re.compile(
    r"^burst: requests (\d+) answered (\d+) created (\d+) accepted (\d+) waitlisted (\d+) "
    r"conflict (\d+) other (\d+) wall_us (\d+)\s*$",
    re.M,
)


def parse_burst(text):
    """The `burst:` line of bench/burst.lua, with wrk's latency percentiles."""
    m = _BURST.search(text)
    if not m:
        raise WrkParseError("no 'burst:' line (did wrk run bench/burst.lua to the end?)")
    keys = ("requests", "answered", "created", "accepted", "waitlisted", "conflict", "other", "wall_us")
    out = dict(zip(keys, map(int, m.groups())))
    out["rate"] = out["requests"] / (out["wall_us"] / 1e6) if out["wall_us"] else 0.0
    out["complete"] = out["answered"] == out["requests"] and out["wall_us"] > 0
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        m = re.search(rf"^\s+{pct}(?:\.0+)?%\s+{_TIME}\s*$", text, re.M)
        out[key] = to_ms(m.group(1), m.group(2)) if m else None
    out["unexpected"] = re.findall(r"^burst-unexpected: (.*)$", text, re.M)[:5]
    return out


_WEBHOOKS = re.compile(
    r"^webhooks: requests (\d+) answered (\d+) recorded (\d+) duplicate (\d+) other (\d+) wall_us (\d+)\s*$",
    re.M,
)


def parse_webhooks(text):
    """The `webhooks:` line of bench/webhooks.lua, with wrk's latency percentiles."""
    m = _WEBHOOKS.search(text)
    if not m:
        raise WrkParseError("no 'webhooks:' line (did wrk run bench/webhooks.lua to the end?)")
    keys = ("requests", "answered", "recorded", "duplicate", "other", "wall_us")
    out = dict(zip(keys, map(int, m.groups())))
    out["rate"] = out["requests"] / (out["wall_us"] / 1e6) if out["wall_us"] else 0.0
    out["complete"] = out["answered"] == out["requests"] and out["wall_us"] > 0
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        m = re.search(rf"^\s+{pct}(?:\.0+)?%\s+{_TIME}\s*$", text, re.M)
        out[key] = to_ms(m.group(1), m.group(2)) if m else None
    out["unexpected"] = re.findall(r"^webhooks-unexpected: (.*)$", text, re.M)[:5]
    return out


def parse_prepared(text):
    """`KEY VALUE` lines (what a bench-*-prepare command printed); whole numbers as int."""
    out = {}
    for line in text.splitlines():
        k, _, v = line.strip().partition(" ")
        if k and v:
            out[k] = int(v) if v.isdigit() else v
    return out


# --------------------------------------------------------------------------------------
# Databases (the server's URL): SQLite through Python's sqlite3, PostgreSQL through psql


def is_sqlite(url):
    return url.startswith("sqlite:")


def sqlite_path(url):
    rest = url[len("sqlite:"):]
    if rest.startswith("//"):
        rest = rest[2:]
    return urllib.parse.unquote(rest.split("?", 1)[0])


def db_rows(url, sql):
    """Rows of one query, as lists of strings (SQLite BLOB keys as UUID text)."""
    if is_sqlite(url):
        con = sqlite3.connect(f"file:{sqlite_path(url)}?mode=ro", uri=True, timeout=30)
        try:
            rows = con.execute(sql).fetchall()
        finally:
            con.close()
        out = []
        for r in rows:
            out.append([
                str(uuid.UUID(bytes=v)) if isinstance(v, bytes) and len(v) == 16 else ("" if v is None else str(v))
                for v in r
            ])
        return out
    p = subprocess.run(
        ["psql", url, "-X", "-v", "ON_ERROR_STOP=1", "-At", "-F", "\t", "-c", sql],
        capture_output=True, text=True, timeout=600,
    )
    if p.returncode != 0:
        raise RuntimeError(f"psql failed: {p.stderr.strip()}")
    return [line.split("\t") for line in p.stdout.splitlines() if line]


def uuid_literal(url, value):
    u = uuid.UUID(value)
    return f"X'{u.hex}'" if is_sqlite(url) else f"'{u}'"


def now_literal(url):
    if is_sqlite(url):
        # As sqlx writes a DateTime<Utc> to SQLite (RFC 3339, +00:00): compares as text.
        return "'" + datetime.datetime.now(datetime.timezone.utc).isoformat() + "'"
    return "now()"


def dataset_counts(url):
    (row,) = db_rows(
        url,
        "SELECT (SELECT COUNT(*) FROM users WHERE email LIKE '%@demo.erikti.kz'), "
        "(SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM shifts), (SELECT COUNT(*) FROM applications), "
        "(SELECT COUNT(*) FROM collections), (SELECT COUNT(*) FROM donations)",
    )
    keys = ("demo_volunteers", "events", "shifts", "applications", "collections", "donations")
    return dict(zip(keys, map(int, row)))


def pick_event(url):
    rows = db_rows(
        url,
        "SELECT e.id FROM events e WHERE e.status = 'published' AND e.next_start > "
        + now_literal(url)
        + " AND (SELECT COUNT(*) FROM shifts s WHERE s.event_id = e.id) >= 5 "
        "ORDER BY e.next_start, e.id LIMIT 1",
    )
    return rows[0][0] if rows else None


def pick_collection(url):
    """(id, organization id, donations) of the active collection with the most donations,
    of the dataset's own (not one of `erikti bench-webhooks-prepare`'s)."""
    rows = db_rows(
        url,
        "SELECT c.id, c.organization_id, c.donations FROM collections c WHERE c.status = 'active' "
        "AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = c.created_by AND u.email LIKE '%@bench.erikti.kz') "
        "ORDER BY c.donations DESC, c.id LIMIT 1",
    )
    return rows[0] if rows else None


def get_json(url, timeout=30.0):
    """GET URL -> (HTTP status, parsed JSON or None)."""
    req = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, None
    except ValueError:
        return 200, None


def webhooks_check(url, base, collection, distinct, total, provider, out):
    """Every payment of the burst recorded exactly once: the API, the donations, the money
    trail and the collection's counters all say DISTINCT donations of TOTAL tiyn."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", provider):
        raise ValueError(f"unexpected provider name {provider!r}")
    t0 = time.monotonic()
    c = uuid_literal(url, collection)
    res = {"collection": collection, "distinct": distinct, "total": total}
    try:
        status, body = get_json(f"{base}/api/v1/collections/{collection}")
    except (OSError, urllib.error.URLError) as e:
        status, body = None, None
        res["api_error"] = str(getattr(e, "reason", e))
    res["api"] = (
        {"status": status, "donations": body.get("donations"), "raised_tiyn": body.get("raised_tiyn"),
         "collection_status": body.get("status")}
        if isinstance(body, dict) else {"status": status}
    )
    (row,) = db_rows(
        url,
        "SELECT COUNT(*), COALESCE(SUM(amount_tiyn), 0), COUNT(DISTINCT external_key), "
        f"COALESCE(SUM(CASE WHEN external_key LIKE 'card:{provider}:%' THEN 0 ELSE 1 END), 0) "
        f"FROM donations WHERE collection_id = {c}",
    )
    res["donations"] = dict(zip(("rows", "tiyn", "keys", "not_card"), map(int, row)))
    (row,) = db_rows(
        url,
        "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM money_entries "
        f"WHERE collection_id = {c} AND kind = 'donation'",
    )
    res["entries"] = dict(zip(("rows", "tiyn"), map(int, row)))
    rows = db_rows(url, f"SELECT donations, raised_tiyn FROM collections WHERE id = {c}")
    res["counters"] = dict(zip(("donations", "raised_tiyn"), map(int, rows[0]))) if rows else None
    try:
        (row,) = db_rows(
            url,
            "SELECT COUNT(*) FROM payment_events p JOIN donations d ON d.id = p.donation_id "
            f"WHERE d.collection_id = {c}",
        )
        res["payment_events"] = int(row[0])
    except (RuntimeError, sqlite3.Error):
        res["payment_events"] = None
    res["seconds"] = round(time.monotonic() - t0, 1)
    bad = []
    api = res["api"]
    if api.get("donations") is None:
        bad.append(f"GET /api/v1/collections/{collection} answered HTTP {api.get('status')}"
                   + (f" ({res['api_error']})" if res.get("api_error") else ""))
    elif (api["donations"], api["raised_tiyn"]) != (distinct, total):
        bad.append(f"the API shows {api['donations']:,} donations, {api['raised_tiyn']:,} tiyn raised "
                   f"for {distinct:,} payments of {total:,}")
    d = res["donations"]
    if (d["rows"], d["tiyn"], d["keys"]) != (distinct, total, distinct) or d["not_card"]:
        bad.append(f"the database holds {d['rows']:,} donations ({d['keys']:,} payment keys, {d['not_card']:,} "
                   f"not {provider}'s card payments) of {d['tiyn']:,} tiyn for {distinct:,} payments of {total:,}")
    e = res["entries"]
    if (e["rows"], e["tiyn"]) != (distinct, total):
        bad.append(f"the money trail holds {e['rows']:,} donation entries of {e['tiyn']:,} tiyn "
                   f"for {distinct:,} payments of {total:,}")
    k = res["counters"]
    if k is None:
        bad.append("the collection is not in the database")
    elif (k["donations"], k["raised_tiyn"]) != (distinct, total):
        bad.append(f"the collection's counters say {k['donations']:,} donations, {k['raised_tiyn']:,} tiyn "
                   f"for {distinct:,} payments of {total:,}")
    if res["payment_events"] and res["payment_events"] != distinct:
        bad.append(f"{res['payment_events']:,} payment events for {distinct:,} payments")
    res["ok"] = not bad
    res["problems"] = bad
    with open(out, "w") as f:
        json.dump(res, f)
    print(fmt_webhooks_check(res))
    for b in bad:
        print(f"webhooks check: {b}", file=sys.stderr)
    return 0 if not bad else 1


def fmt_webhooks_check(res):
    api, d, e, k = res["api"], res["donations"], res["entries"], res.get("counters") or {}
    pe = res.get("payment_events")
    return (
        f"{res['distinct']:,} payments of {res['total']:,} tiyn: the API shows "
        + (f"{api['donations']:,} donations, {api['raised_tiyn']:,} tiyn raised" if api.get("donations") is not None
           else f"HTTP {api.get('status')}")
        + f"; the database {d['rows']:,} donations of {d['tiyn']:,} tiyn ({d['keys']:,} distinct payment keys), "
        f"{e['rows']:,} money entries of {e['tiyn']:,} tiyn, counters {k.get('donations', 0):,} / "
        f"{k.get('raised_tiyn', 0):,} tiyn"
        + ("" if pe is None else f", {pe:,} payment events")
    )


def shift_check(url, where):
    sql = (
        "SELECT COUNT(*), COALESCE(SUM(capacity), 0), COALESCE(SUM(accepted_count), 0), COALESCE(SUM(held), 0), "
        "COALESCE(SUM(CASE WHEN held > capacity THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN held <> accepted_count THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(waiting), 0), "
        "COALESCE(SUM(CASE WHEN waiting > 0 AND held < capacity THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(apps), 0) FROM (SELECT s.capacity, s.accepted_count, "
        f"(SELECT COUNT(*) FROM applications a WHERE a.shift_id = s.id AND a.status IN {HOLDING}) AS held, "
        "(SELECT COUNT(*) FROM applications a WHERE a.shift_id = s.id AND a.status = 'waitlisted') AS waiting, "
        "(SELECT COUNT(*) FROM applications a WHERE a.shift_id = s.id) AS apps "
        f"FROM shifts s WHERE {where}) x"
    )
    (row,) = db_rows(url, sql)
    keys = ("shifts", "capacity", "accepted_count", "accepted", "overbooked", "mismatched",
            "waitlisted", "free_while_waitlisted", "applications")
    return dict(zip(keys, map(int, row)))


def burst_check(url, event_id, out):
    t0 = time.monotonic()
    burst = shift_check(url, f"s.event_id = {uuid_literal(url, event_id)}")
    everything = shift_check(url, "1 = 1")
    res = {"event": event_id, "burst": burst, "all": everything,
           "seconds": round(time.monotonic() - t0, 1)}
    bad = []
    if burst["overbooked"] or everything["overbooked"]:
        bad.append(f"OVERBOOKED shifts: {burst['overbooked']} of the burst, {everything['overbooked']} in all")
    if burst["mismatched"] or everything["mismatched"]:
        bad.append(f"accepted_count differs from the accepted applications on {burst['mismatched']} "
                   f"burst shift(s), {everything['mismatched']} in all")
    if burst["free_while_waitlisted"]:
        bad.append(f"{burst['free_while_waitlisted']} burst shift(s) waitlist while places are free")
    res["ok"] = not bad
    res["problems"] = bad
    with open(out, "w") as f:
        json.dump(res, f)
    print(fmt_check(res))
    for b in bad:
        print(f"burst check: {b}", file=sys.stderr)
    return 0 if not bad else 1


def fmt_check(res):
    b, a = res["burst"], res["all"]
    return (
        f"{b['shifts']:,} burst shifts, {b['capacity']:,} places: {b['accepted']:,} accepted "
        f"(accepted_count {b['accepted_count']:,}), {b['waitlisted']:,} waitlisted of {b['applications']:,} applications; "
        f"overbooked shifts {b['overbooked']}, counter mismatches {b['mismatched']}, "
        f"shifts waitlisting with free places {b['free_while_waitlisted']}; "
        f"whole database: {a['shifts']:,} shifts, {a['applications']:,} applications, "
        f"overbooked {a['overbooked']}, counter mismatches {a['mismatched']}"
    )


# --------------------------------------------------------------------------------------
# Small network helpers


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_status(url, headers=None, timeout=2.0):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def get_stats(url, timeout=120.0):
    """GET /api/v1/stats -> {volunteers, organizations, confirmed_hours}; ValueError otherwise."""
    req = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            body = r.read()
    except urllib.error.HTTPError as e:
        raise ValueError(f"GET {url} answered HTTP {e.code}") from None
    except (OSError, urllib.error.URLError) as e:
        raise ValueError(f"GET {url} failed: {getattr(e, 'reason', e)}") from None
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise ValueError(f"GET {url} did not answer JSON: {body[:200]!r}") from None
    if not isinstance(data, dict):
        raise ValueError(f"GET {url} answered {data!r}, not an object")
    out = {}
    for k in STATS_KEYS:
        v = data.get(k)
        if not isinstance(v, int) or isinstance(v, bool):
            raise ValueError(f"GET {url}: '{k}' is {v!r}, not a whole number")
        out[k] = v
    return out


def check_certificate(url, timeout=10.0):
    """GET /api/v1/certificates/CODE -> (ok, summary)."""
    req = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            data = json.loads(r.read())
    except urllib.error.HTTPError as e:
        return False, {"url": url, "error": f"HTTP {e.code}"}
    except (OSError, urllib.error.URLError, ValueError) as e:
        return False, {"url": url, "error": str(getattr(e, "reason", e))}
    st = (data.get("certificate") or {}).get("statement") or {}
    out = {
        "code": data.get("code"),
        "signature_valid": data.get("signature_valid"),
        "revoked": data.get("revoked"),
        "total_minutes": st.get("total_minutes"),
        "ledger_seq": st.get("ledger_seq"),
        "key_id": (data.get("certificate") or {}).get("key_id"),
        "log_status": data.get("log_status"),
        "log_checkpoint": data.get("log_checkpoint"),
    }
    in_log = out["log_status"] in ("recorded", "no_proof")
    return out["signature_valid"] is True and out["revoked"] is False and in_log, out


def pid_alive(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("State:"):
                    return "Z" not in line.split()[1]
    except FileNotFoundError:
        return False
    return True


def wait_ready(url, start_ns, pid, secs):
    deadline = time.monotonic() + secs
    last = "no answer yet"
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            print(f"the server (pid {pid}) exited before {url} answered 200 ({last})", file=sys.stderr)
            return 1
        try:
            st = http_status(url, timeout=1.0)
            if st == 200:
                print(f"{(time.time_ns() - start_ns) / 1e6:.0f}")
                return 0
            last = f"last answer HTTP {st}"
        except (OSError, urllib.error.URLError) as e:
            last = f"last error: {getattr(e, 'reason', e)}"
        time.sleep(0.01)
    print(f"{url} did not answer 200 within {secs} s ({last})", file=sys.stderr)
    return 1


# --------------------------------------------------------------------------------------
# Report


def fmt_num(x, digits=0):
    if x is None:
        return "–"
    return f"{x:,.{digits}f}"


def summarise(runs):
    if not runs:
        return None
    rps = [r["rps"] for r in runs]
    p50 = [r["p50_ms"] for r in runs]
    p99 = [r["p99_ms"] for r in runs]
    return {
        "p50_all": p50,
        "runs": len(runs),
        "rps_med": statistics.median(rps),
        "rps_min": min(rps),
        "rps_max": max(rps),
        "p50_med": statistics.median(p50),
        "p99_med": statistics.median(p99),
        "p99_min": min(p99),
        "p99_max": max(p99),
        "non2xx": sum(r["non2xx"] for r in runs),
        "socket_errors": sum(sum(r["socket_errors"].values()) for r in runs),
        "requests": sum(r["requests"] or 0 for r in runs),
        "empty_runs": sum(1 for r in runs if not r["requests"]),
    }


def wrk_runs(d, key):
    """The parsed wrk outputs KEY-RUN.txt of a result directory."""
    runs = []
    for name in sorted(os.listdir(d)):
        m = re.fullmatch(rf"{key}-(\d+)\.txt", name)
        if not m:
            continue
        path = os.path.join(d, name)
        with open(path) as f:
            try:
                runs.append(parse_wrk(f.read()))
            except WrkParseError as e:
                raise WrkParseError(f"{path}: {e}") from None
    return runs


_LEDGER = re.compile(r"^(\d+) chains, (\d+) entries(?:, \d+ log leaves)? checked in ([0-9.]+) s: (.*)$", re.M)
LOG_BUILD_TARGET_S = 60  # the public log built from scratch over 5,000,000 entries
LOG_INCREMENTAL_TARGET_MS = 50  # a checkpoint after 1,000 new entries
LOG_PROOF_TARGET_MS = 2  # one inclusion proof


def parse_log_bench(text):
    """What `erikti bench-log` printed."""
    out = {}
    m = re.search(r"^log_build_s ([0-9.]+) leaves (\d+)", text, re.M)
    if m:
        out.update(build_s=float(m.group(1)), leaves=int(m.group(2)))
    m = re.search(r"^log_incremental_ms median ([0-9.]+)", text, re.M)
    if m:
        out["incremental_ms"] = float(m.group(1))
    m = re.search(r"^log_inclusion_ms p50 ([0-9.]+) p99 ([0-9.]+)", text, re.M)
    if m:
        out.update(proof_p50_ms=float(m.group(1)), proof_p99_ms=float(m.group(2)))
    return out


def parse_ledger_verify(text):
    """What `erikti ledger verify` printed, with bench/run's `wall_ms MS rc RC` line."""
    out = {"chains": None, "entries": None, "verify_s": None, "verdict": None, "broken": 0}
    m = _LEDGER.search(text)
    if m:
        out.update(chains=int(m.group(1)), entries=int(m.group(2)), verify_s=float(m.group(3)),
                   verdict=m.group(4).strip())
    out["broken"] = len(re.findall(r"^BROKEN ", text, re.M))
    m = re.search(r"^wall_ms (\d+) rc (\d+)\s*$", text, re.M)
    out["wall_s"] = int(m.group(1)) / 1000 if m else None
    out["rc"] = int(m.group(2)) if m else None
    return out


def load_db_dir(d):
    """meta.json + wrk outputs named KEY-RUN.txt (+ the book's files) -> dict."""
    with open(os.path.join(d, "meta.json")) as f:
        meta = json.load(f)
    results = {}
    for key, *_ in ENDPOINTS:
        results[key] = summarise(wrk_runs(d, key))
    meta["results"] = results
    book_file = os.path.join(d, "book.json")
    if os.path.exists(book_file):
        with open(book_file) as f:
            book = json.load(f)
        book["results"] = {key: summarise(wrk_runs(d, key)) for key, *_ in BOOK_ENDPOINTS}
        runs = []
        for name in sorted(os.listdir(d), key=lambda n: (len(n), n)):
            if re.fullmatch(r"ledger-verify-(\d+)\.txt", name):
                with open(os.path.join(d, name)) as f:
                    runs.append(parse_ledger_verify(f.read()))
        book["ledger_verify"] = runs
        logs = []
        for name in sorted(os.listdir(d), key=lambda n: (len(n), n)):
            if re.fullmatch(r"log-bench-(\d+)\.txt", name):
                with open(os.path.join(d, name)) as f:
                    logs.append(parse_log_bench(f.read()))
        book["log_bench"] = [r for r in logs if r]
        cert = os.path.join(d, "book-certificate.json")
        if os.path.exists(cert):
            with open(cert) as f:
                book["certificate"] = json.load(f)
        meta["book"] = book
    rounds = []
    for name in sorted(os.listdir(d), key=lambda n: (len(n), n)):
        if re.fullmatch(r"burst-(\d+)\.txt", name):
            path = os.path.join(d, name)
            with open(path) as f:
                try:
                    rounds.append(parse_burst(f.read()))
                except WrkParseError as e:
                    raise WrkParseError(f"{path}: {e}") from None
    burst = meta.get("burst")
    if burst is not None:
        burst["rounds"] = rounds
        check = os.path.join(d, "burst-check.json")
        if os.path.exists(check):
            with open(check) as f:
                burst["check"] = json.load(f)
    charity_file = os.path.join(d, "charity.json")
    if os.path.exists(charity_file):
        with open(charity_file) as f:
            charity = json.load(f)
        charity["results"] = {key: summarise(wrk_runs(d, key)) for key, *_ in CHARITY_ENDPOINTS}
        w = charity.get("webhooks")
        if w is not None:
            w["rounds"] = webhook_rounds(d)
        meta["charity"] = charity
    return meta


def webhook_rounds(d):
    """The rounds of payment notifications of a result directory: wrk's output, what the
    preparation printed and the check after the round."""
    rounds = []
    for name in sorted(os.listdir(d), key=lambda n: (len(n), n)):
        m = re.fullmatch(r"webhooks-(\d+)\.txt", name)
        if not m:
            continue
        path = os.path.join(d, name)
        with open(path) as f:
            try:
                r = parse_webhooks(f.read())
            except WrkParseError as e:
                raise WrkParseError(f"{path}: {e}") from None
        prepared = os.path.join(d, f"webhooks-prepare-{m.group(1)}.out")
        if os.path.exists(prepared):
            with open(prepared) as f:
                r["prepared"] = parse_prepared(f.read())
        check = os.path.join(d, f"webhooks-check-{m.group(1)}.json")
        if os.path.exists(check):
            with open(check) as f:
                r["check"] = json.load(f)
        rounds.append(r)
    return rounds


def webhooks_summary(meta):
    """Median notifications/s over the complete rounds, and what went wrong."""
    w = (meta.get("charity") or {}).get("webhooks")
    if not w:
        return None
    rounds = w.get("rounds", [])
    done = [r for r in rounds if r["complete"]]
    rates = [r["rate"] for r in done]
    problems = []
    if len(done) < len(rounds) or not rounds:
        problems.append(f"{len(rounds) - len(done)} of {len(rounds)} round(s) not answered in full")
    for i, r in enumerate(rounds, 1):
        if r["other"]:
            problems.append(f"round {i}: {r['other']:,} answers other than 200")
        p = r.get("prepared") or {}
        if "distinct" not in p or "lines" not in p:
            problems.append(f"round {i}: what was sent is not recorded")
        elif (r["recorded"], r["duplicate"]) != (p["distinct"], p["lines"] - p["distinct"]):
            problems.append(f"round {i}: answered {r['recorded']:,} recorded and {r['duplicate']:,} duplicate "
                            f"for {p['distinct']:,} payments and {p['lines'] - p['distinct']:,} repeats")
        c = r.get("check")
        if c is None:
            problems.append(f"round {i}: no check after it")
        elif not c["ok"]:
            problems += [f"round {i}: {x}" for x in c["problems"]]
    target = WEBHOOKS_TARGET_RPS.get(meta["db"], 0)
    med = statistics.median(rates) if rates else 0.0
    return {
        "rate_med": med,
        "rate_min": min(rates) if rates else 0.0,
        "rate_max": max(rates) if rates else 0.0,
        "target": target,
        "met": bool(rates) and med >= target and not problems,
        "problems": problems,
    }


def burst_summary(meta):
    """Median applications/s over the complete rounds, and what went wrong."""
    b = meta.get("burst")
    if not b:
        return None
    rounds = b.get("rounds", [])
    done = [r for r in rounds if r["complete"]]
    rates = [r["rate"] for r in done]
    problems = []
    if len(done) < len(rounds) or not rounds:
        problems.append(f"{len(rounds) - len(done)} of {len(rounds)} round(s) not answered in full")
    unexpected = sum(r["conflict"] + r["other"] for r in rounds)
    if unexpected:
        problems.append(f"{unexpected:,} answers other than 201")
    check = b.get("check")
    if check is None:
        problems.append("no database check")
    elif not check["ok"]:
        problems += check["problems"]
    target = BURST_TARGET_RPS.get(meta["db"], 0)
    med = statistics.median(rates) if rates else 0.0
    return {
        "rate_med": med,
        "rate_min": min(rates) if rates else 0.0,
        "rate_max": max(rates) if rates else 0.0,
        "target": target,
        "met": bool(rates) and med >= target and not problems,
        "problems": problems,
    }


def db_section(meta, connections):
    res = meta["results"]
    ceiling = res.get("ceiling")
    lines = [
        f"## {meta['db_label']}",
        "",
        "| endpoint | req/s median (min–max) | p50 ms median | p99 ms median (min–max) | ratio to ceiling | target | met? |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for key, _path, label, target in ENDPOINTS:
        s = res.get(key)
        if not s:
            lines.append(f"| {label} | not measured | | | | | |")
            continue
        ratio = (
            f"{s['rps_med'] / ceiling['rps_med']:.2f}"
            if ceiling and ceiling["rps_med"] > 0
            else "–"
        )
        if key == "event" and meta.get("event_id"):
            label += f" (`{meta['event_id']}`)"
        if target:
            conns = target.get("connections", connections)
            parts = []
            if target["rps"]:
                parts.append(f"≥ {target['rps']:,} req/s")
            if target["p99_ms"] is not None:
                parts.append(f"p99 < {target['p99_ms']} ms")
            tgt = f"{' and '.join(parts)} at {conns} connections"
            problems = []
            if s["rps_med"] < target["rps"]:
                problems.append("req/s")
            if target["p99_ms"] is not None and s["p99_med"] >= target["p99_ms"]:
                problems.append("p99")
            if s["non2xx"]:
                problems.append(f"{s['non2xx']:,} non-2xx")
            if s["empty_runs"]:
                problems.append(f"{s['empty_runs']} run(s) completed no request")
            met = "yes" if not problems else f"**no** ({', '.join(problems)})"
        else:
            tgt = "none (upper bound)"
            broken = []
            if s["non2xx"]:
                broken.append(f"{s['non2xx']:,} non-2xx")
            if s["empty_runs"]:
                broken.append(f"{s['empty_runs']} run(s) completed no request")
            met = "–" if not broken else f"**{', '.join(broken)}**"
        if s["socket_errors"]:
            met += f"; {s['socket_errors']:,} socket errors"
        lines.append(
            f"| {label} | {fmt_num(s['rps_med'])} ({fmt_num(s['rps_min'])}–{fmt_num(s['rps_max'])}) "
            f"| {s['p50_med']:.2f} | {s['p99_med']:.2f} ({s['p99_min']:.2f}–{s['p99_max']:.2f}) "
            f"| {ratio} | {tgt} | {met} |"
        )
    startup_ok, hwm_ok = startup_met(meta), hwm_met(meta)
    lines += [
        "",
        f"- dataset: {fmt_dataset(meta)}",
        f"- dataset load time (`erikti demo-data --scale {meta.get('scale', 'small')}`): {fmt_load(meta)}",
        f"- start-up time (spawn → first 200 on `/readyz`): {meta['startup_ms']} ms; "
        f"target < {STARTUP_TARGET_MS:,} ms: {fmt_met(startup_ok)}",
        f"- resident memory after start-up (VmRSS): {fmt_kib(meta.get('rss_start_kb'))}",
        f"- peak resident memory after the load (VmHWM): {fmt_kib(meta.get('hwm_kb'))}; "
        f"target < {HWM_TARGET_MIB} MiB: {fmt_met(hwm_ok)}",
        f"- shutdown on SIGTERM: {meta.get('stop', 'not recorded')}",
        "",
    ]
    lines += burst_section(meta)
    return lines


def burst_section(meta):
    b = meta.get("burst")
    if not b:
        return []
    summ = burst_summary(meta)
    lines = [
        f"### Burst of applications (first come, {meta['db_label']})",
        "",
        f"{b['volunteers']:,} applications per round, `POST /api/v1/shifts/{{id}}/applications` with a bearer "
        f"token each, over {b['shifts']:,} shifts of {b['capacity']} places ({b['volunteers'] // max(b['shifts'], 1)} "
        f"volunteers per shift, a shift's volunteers one after another: {b['shifts'] * b['capacity']:,} places "
        f"for {b['volunteers']:,} applications); `wrk -t{b['threads']} -c{b['connections']}` with "
        "`bench/burst.lua`, every application sent once; applications/s = applications / (first request → "
        "last answer). Each round applies to its own shifts"
        + (" on a copy of the dataset." if b.get("copy") else "."),
        "",
        "| round | applications | wall time s | applications/s | accepted | waitlisted | other answers | p50 ms | p99 ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for i, r in enumerate(b.get("rounds", []), 1):
        lat = lambda v: "–" if v is None else f"{v:.2f}"  # noqa: E731
        lines.append(
            f"| {i} | {r['answered']:,} of {r['requests']:,} | {r['wall_us'] / 1e6:.2f} | {fmt_num(r['rate'])} "
            f"| {r['accepted']:,} | {r['waitlisted']:,} | {r['conflict'] + r['other']:,} | {lat(r['p50_ms'])} "
            f"| {lat(r['p99_ms'])} |"
        )
    verdict = "met" if summ["met"] else "**not met**"
    lines += [
        "",
        f"- applications/s, median of {len(b.get('rounds', []))} round(s): **{fmt_num(summ['rate_med'])}** "
        f"({fmt_num(summ['rate_min'])}–{fmt_num(summ['rate_max'])}); target ≥ {summ['target']:,}/s with zero "
        f"overbooking: {verdict}" + (f" ({'; '.join(summ['problems'])})" if summ["problems"] else ""),
    ]
    check = b.get("check")
    if check:
        lines.append(f"- database check after the burst ({check['seconds']} s): {fmt_check(check)}")
    for r in b.get("rounds", []):
        for u in r.get("unexpected", [])[:3]:
            lines.append(f"- unexpected answer: `{u}`")
    if b.get("prepare_s") is not None:
        lines.append(
            f"- set-up (`erikti bench-burst-prepare`, not timed in the rate): {b['volunteers']:,} volunteers with API "
            f"tokens, {b['shifts'] * len(b.get('rounds', [])) or b['shifts']:,} shifts in {b['prepare_s']:.1f} s"
        )
    lines.append("")
    return lines


def book_target_text(target, conns):
    parts = []
    if target.get("p50_ms") is not None:
        parts.append(f"median < {target['p50_ms']} ms")
    if target.get("rps"):
        parts.append(f"≥ {target['rps']:,} req/s")
    return f"{' and '.join(parts)} at {conns} connection{'s' if conns != 1 else ''}"


def book_met(s, target):
    """'yes' or '**no** (why)' for one endpoint of the book section; None without a target."""
    problems = []
    if target is not None:
        if target.get("p50_ms") is not None and s["p50_med"] >= target["p50_ms"]:
            problems.append("median")
        if target.get("rps") and s["rps_med"] < target["rps"]:
            problems.append("req/s")
    if s["non2xx"]:
        problems.append(f"{s['non2xx']:,} non-2xx")
    if s["empty_runs"]:
        problems.append(f"{s['empty_runs']} run(s) completed no request")
    if not problems:
        return "yes" if target is not None else "–"
    return f"**no** ({', '.join(problems)})"


def ledger_summary(book):
    """Median wall time of `erikti ledger verify` and whether it met its target."""
    runs = [r for r in book.get("ledger_verify", []) if r.get("wall_s") is not None]
    if not runs:
        return None
    walls = [r["wall_s"] for r in runs]
    entries = max((r["entries"] or 0) for r in runs)
    intact = all(r["rc"] == 0 and r["broken"] == 0 and r["verdict"] == "all intact" for r in runs)
    med = statistics.median(walls)
    return {
        "wall_med": med,
        "wall_min": min(walls),
        "wall_max": max(walls),
        "entries": entries,
        "chains": max((r["chains"] or 0) for r in runs),
        "intact": intact,
        "at_scale": entries >= LEDGER_TARGET_ENTRIES,
        "met": intact and med < LEDGER_VERIFY_TARGET_S,
    }


def book_section(meta, a):
    """The volunteer book's section of one database, between markers (see the module doc)."""
    b = meta.get("book")
    if not b:
        return []
    db = meta["db"]
    res = b.get("results", {})
    names = {"entries": f"{b['entries']:,}", "code": b["code"], "connections": a.connections}
    lines = [
        f"<!-- book:{db} -->",
        f"### Volunteer book ({meta['db_label']})",
        "",
        f"Measured {a.date}, commit `{a.commit}`, with `{a.command}` on {a.nproc} CPUs ({a.cpu}), "
        f"{int(a.mem_kb) / 1048576:.1f} GiB RAM, shared with other work (builds), so the figures are noisy; "
        "the baselines below were measured in the same run on the same server.",
        "",
        f"The volunteer `book@bench.erikti.kz` with {b['entries']:,} confirmed hours entries in her ledger chain "
        f"and a certificate of them (`{b['code']}`), signed in with an API token (`Authorization: Bearer`, "
        "which the pages take too). Her book and the PDF: `wrk -t1 -c1` (one request at a time: the median is "
        f"the server's time for one request, on loopback); the public check: `wrk -t{a.threads} -c{a.connections}`; "
        f"{a.runs} run(s) of {a.duration} s each"
        + (f" after a {a.warmup} s warm-up" if a.warmup and a.warmup != "0" else "") + ".",
        "",
        "| endpoint | connections | req/s median (min–max) | p50 ms median (min–max) | p99 ms median (min–max) "
        "| target | met? |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for key, _path, label, target in BOOK_ENDPOINTS:
        s = res.get(key)
        label = label.format(**names)
        conns = 1 if key in ("book_ceiling1", "book_page", "book_api", "book_pdf") else a.connections
        if not s:
            lines.append(f"| {label} | {conns} | not measured | | | | |")
            continue
        p50s = s.get("p50_all") or [s["p50_med"]]
        lines.append(
            f"| {label} | {conns} | {fmt_num(s['rps_med'])} ({fmt_num(s['rps_min'])}–{fmt_num(s['rps_max'])}) "
            f"| {s['p50_med']:.2f} ({min(p50s):.2f}–{max(p50s):.2f}) "
            f"| {s['p99_med']:.2f} ({s['p99_min']:.2f}–{s['p99_max']:.2f}) "
            f"| {book_target_text(target, conns) if target else 'none (baseline)'} | {book_met(s, target)} |"
        )
    base1, base = res.get("book_ceiling1"), res.get("book_ceiling")
    lines.append("")
    if base1 and res.get("book_page"):
        lines.append(
            f"- her book page takes {res['book_page']['p50_med'] - base1['p50_med']:.2f} ms more than `/healthz` "
            f"at one connection (median {res['book_page']['p50_med']:.2f} against {base1['p50_med']:.2f} ms)"
            + (f"; the API {res['book_api']['p50_med'] - base1['p50_med']:.2f} ms more" if res.get("book_api") else "")
            + (f"; the PDF {res['book_pdf']['p50_med'] - base1['p50_med']:.2f} ms more" if res.get("book_pdf") else "")
        )
    if base and base["rps_med"] > 0:
        parts = [f"{lbl} {res[k]['rps_med'] / base['rps_med']:.2f}" for k, lbl in
                 (("verify_api", "API"), ("verify_page", "page")) if res.get(k)]
        if parts:
            lines.append(f"- the public check against the `/healthz` baseline at {a.connections} connections "
                         f"(ratio of req/s): {', '.join(parts)}")
    ls = ledger_summary(b)
    if ls:
        if ls["at_scale"]:
            verdict = "met" if ls["met"] else "**not met**"
        else:
            verdict = (f"not applicable at this scale ({ls['entries']:,} entries; the target is for "
                       f"{LEDGER_TARGET_ENTRIES:,})") if ls["intact"] else "**failed**"
        secs = lambda x: f"{x:.1f}" if x >= 1 else f"{x:.2f}"  # noqa: E731
        walls = ", ".join(secs(r["wall_s"]) for r in b.get("ledger_verify", []) if r.get("wall_s") is not None)
        lines.append(
            f"- `erikti ledger verify` with the server stopped, over {ls['chains']:,} chains and {ls['entries']:,} "
            f"entries: median wall time **{secs(ls['wall_med'])} s** (runs: {walls} s); "
            f"{'all intact' if ls['intact'] else '**broken chains or a failure**'}; "
            f"target < {LEDGER_VERIFY_TARGET_S} s for {LEDGER_TARGET_ENTRIES:,} entries: {verdict}"
        )
    logs = b.get("log_bench") or []
    if logs:
        med = lambda k: statistics.median([r[k] for r in logs if k in r])  # noqa: E731
        runs = lambda k, f: ", ".join(f.format(r[k]) for r in logs if k in r)  # noqa: E731
        leaves = max(r.get("leaves", 0) for r in logs)
        at_scale = leaves >= LEDGER_TARGET_ENTRIES
        met = lambda ok: ("met" if ok else "**not met**") if at_scale else "not applicable at this scale"  # noqa: E731
        lines.append(
            f"- the public log (`erikti bench-log`, the server stopped): built from scratch over {leaves:,} "
            f"entries in a median **{med('build_s'):.1f} s** (runs: {runs('build_s', '{:.1f}')} s; target "
            f"< {LOG_BUILD_TARGET_S} s for {LEDGER_TARGET_ENTRIES:,}: {met(med('build_s') < LOG_BUILD_TARGET_S)}); "
            f"a checkpoint after 1,000 new entries **{med('incremental_ms'):.1f} ms** (median of 5 rounds, runs: "
            f"{runs('incremental_ms', '{:.1f}')} ms; target < {LOG_INCREMENTAL_TARGET_MS} ms: "
            f"{'met' if med('incremental_ms') < LOG_INCREMENTAL_TARGET_MS else '**not met**'}); an inclusion proof "
            f"p50 **{med('proof_p50_ms'):.3f} ms**, p99 {med('proof_p99_ms'):.3f} ms (1,000 random leaves; target "
            f"< {LOG_PROOF_TARGET_MS} ms: {'met' if med('proof_p99_ms') < LOG_PROOF_TARGET_MS else '**not met**'})"
        )
    c = b.get("certificate")
    if c:
        lines.append(
            f"- the certificate `{c.get('code')}` checked once before the load: signature "
            f"{'valid' if c.get('signature_valid') else '**not valid**'}, "
            f"{'revoked' if c.get('revoked') else 'not revoked'}, key `{c.get('key_id')}`, "
            f"{(c.get('total_minutes') or 0) / 60:,.0f} hours up to ledger entry {c.get('ledger_seq')}, "
            f"its records {'in the public log at checkpoint ' + str(c.get('log_checkpoint')) if c.get('log_status') == 'recorded' else c.get('log_status')}"
        )
    lines.append(f"- dataset: {fmt_dataset(meta)}; load: {fmt_load(meta)}")
    lines.append(
        f"- set-up (`erikti bench-book-prepare --entries {b.get('asked_entries', b['entries'])}`, not timed in "
        f"the figures): {b['prepare_s']:.1f} s"
    )
    lines += [f"<!-- /book:{db} -->", ""]
    return lines


def charity_section(meta, a):
    """The charity's section of one database, between markers (see the module doc)."""
    ch = meta.get("charity")
    if not ch:
        return []
    db = meta["db"]
    res = ch.get("results", {})
    names = {"org": ch["organization"], "collection": ch["collection"], "connections": a.connections,
             "donations": f"{ch.get('collection_donations', 0):,}"}
    lines = [
        f"<!-- charity:{db} -->",
        f"### Charity ({meta['db_label']})",
        "",
        f"Measured {a.date}, commit `{a.commit}`, with `{a.command}` on {a.nproc} CPUs ({a.cpu}), "
        f"{int(a.mem_kb) / 1048576:.1f} GiB RAM, shared with other work (builds), so the figures are noisy; "
        "the baselines below were measured in the same run on the same server.",
        "",
        f"The dataset's active collection with the most donations (`{ch['collection']}`, "
        f"{ch.get('collection_donations', 0):,} donations) and its organization's annual charity report for "
        "this year, anonymous. The report, page and API: `wrk -t1 -c1` (one request at a time: the median is the "
        f"server's time for one request, on loopback); the collection's page: `wrk -t{a.threads} -c{a.connections}`; "
        f"{a.runs} run(s) of {a.duration} s each"
        + (f" after a {a.warmup} s warm-up" if a.warmup and a.warmup != "0" else "") + ".",
        "",
        "| endpoint | connections | req/s median (min–max) | p50 ms median (min–max) | p99 ms median (min–max) "
        "| target | met? |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for key, _path, label, target in CHARITY_ENDPOINTS:
        s = res.get(key)
        label = label.format(**names)
        conns = 1 if key in CHARITY_ONE_CONNECTION else a.connections
        if not s:
            lines.append(f"| {label} | {conns} | not measured | | | | |")
            continue
        p50s = s.get("p50_all") or [s["p50_med"]]
        lines.append(
            f"| {label} | {conns} | {fmt_num(s['rps_med'])} ({fmt_num(s['rps_min'])}–{fmt_num(s['rps_max'])}) "
            f"| {s['p50_med']:.2f} ({min(p50s):.2f}–{max(p50s):.2f}) "
            f"| {s['p99_med']:.2f} ({s['p99_min']:.2f}–{s['p99_max']:.2f}) "
            f"| {book_target_text(target, conns) if target else 'none (baseline)'} | {book_met(s, target)} |"
        )
    base1, base = res.get("charity_ceiling1"), res.get("charity_ceiling")
    lines.append("")
    if base1 and res.get("report_page"):
        lines.append(
            f"- the annual report page takes {res['report_page']['p50_med'] - base1['p50_med']:.2f} ms more than "
            f"`/healthz` at one connection (median {res['report_page']['p50_med']:.2f} against "
            f"{base1['p50_med']:.2f} ms)"
            + (f"; the API {res['report_api']['p50_med'] - base1['p50_med']:.2f} ms more" if res.get("report_api")
               else "")
        )
    if base and base["rps_med"] > 0 and res.get("collection_page"):
        lines.append(f"- the collection's page against the `/healthz` baseline at {a.connections} connections "
                     f"(ratio of req/s): {res['collection_page']['rps_med'] / base['rps_med']:.2f}")
    lines.append(f"- dataset: {fmt_dataset(meta)}; load: {fmt_load(meta)}")
    w = ch.get("webhooks")
    if w:
        summ = webhooks_summary(meta)
        rounds = w.get("rounds", [])
        lines += [
            "",
            f"Payment notifications: {w['count']:,} per round, `POST /api/v1/payments/{w['provider']}/notify` in the "
            "generic format (`payment.succeeded`, `X-Erikti-Signature: sha256=HMAC`), made by "
            f"`erikti bench-webhooks-prepare --count {w['count']} --duplicates {w['duplicates']}`: "
            f"{round(w['duplicates'] * 100):g} % of them exact repeats of a payment's notification, shuffled; "
            f"`wrk -t{w['threads']} -c{w['connections']}` with `bench/webhooks.lua`, every line sent once; "
            "notifications/s = notifications / (first request → last answer). Each round goes to its own new "
            "active collection of a new verified organization"
            + (" on a copy of the dataset." if w.get("copy") else "."),
            "",
            "| round | notifications | wall time s | notifications/s | recorded | duplicate | other answers "
            "| p50 ms | p99 ms | donations in the database (of payments) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        lat = lambda v: "–" if v is None else f"{v:.2f}"  # noqa: E731
        for i, r in enumerate(rounds, 1):
            p, c = r.get("prepared") or {}, r.get("check")
            held = (f"{c['donations']['rows']:,} of {p.get('distinct', 0):,}" + ("" if c["ok"] else " (**failed**)")
                    if c else "not checked")
            lines.append(
                f"| {i} | {r['answered']:,} of {r['requests']:,} | {r['wall_us'] / 1e6:.2f} | {fmt_num(r['rate'])} "
                f"| {r['recorded']:,} | {r['duplicate']:,} | {r['other']:,} | {lat(r['p50_ms'])} "
                f"| {lat(r['p99_ms'])} | {held} |"
            )
        verdict = "met" if summ["met"] else "**not met**"
        lines += [
            "",
            f"- notifications/s, median of {len(rounds)} round(s): **{fmt_num(summ['rate_med'])}** "
            f"({fmt_num(summ['rate_min'])}–{fmt_num(summ['rate_max'])}); target ≥ {summ['target']:,}/s with every "
            f"donation recorded exactly once: {verdict}"
            + (f" ({'; '.join(summ['problems'])})" if summ["problems"] else ""),
        ]
        for i, r in enumerate(rounds, 1):
            if r.get("check"):
                lines.append(f"- check after round {i} ({r['check']['seconds']} s): {fmt_webhooks_check(r['check'])}")
            for u in r.get("unexpected", [])[:3]:
                lines.append(f"- unexpected answer: `{u}`")
        if w.get("prepare_s") is not None:
            lines.append(
                f"- set-up (`erikti bench-webhooks-prepare`, {len(rounds) or 1} time(s), not timed in the rate): "
                f"{w['prepare_s']:.1f} s"
            )
    lines += [f"<!-- /charity:{db} -->", ""]
    return lines


def merge_sections(text, metas, a):
    """The existing report with each measured database's book and charity sections replaced
    (or added)."""
    idx = text.find("\n" + HISTORY_HEADING)
    head = text if idx < 0 else text[: idx + 1]
    for m in metas:
        for name, section in (("book", book_section), ("charity", charity_section)):
            head = merge_section(head, m, name, "\n".join(section(m, a)))
    return head.rstrip("\n") + "\n\n"


def merge_section(head, m, name, block):
    """HEAD with the section NAME of the database of M replaced by BLOCK (between its
    markers), or BLOCK added at the end of the database's part; HEAD as it is without BLOCK."""
    if not block:
        return head
    db = m["db"]
    start, end = f"<!-- {name}:{db} -->", f"<!-- /{name}:{db} -->"
    i, j = head.find(start), head.find(end)
    if i >= 0 and j > i:
        return head[:i] + block.rstrip("\n") + head[j + len(end):]
    title = "## SQLite" if db == "sqlite" else "## PostgreSQL"
    hm = re.search(rf"^{re.escape(title)}.*$", head, re.M)
    if hm:
        nxt = re.search(r"^## ", head[hm.end():], re.M)
        at = hm.end() + nxt.start() if nxt else len(head)
        return head[:at].rstrip("\n") + "\n\n" + block + "\n" + head[at:]
    return head.rstrip("\n") + f"\n\n## {m['db_label']}\n\n" + block + "\n"


def hwm_mib(meta):
    kb = meta.get("hwm_kb")
    if kb in (None, "", "unknown"):
        return None
    return int(kb) / 1024


def startup_met(meta):
    return meta["startup_ms"] < STARTUP_TARGET_MS


def hwm_met(meta):
    mib = hwm_mib(meta)
    return None if mib is None else mib < HWM_TARGET_MIB


def fmt_met(ok):
    if ok is None:
        return "unknown"
    return "met" if ok else "**not met**"


def fmt_dataset(meta):
    st = meta.get("stats")
    if not st:
        return "not recorded"
    out = (
        f"{st['volunteers']:,} volunteers, {st['organizations']:,} organizations, "
        f"{st['confirmed_hours']:,} confirmed hours (from `/api/v1/stats`)"
    )
    c = meta.get("db_counts")
    if c:
        out += f"; {c['events']:,} events, {c['shifts']:,} shifts, {c['applications']:,} applications"
        if "collections" in c:
            out += f", {c['collections']:,} collections, {c['donations']:,} donations"
        out += " (in the database)"
    return out


def fmt_load(meta):
    secs = meta.get("demo_data_s")
    if meta.get("dataset_reused"):
        notes = [meta["dataset"]] if meta.get("dataset") else []
        if secs is not None:
            notes.append(f"`erikti demo-data` was a no-op, {secs:.1f} s")
        return "reused" + (f" ({'; '.join(notes)})" if notes else "")
    if secs is None:
        return "not recorded"
    return f"{secs:.1f} s"


def fmt_kib(kb):
    if kb in (None, "", "unknown"):
        return "unknown"
    kb = int(kb)
    return f"{kb / 1024:.1f} MiB ({kb:,} kB)"


def read_history(path):
    rows = []
    try:
        with open(path) as f:
            text = f.read()
    except FileNotFoundError:
        return rows
    idx = text.find("\n" + HISTORY_HEADING)
    if idx < 0 and text.startswith(HISTORY_HEADING):
        idx = 0
    if idx < 0:
        return rows
    for line in text[idx:].splitlines()[1:]:
        s = line.strip()
        if not s.startswith("|") or s in HISTORY_HEADER:
            continue
        if re.fullmatch(r"\|[\s|:-]*\|", s):  # any separator row
            continue
        if s.startswith("| date"):
            continue
        rows.append(upgrade_history_row(s))
    return rows


def upgrade_history_row(row):
    """An old-format row (no scale column) -> the current columns: scale 'small', empty
    start-up and peak RSS; a row from before later columns existed gets them empty. Rows
    already in the current format, or in a shape this does not know, are kept as they are."""
    cells = [c.strip() for c in row.strip()[1:-1].split("|")]
    if len(cells) == OLD_HISTORY_CELLS:
        cells = cells[:3] + ["small"] + cells[3:] + ["", ""]
    if PRE_EVENTS_HISTORY_CELLS <= len(cells) < HISTORY_CELLS:
        cells += [""] * (HISTORY_CELLS - len(cells))
    else:
        return row
    return "| " + " | ".join(cells) + " |"


def book_history_cells(m):
    """The book's History cells: book page p50, PDF p50, verify API req/s, ledger verify s."""
    b = m.get("book")
    if not b:
        return "– | – | – | –"
    r = b.get("results", {})
    p50 = lambda k: f"{r[k]['p50_med']:.2f}" if r.get(k) else "–"  # noqa: E731
    ls = ledger_summary(b)
    led = "–" if not ls else f"{ls['wall_med']:.2f}" + ("" if ls["intact"] else " (broken)")
    return (f"{p50('book_page')} | {p50('book_pdf')} | "
            f"{fmt_num(r['verify_api']['rps_med']) if r.get('verify_api') else '–'} | {led}")


def charity_history_cells(m):
    """The charity's History cells: collection page req/s, annual report page p50,
    notifications/s."""
    ch = m.get("charity")
    if not ch:
        return "– | – | –"
    r = ch.get("results", {})
    page = fmt_num(r["collection_page"]["rps_med"]) if r.get("collection_page") else "–"
    report = f"{r['report_page']['p50_med']:.2f}" if r.get("report_page") else "–"
    ws = webhooks_summary(m)
    rate = "–" if not ws else fmt_num(ws["rate_med"]) + ("" if not ws["problems"] else " (failed)")
    return f"{page} | {report} | {rate}"


def print_endpoints(db, section, endpoints, width):
    """Prints a section's endpoints (median req/s, p50, p99, the target's verdict); 1 when
    one of them answered other than 2xx/3xx or completed no request, else 0."""
    bad = 0
    for key, _p, _label, target in endpoints:
        s = section["results"].get(key)
        if not s:
            continue
        verdict = book_met(s, target)
        verdict = "" if verdict == "–" else ("target met" if verdict == "yes" else "target NOT met")
        print(
            f"  {db:<8} {key:<{width}} {s['rps_med']:>10,.0f} req/s  p50 {s['p50_med']:7.2f} ms  "
            f"p99 {s['p99_med']:7.2f} ms  {verdict}"
        )
        if s["non2xx"] or s["empty_runs"]:
            print(f"  {db}: {s['non2xx']} non-2xx answers, {s['empty_runs']} empty run(s) on {key}",
                  file=sys.stderr)
            bad = 1
    return bad


def write_report(a):
    metas = [load_db_dir(d) for d in a.dirs]
    history = read_history(a.out)
    full = "http" in a.only.split(",")
    for m in metas:
        r = m["results"]
        g = lambda k, f: fmt_num(r[k][f]) if r.get(k) else "–"  # noqa: E731
        p99 = f"{r['home']['p99_med']:.2f}" if r.get("home") else "–"
        mib = hwm_mib(m)
        sp99 = f"{r['events']['p99_med']:.2f}" if r.get("events") else "–"
        bs = burst_summary(m)
        apps = "–" if not bs else fmt_num(bs["rate_med"]) + ("" if not bs["problems"] else " (failed)")
        history.append(
            f"| {a.date} | {a.commit} | {m['db']}{' (smoke)' if a.smoke else ''} | {m.get('scale', a.scale)} "
            f"| {g('home', 'rps_med')} | {p99} | {g('regions', 'rps_med')} | {g('ceiling', 'rps_med')} "
            f"| {m['startup_ms']} | {'–' if mib is None else f'{mib:.1f}'} "
            f"| {g('events', 'rps_med')} | {sp99} | {g('event', 'rps_med')} | {apps} "
            f"| {book_history_cells(m)} | {charity_history_cells(m)} |"
        )

    lines = [
        "# erikti load benchmark" + (" (smoke)" if a.smoke else ""),
        "",
        f"- date: {a.date}",
        f"- scale: `{a.scale}` ({SCALE_DESCRIPTION.get(a.scale, a.scale)})",
        f"- commit: `{a.commit}`",
        f"- machine: {a.nproc} CPUs ({a.cpu}), {int(a.mem_kb) / 1048576:.1f} GiB RAM (MemTotal {int(a.mem_kb):,} kB)",
        f"- load: `wrk -t{a.threads} -c{a.connections} -d{a.duration}s --latency`, {a.runs} run(s) per endpoint"
        + (f" after a {a.warmup} s warm-up" if a.warmup and a.warmup != "0" else "")
        + "; wrk and the server share the machine, on loopback",
        "- binary: `target/release/erikti serve` (release profile), demo data loaded with "
        f"`erikti demo-data --scale {a.scale}`",
        f"- command: `{a.command}`",
        "- targets: home page and `/api/v1/regions` ≥ 5,000 req/s with p99 < 20 ms at 64 connections; "
        "the event search `/events` ≥ 2,000 req/s with p99 < 50 ms, one event's page ≥ 5,000 req/s; "
        "a burst of first-come applications with zero overbooking at ≥ 1,000 applications/s on PostgreSQL "
        "and ≥ 300/s on SQLite; "
        "the ceiling (`/healthz`) has none and shows what the HTTP stack alone does here; "
        f"start-up < {STARTUP_TARGET_MS:,} ms and peak RSS (VmHWM) < {HWM_TARGET_MIB} MiB; "
        "the volunteer book: a book of 2,000 entries rendered in < 10 ms (median at one connection, page "
        "and API), a certificate PDF in < 100 ms, the public check of a certificate ≥ 5,000 req/s (API and "
        f"page), `erikti ledger verify` over {LEDGER_TARGET_ENTRIES:,} entries in < {LEDGER_VERIFY_TARGET_S} s; "
        "charity: a collection's public page ≥ 5,000 req/s at 64 connections, an organization's annual report "
        "(page and API) in < 100 ms (median at one connection), a burst of 10,000 signed payment notifications "
        "with 10 % repeats at ≥ 1,000/s on PostgreSQL and ≥ 300/s on SQLite with every donation recorded "
        "exactly once",
        "",
        "Produced by `bench/run`; the raw wrk outputs are in `bench/out/`.",
        "",
    ]
    for m in metas:
        lines += db_section(m, a.connections)
        lines += book_section(m, a)
        lines += charity_section(m, a)
    if not full and os.path.exists(a.out):
        # Only the book or the charity was measured: the rest of the report stays as it was.
        with open(a.out) as f:
            existing = f.read()
        lines = [merge_sections(existing, metas, a).rstrip("\n"), ""]
    lines += [HISTORY_HEADING, "", *HISTORY_HEADER, *history, ""]
    tmp = a.out + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(tmp, "w") as f:
        f.write("\n".join(lines))
    os.replace(tmp, a.out)

    # Summary on stdout, and the exit status: non-2xx answers under load are a failure.
    bad = 0
    for m in metas:
        st = m.get("stats") or {}
        secs = m.get("demo_data_s")
        load = (
            "reused"
            if m.get("dataset_reused")
            else (f"loaded in {secs:.1f} s" if secs is not None else "load time not recorded")
        )
        print(
            f"  {m['db']:<8} dataset  {m.get('scale', a.scale)}: {st.get('volunteers', 0):,} volunteers, "
            f"{st.get('organizations', 0):,} organizations, {st.get('confirmed_hours', 0):,} confirmed hours; {load}"
        )
        mib = hwm_mib(m)
        print(
            f"  {m['db']:<8} server   start-up {m['startup_ms']:,} ms (target < {STARTUP_TARGET_MS:,} ms "
            f"{'met' if startup_met(m) else 'NOT met'})  peak RSS "
            + ("unknown" if mib is None else f"{mib:.1f} MiB (target < {HWM_TARGET_MIB} MiB {'met' if hwm_met(m) else 'NOT met'})")
        )
        for key, _p, label, target in ENDPOINTS:
            s = m["results"].get(key)
            if not s:
                continue
            verdict = ""
            if target:
                ok = (target.get("rps") is None or s["rps_med"] >= target["rps"]) and (
                    target.get("p99_ms") is None or s["p99_med"] < target["p99_ms"]
                )
                verdict = "target met" if ok else "target NOT met"
            print(
                f"  {m['db']:<8} {key:<8} {s['rps_med']:>10,.0f} req/s  p50 {s['p50_med']:7.2f} ms  "
                f"p99 {s['p99_med']:7.2f} ms  {verdict}"
            )
            if s["non2xx"]:
                print(f"  {m['db']}: {s['non2xx']} non-2xx/3xx answers on {key}", file=sys.stderr)
                bad = 1
            if s["empty_runs"]:
                print(f"  {m['db']}: {s['empty_runs']} wrk run(s) on {key} completed no request", file=sys.stderr)
                bad = 1
        b = m.get("book")
        if b:
            bad |= print_endpoints(m["db"], b, BOOK_ENDPOINTS, 13)
            ls = ledger_summary(b)
            if ls:
                print(
                    f"  {m['db']:<8} ledger verify  {ls['wall_med']:.1f} s over {ls['entries']:,} entries "
                    f"({'all intact' if ls['intact'] else 'BROKEN or failed'}; target < {LEDGER_VERIFY_TARGET_S} s "
                    f"for {LEDGER_TARGET_ENTRIES:,}"
                    + (f": {'met' if ls['met'] else 'NOT met'})" if ls["at_scale"] else ")")
                )
                if not ls["intact"]:
                    bad = 1
        bs = burst_summary(m)
        if bs:
            print(
                f"  {m['db']:<8} burst    {bs['rate_med']:>10,.0f} applications/s (target >= {bs['target']:,}/s, "
                f"zero overbooking) {'target met' if bs['met'] else 'target NOT met'}"
            )
            if bs["problems"]:
                print(f"  {m['db']}: burst: {'; '.join(bs['problems'])}", file=sys.stderr)
                bad = 1
        ch = m.get("charity")
        if ch:
            bad |= print_endpoints(m["db"], ch, CHARITY_ENDPOINTS, 16)
        ws = webhooks_summary(m)
        if ws:
            print(
                f"  {m['db']:<8} webhooks {ws['rate_med']:>10,.0f} notifications/s (target >= {ws['target']:,}/s, "
                f"every donation exactly once) {'target met' if ws['met'] else 'target NOT met'}"
            )
            if ws["problems"]:
                print(f"  {m['db']}: payment notifications: {'; '.join(ws['problems'])}", file=sys.stderr)
                bad = 1
    return bad


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("free-port")
    w = sub.add_parser("wait-ready")
    w.add_argument("url")
    w.add_argument("start_ns", type=int)
    w.add_argument("pid", type=int)
    w.add_argument("secs", type=float)
    s = sub.add_parser("status")
    s.add_argument("url")
    s.add_argument("header", nargs="?")
    sg = sub.add_parser("stats")
    sg.add_argument("url")
    pw = sub.add_parser("parse-wrk")
    pw.add_argument("files", nargs="+")
    dc = sub.add_parser("dataset-counts")
    dc.add_argument("url")
    pe = sub.add_parser("pick-event")
    pe.add_argument("url")
    pc = sub.add_parser("pick-collection")
    pc.add_argument("url")
    wc = sub.add_parser("webhooks-check")
    wc.add_argument("url")
    wc.add_argument("base")
    wc.add_argument("collection")
    wc.add_argument("distinct", type=int)
    wc.add_argument("total", type=int)
    wc.add_argument("provider")
    wc.add_argument("out")
    cc = sub.add_parser("check-certificate")
    cc.add_argument("url")
    bc = sub.add_parser("burst-check")
    bc.add_argument("url")
    bc.add_argument("event")
    bc.add_argument("out")
    wr = sub.add_parser("write")
    wr.add_argument("--out", required=True)
    wr.add_argument("--date", required=True)
    wr.add_argument("--commit", required=True)
    wr.add_argument("--nproc", required=True)
    wr.add_argument("--cpu", required=True)
    wr.add_argument("--mem-kb", required=True)
    wr.add_argument("--threads", required=True)
    wr.add_argument("--connections", required=True)
    wr.add_argument("--duration", required=True)
    wr.add_argument("--runs", required=True)
    wr.add_argument("--warmup", default="0")
    wr.add_argument("--scale", default="small")
    wr.add_argument("--smoke", action="store_true")
    wr.add_argument("--only", default="http,book,burst,charity")
    wr.add_argument("--command", default="bench/run")
    wr.add_argument("dirs", nargs="+")
    a = p.parse_args()

    if a.cmd == "free-port":
        print(free_port())
        return 0
    if a.cmd == "wait-ready":
        return wait_ready(a.url, a.start_ns, a.pid, a.secs)
    if a.cmd == "status":
        headers = {}
        if a.header:
            k, _, v = a.header.partition(":")
            headers[k.strip()] = v.strip()
        try:
            print(http_status(a.url, headers, timeout=5.0))
        except (OSError, urllib.error.URLError) as e:
            print(f"GET {a.url} failed: {getattr(e, 'reason', e)}", file=sys.stderr)
            return 1
        return 0
    if a.cmd == "stats":
        try:
            print(json.dumps(get_stats(a.url)))
        except ValueError as e:
            print(e, file=sys.stderr)
            return 1
        return 0
    if a.cmd == "check-certificate":
        ok, out = check_certificate(a.url)
        print(json.dumps(out))
        return 0 if ok else 1
    if a.cmd == "parse-wrk":
        rc = 0
        for f in a.files:
            try:
                with open(f) as fh:
                    print(json.dumps({"file": f, **parse_wrk(fh.read())}))
            except WrkParseError as e:
                print(f"{f}: {e}", file=sys.stderr)
                rc = 1
        return rc
    if a.cmd in ("dataset-counts", "pick-event", "pick-collection", "burst-check", "webhooks-check"):
        try:
            if a.cmd == "dataset-counts":
                print(json.dumps(dataset_counts(a.url)))
            elif a.cmd == "pick-event":
                ev = pick_event(a.url)
                if not ev:
                    print("no published event with a coming shift and at least 5 shifts", file=sys.stderr)
                    return 1
                print(ev)
            elif a.cmd == "pick-collection":
                c = pick_collection(a.url)
                if not c:
                    print("no active collection", file=sys.stderr)
                    return 1
                print(" ".join(c))
            elif a.cmd == "webhooks-check":
                return webhooks_check(a.url, a.base, a.collection, a.distinct, a.total, a.provider, a.out)
            else:
                return burst_check(a.url, a.event, a.out)
        except (RuntimeError, sqlite3.Error, OSError, ValueError, subprocess.TimeoutExpired) as e:
            print(f"bench/report.py {a.cmd}: {e}", file=sys.stderr)
            return 1
        return 0
    if a.cmd == "write":
        try:
            return write_report(a)
        except (WrkParseError, FileNotFoundError, KeyError, json.JSONDecodeError) as e:
            print(f"bench/report.py: cannot write the report: {e}", file=sys.stderr)
            return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
