#!/usr/bin/env python3
"""Ranking benchmark of help requests: how long erikti takes to rank the top 20 volunteers
for a request, on the national dataset (300,000 volunteers over the 20 regions).

    python3 bench/help.py [--db sqlite|postgres|both] [--requests 40] [--rounds 5]
                          [--scale national] [--no-build] [--results bench/RESULTS.md]

Needs the kept dataset of `bench/run --scale SCALE --reuse` (SQLite bench/out/bench-SCALE.db,
PostgreSQL database erikti_bench_SCALE). Steps, per database:
  1. volunteers without a point get one (once; kept): around their region's centre, spread
     over the region (±1.5° latitude, ±2° longitude for an oblast, ±0.1° for the three
     cities), from a fixed seed, so that a request sees the volunteers within 30 km of it;
  2. `erikti serve` on a free port, a national admin (erikti admin create), a token;
  3. --requests help requests filed by the admin as an operator (home deliveries, points
     around the region centres, urgency and language varied) and approved;
  4. GET /api/v1/help-requests/{id}/candidates for every request, --rounds times (the first
     round warms up and is not counted), one at a time: latency per answer measured by the
     client on loopback (the server's whole work: the candidates query, ranking, names).
Targets: median < 20 ms, p99 < 50 ms. Writes the section "## Help requests: ranking" of
--results (replacing an older one; other sections untouched) and prints it.
"""

import argparse
import json
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
BIN = os.environ.get("ERIKTI_BENCH_BIN", os.path.join(ROOT, "target", "release", "erikti"))
PASSWORD = "bench-help-Password-2026"
ADMIN = "bench-help@erikti.test"


def log(*a):
    print("bench/help.py:", *a, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            raw = r.read()
            try:
                return r.status, (json.loads(raw) if raw else None)
            except ValueError:
                return r.status, raw.decode(errors="replace")
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw.decode(errors="replace")


CITY_SPREAD = (0.1, 0.1)
OBLAST_SPREAD = (1.5, 2.0)

POINTS_SQL = {
    # random() in SQLite is a 64-bit integer; in PostgreSQL a float in [0, 1).
    "sqlite": """UPDATE users SET
        home_lat = (SELECT r.lat FROM regions r WHERE r.code = users.region_code)
          + (CASE WHEN (SELECT r.kind FROM regions r WHERE r.code = users.region_code) = 'city' THEN 0.1 ELSE 1.5 END)
            * ((abs(random()) % 20001) - 10000) / 10000.0,
        home_lon = (SELECT r.lon FROM regions r WHERE r.code = users.region_code)
          + (CASE WHEN (SELECT r.kind FROM regions r WHERE r.code = users.region_code) = 'city' THEN 0.1 ELSE 2.0 END)
            * ((abs(random()) % 20001) - 10000) / 10000.0
        WHERE home_lat IS NULL AND region_code IS NOT NULL""",
    "postgres": """UPDATE users u SET
        home_lat = r.lat + (CASE WHEN r.kind = 'city' THEN 0.1 ELSE 1.5 END) * (random() * 2 - 1),
        home_lon = r.lon + (CASE WHEN r.kind = 'city' THEN 0.1 ELSE 2.0 END) * (random() * 2 - 1)
        FROM regions r WHERE r.code = u.region_code AND u.home_lat IS NULL""",
}


def give_points(db, url, dbname):
    t = time.monotonic()
    if db == "sqlite":
        path = url[len("sqlite://"):]
        con = sqlite3.connect(path, timeout=60)
        n = con.execute(POINTS_SQL["sqlite"]).rowcount
        con.commit()
        total = con.execute("SELECT COUNT(*) FROM users WHERE home_lat IS NOT NULL").fetchone()[0]
        con.close()
    else:
        out = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", dbname, "-Atc",
             "SELECT setseed(0.42); " + POINTS_SQL["postgres"] + ";"],
            check=True, capture_output=True, text=True)
        n = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else "?"
        total = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", dbname, "-Atc",
             "SELECT COUNT(*) FROM users WHERE home_lat IS NOT NULL"],
            check=True, capture_output=True, text=True).stdout.strip()
    log(f"[{db}] points given: {n}; volunteers with a point: {total} ({time.monotonic() - t:.1f} s)")
    return int(total)


def regions(url, db, dbname):
    q = "SELECT code, lat, lon, kind FROM regions ORDER BY code"
    if db == "sqlite":
        con = sqlite3.connect(url[len("sqlite://"):])
        rows = con.execute(q).fetchall()
        con.close()
        return rows
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", dbname, "-AtF", "\t", "-c", q],
                         check=True, capture_output=True, text=True).stdout
    return [(c, float(a), float(b), k) for c, a, b, k in (l.split("\t") for l in out.strip().splitlines())]


def pct(xs, p):
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1)))))
    return xs[k]


def run_db(db, args):
    dbname = f"erikti_bench_{args.scale}"
    url = (f"sqlite://{OUT}/bench-{args.scale}.db" if db == "sqlite"
           else f"postgres://postgres@127.0.0.1:5432/{dbname}")
    if db == "sqlite" and not os.path.exists(f"{OUT}/bench-{args.scale}.db"):
        raise SystemExit(f"no dataset {OUT}/bench-{args.scale}.db: run bench/run --db sqlite --scale {args.scale} --reuse first")
    if db == "postgres":
        exists = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-Atc",
                                 f"SELECT 1 FROM pg_database WHERE datname = '{dbname}'"],
                                capture_output=True, text=True).stdout.strip()
        if exists != "1":
            raise SystemExit(f"no database {dbname}: run bench/run --db postgres --scale {args.scale} --reuse first")
    env = dict(os.environ, ERIKTI_DATABASE_URL=url, ERIKTI_KEYS_DIR=os.path.join(OUT, "keys"))
    subprocess.run([BIN, "migrate"], env=env, check=True, capture_output=True)
    volunteers = give_points(db, url, dbname)
    r = subprocess.run([BIN, "admin", "create", "--email", ADMIN, "--role", "national_admin", "--password-stdin"],
                       env=env, input=PASSWORD + "\n", capture_output=True, text=True)
    if r.returncode != 0 and "exists" not in (r.stderr + r.stdout):
        log(r.stdout, r.stderr)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([BIN, "serve"], env=dict(env, ERIKTI_BIND=f"127.0.0.1:{port}", ERIKTI_LOG="warn"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                if call(base, "GET", "/readyz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        status, body = call(base, "POST", "/api/v1/auth/login", {"email": ADMIN, "password": PASSWORD})
        if status != 200:
            raise SystemExit(f"[{db}] login failed: {status} {body}")
        token = body["token"]
        rnd = random.Random(7)
        regs = regions(url, db, dbname)
        ids = []
        for i in range(args.requests):
            code, lat, lon, kind = regs[i % len(regs)]
            spread = CITY_SPREAD if kind == "city" else (0.5, 0.7)
            req = {
                "category": "elderly", "help_type": "delivery",
                "description": "Дәрі-дәрмек жеткізу (бенчмарк)", "region": code,
                "locality": "бенчмарк", "address": f"бенчмарк көшесі, {i}",
                "lat": f"{lat + rnd.uniform(-spread[0], spread[0]):.5f}",
                "lon": f"{lon + rnd.uniform(-spread[1], spread[1]):.5f}",
                "phone": f"+7701{1000000 + i:07d}", "name": "Бенчмарк",
                "lang": rnd.choice(["kk", "ru"]), "urgency": rnd.choice(["critical", "high", "normal"]),
            }
            status, body = call(base, "POST", "/api/v1/help-requests", req, token)
            if status != 201:
                raise SystemExit(f"[{db}] filing failed: {status} {body}")
            rid = body["id"]
            status, body = call(base, "POST", f"/api/v1/help-requests/{rid}/decision", {"action": "approve"}, token)
            if status != 204:
                raise SystemExit(f"[{db}] approving failed: {status} {body}")
            ids.append(rid)
        times, counts = [], []
        for rnd_i in range(args.rounds):
            for rid in ids:
                t = time.perf_counter()
                status, body = call(base, "GET", f"/api/v1/help-requests/{rid}/candidates", None, token)
                ms = (time.perf_counter() - t) * 1000
                if status != 200:
                    raise SystemExit(f"[{db}] ranking failed: {status} {body}")
                if rnd_i > 0:
                    times.append(ms)
                    counts.append(len(body))
        # Baseline in the same run: the same client, one request at a time, on /healthz.
        base_times = []
        for _ in range(len(times)):
            t = time.perf_counter()
            call(base, "GET", "/healthz")
            base_times.append((time.perf_counter() - t) * 1000)
        res = {
            "base_median": statistics.median(base_times), "base_p99": pct(base_times, 99),
            "db": db, "volunteers": volunteers, "requests": len(ids), "answers": len(times),
            "median": statistics.median(times), "p99": pct(times, 99), "p90": pct(times, 90),
            "max": max(times), "ranked_mean": statistics.mean(counts),
        }
        log(f"[{db}] ranking: median {res['median']:.2f} ms, p90 {res['p90']:.2f} ms, p99 {res['p99']:.2f} ms over {len(times)} answers; {res['ranked_mean']:.1f} ranked per request")
        return res
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="both", choices=["sqlite", "postgres", "both"])
    ap.add_argument("--requests", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--scale", default="national")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--results", default=os.path.join(ROOT, "bench", "RESULTS.md"))
    args = ap.parse_args()
    if not args.no_build:
        log("building: cargo build --release -p erikti")
        subprocess.run(["cargo", "build", "--release", "-p", "erikti"], cwd=ROOT, check=True)
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = [run_db(db, args) for db in dbs]
    cmd = "python3 bench/help.py " + " ".join(sys.argv[1:])
    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    lines = [
        "## Help requests: ranking",
        "",
        f"Command: `{cmd}` — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} cores ({cpu}), client and server on the same machine. "
        "Each answer is GET /api/v1/help-requests/{id}/candidates (candidates within 30 km, "
        "ranked, top 20 with reasons and names), one at a time; the first round is a warm-up.",
        "",
        "| database | volunteers with a point | requests | answers | median | p90 | p99 | max | ranked per request | baseline `/healthz` median / p99 | target (median < 20 ms, p99 < 50 ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        met = "met" if r["median"] < 20 and r["p99"] < 50 else "NOT met"
        lines.append(f"| {r['db']} | {r['volunteers']:,} | {r['requests']} | {r['answers']} | {r['median']:.2f} ms | "
                     f"{r['p90']:.2f} ms | {r['p99']:.2f} ms | {r['max']:.2f} ms | {r['ranked_mean']:.1f} | "
                     f"{r['base_median']:.2f} / {r['base_p99']:.2f} ms | {met} |")
    section = "\n".join(lines) + "\n\n"
    text = open(args.results).read() if os.path.exists(args.results) else ""
    start = text.find("## Help requests: ranking")
    if start >= 0:
        end = text.find("\n## ", start + 3)
        text = text[:start] + section + ("" if end < 0 else text[end + 1:])
    else:
        hist = text.find("## History")
        text = (text[:hist] + section + text[hist:]) if hist >= 0 else (text.rstrip() + "\n\n" + section)
    open(args.results, "w").write(text)
    print(section)


if __name__ == "__main__":
    main()
