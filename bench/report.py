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
"""

import argparse
import json
import os
import re
import socket
import statistics
import sys
import time
import urllib.error
import urllib.request

# Endpoints in report order: key -> (path, label, target or None).
SCALE_DESCRIPTION = {
    "small": "200 volunteers",
    "region": "20,000 volunteers",
    "national": "300,000 volunteers, 4,300 organizations, 5,000,000 hours entries",
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
]

# Targets for the server process (reported, not failures).
STARTUP_TARGET_MS = 2000  # spawn -> first 200 on /readyz
HWM_TARGET_MIB = 300  # peak resident memory (VmHWM) after the load

STATS_KEYS = ("volunteers", "organizations", "confirmed_hours")

HISTORY_HEADING = "## History"
HISTORY_HEADER = [
    "| date (UTC) | commit | db | scale | home req/s | home p99 ms | regions req/s | ceiling req/s "
    "| startup ms | peak RSS MiB |",
    "|---|---|---|---|---:|---:|---:|---:|---:|---:|",
]
# Rows written before the scale column existed: date, commit, db, home req/s, home p99 ms,
# regions req/s, ceiling req/s. They were all measured on the small dataset.
OLD_HISTORY_CELLS = 7

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


def get_stats(url, timeout=10.0):
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


def load_db_dir(d):
    """meta.json + wrk outputs named KEY-RUN.txt -> dict."""
    with open(os.path.join(d, "meta.json")) as f:
        meta = json.load(f)
    results = {}
    for key, *_ in ENDPOINTS:
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
        results[key] = summarise(runs)
    meta["results"] = results
    return meta


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
        if target:
            conns = target.get("connections", connections)
            tgt = (
                f"≥ {target['rps']:,} req/s and p99 < {target['p99_ms']} ms at {conns} connections"
                if target["rps"]
                else f"p99 < {target['p99_ms']} ms at {conns} connections"
            )
            problems = []
            if s["rps_med"] < target["rps"]:
                problems.append("req/s")
            if s["p99_med"] >= target["p99_ms"]:
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
    return lines


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
    return (
        f"{st['volunteers']:,} volunteers, {st['organizations']:,} organizations, "
        f"{st['confirmed_hours']:,} confirmed hours (from `/api/v1/stats`)"
    )


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
    start-up and peak RSS. Rows already in the current format, or in a shape this does not
    know, are kept as they are."""
    cells = [c.strip() for c in row.strip()[1:-1].split("|")]
    if len(cells) != OLD_HISTORY_CELLS:
        return row
    cells = cells[:3] + ["small"] + cells[3:] + ["", ""]
    return "| " + " | ".join(cells) + " |"


def write_report(a):
    metas = [load_db_dir(d) for d in a.dirs]
    history = read_history(a.out)
    for m in metas:
        r = m["results"]
        g = lambda k, f: fmt_num(r[k][f]) if r.get(k) else "–"  # noqa: E731
        p99 = f"{r['home']['p99_med']:.2f}" if r.get("home") else "–"
        mib = hwm_mib(m)
        history.append(
            f"| {a.date} | {a.commit} | {m['db']}{' (smoke)' if a.smoke else ''} | {m.get('scale', a.scale)} "
            f"| {g('home', 'rps_med')} | {p99} | {g('regions', 'rps_med')} | {g('ceiling', 'rps_med')} "
            f"| {m['startup_ms']} | {'–' if mib is None else f'{mib:.1f}'} |"
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
        "- targets: home page and `/api/v1/regions` ≥ 5,000 req/s with p99 < 20 ms at 64 connections; "
        "the ceiling (`/healthz`) has none and shows what the HTTP stack alone does here; "
        f"start-up < {STARTUP_TARGET_MS:,} ms and peak RSS (VmHWM) < {HWM_TARGET_MIB} MiB",
        "",
        "Produced by `bench/run`; the raw wrk outputs are in `bench/out/`.",
        "",
    ]
    for m in metas:
        lines += db_section(m, a.connections)
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
                ok = s["rps_med"] >= target["rps"] and s["p99_med"] < target["p99_ms"]
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
    if a.cmd == "write":
        try:
            return write_report(a)
        except (WrkParseError, FileNotFoundError, KeyError, json.JSONDecodeError) as e:
            print(f"bench/report.py: cannot write the report: {e}", file=sys.stderr)
            return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
