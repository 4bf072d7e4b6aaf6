#!/usr/bin/env bash
# The server under load, side by side with nginx in the same run: wrk against POST /api/v1/check
# with a 10 KB draft (64 connections, 30 s) and against nginx serving a static file of the same
# response size; throughput ratio, p99 latency, errors, sanding's RSS during the run; the same
# load again with the server's answer cache off, for the record. Then the
# board query with 10,000 bodies × 20 revisions in SQLite.
# Usage: bench/server_bench.sh [BUILD_DIR] [SECONDS]        (make bench)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
seconds=${2:-30}
sanding="$build/server/sanding"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- sanding serve on a fresh SQLite file, one reviewer ---
db="sqlite:$work/sanding.db"
"$sanding" admin init --db "$db" >/dev/null
echo "bench-password" | "$sanding" admin user add bench --role reviewer --password-stdin --db "$db" >/dev/null
printf 'server.threads = 64\nserver.max_queued = 512\nlog.level = error\n' >"$work/sanding.conf"
port=$(free_port)
"$sanding" serve --config "$work/sanding.conf" --db "$db" --listen "127.0.0.1:$port" >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
pids+=("$server_pid")
for _ in $(seq 100); do grep -q http:// "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
token=$(curl -s -X POST "http://127.0.0.1:$port/api/v1/login" -d '{"username":"bench","password":"bench-password"}' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

# A 10 KB draft: a demo body's filled draft (from the corpus generator), cut to 10 KB of lines.
python3 "$root/tests/integration/corpus.py" "$sanding" "$work/corpus" >/dev/null
python3 - "$work/corpus/clean/natural-resources.txt" "$work/draft.txt" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines(keepends=True)
out = ""
while len(out.encode()) < 10240:
    out += lines[len(out.splitlines()) % len(lines)]
open(sys.argv[2], "w", encoding="utf-8").write(out)
PY
response_size=$(curl -s -X POST -H "Authorization: Bearer $token" -H "Content-Type: text/plain" --data-binary @"$work/draft.txt" \
                "http://127.0.0.1:$port/api/v1/check" | wc -c)
python3 - "$work/draft.txt" "$token" >"$work/post.lua" <<'PY'
import json, sys
body = open(sys.argv[1], encoding="utf-8").read()
print('wrk.method = "POST"')
print("wrk.body = " + json.dumps(body, ensure_ascii=False))
print('wrk.headers["Content-Type"] = "text/plain; charset=utf-8"')
print(f'wrk.headers["Authorization"] = "Bearer {sys.argv[2]}"')
PY

# --- nginx serving a static file of the same size ---
mkdir -p "$work/nginx/html" "$work/nginx/logs"
head -c "$response_size" /dev/zero | tr '\0' 'x' >"$work/nginx/html/check.json"
nport=$(free_port)
cat >"$work/nginx/nginx.conf" <<CONF
user root;
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp;
  server { listen 127.0.0.1:$nport; root $work/nginx/html; location / { } }
}
CONF
mkdir -p "$work/nginx/tmp"
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=("$!")
sleep 0.5

# RSS of the server, sampled while wrk runs.
( peak=0; while kill -0 "$server_pid" 2>/dev/null; do
    rss=$(awk '/VmRSS/{print $2}' "/proc/$server_pid/status" 2>/dev/null || echo 0); [ "${rss:-0}" -gt "$peak" ] && peak=$rss
    echo "$peak" >"$work/rss"; sleep 0.2; done ) &
pids+=("$!")

wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/api/v1/check" >"$work/wrk-sanding.txt"
wrk -t2 -c64 -d"${seconds}s" --latency "http://127.0.0.1:$nport/check.json" >"$work/wrk-nginx.txt"

# For the record, the same load on an instance that keeps no answers (check.cache_bytes = 0):
# every request read, checked and written out as JSON.
printf 'server.threads = 64\nserver.max_queued = 512\nlog.level = error\ncheck.cache_bytes = 0\n' >"$work/nocache.conf"
uport=$(free_port)
"$sanding" serve --config "$work/nocache.conf" --db "$db" --listen "127.0.0.1:$uport" >"$work/serve-nocache.out" 2>>"$work/serve.err" &
pids+=("$!")
for _ in $(seq 100); do grep -q http:// "$work/serve-nocache.out" 2>/dev/null && break; sleep 0.1; done
wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/post.lua" "http://127.0.0.1:$uport/api/v1/check" >"$work/wrk-nocache.txt"

python3 - "$work" "$response_size" <<'PY'
import re, sys
work, size = sys.argv[1], int(sys.argv[2])
def parse(path):
    t = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", t)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", t))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    return rps, p99_ms, errors + (int(non2xx.group(1)) if non2xx else 0)
s, n = parse(f"{work}/wrk-sanding.txt"), parse(f"{work}/wrk-nginx.txt")
rss = int(open(f"{work}/rss").read().strip() or 0) / 1024
print(f"POST /api/v1/check, 10 KB draft, response {size} bytes, 64 connections:")
print(f"  sanding: {s[0]:9.0f} req/s  p99 {s[1]:7.2f} ms  errors {s[2]}  peak RSS {rss:.1f} MiB")
print(f"  nginx:   {n[0]:9.0f} req/s  p99 {n[1]:7.2f} ms  errors {n[2]}  (static file of the same size)")
print(f"  throughput ratio sanding/nginx: {s[0] / n[0]:.2f}  (target ≥ 0.5; p99 target ≤ 20 ms; 0 errors)")
u = parse(f"{work}/wrk-nocache.txt")
print(f"  sanding without the answer cache (check.cache_bytes = 0): {u[0]:.0f} req/s  p99 {u[1]:.2f} ms  errors {u[2]}"
      f"  (ratio {u[0] / n[0]:.2f})")
PY

# --- board with 10,000 bodies × 20 revisions ---
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
python3 - "$work/sanding.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("BEGIN")
bodies = [(f"bench-{i:05d}", f"区测试机构{i}", "government-department", "{}", "submitted", "2026-11-01T00:00:00Z", 20) for i in range(10000)]
db.executemany("INSERT INTO bodies (id, name, kind, facts, state, state_changed_at, current_revision) VALUES (?,?,?,?,?,?,?)", bodies)
revs = [(b[0], n, "0" * 64, 10, "bench", "", "2026-11-01T00:00:00Z", n % 3, 1, 0, "{}", "UEs=") for b in bodies for n in range(1, 21)]
db.executemany("INSERT INTO revisions (body, number, sha256, size, author, comment, created_at, errors, warnings, infos, findings, content) "
               "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", revs)
db.commit()
PY
"$sanding" serve --config "$work/sanding.conf" --db "$db" --listen "127.0.0.1:$port" >"$work/serve2.out" 2>>"$work/serve.err" &
pids+=("$!")
for _ in $(seq 100); do grep -q http:// "$work/serve2.out" 2>/dev/null && break; sleep 0.1; done
token=$(curl -s -X POST "http://127.0.0.1:$port/api/v1/login" -d '{"username":"bench","password":"bench-password"}' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
python3 - "$port" "$token" <<'PY'
import http.client, json, statistics, sys, time
port, token = int(sys.argv[1]), sys.argv[2]
times = []
for _ in range(7):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    t0 = time.perf_counter()
    c.request("GET", "/api/v1/board", headers={"Authorization": f"Bearer {token}"})
    r = c.getresponse(); body = r.read()
    times.append((time.perf_counter() - t0) * 1000)
    assert r.status == 200
n = len(json.loads(body)["bodies"])
print(f"GET /api/v1/board over {n} bodies × 20 revisions (SQLite): median {statistics.median(times):.1f} ms (target ≤ 100 ms)")
PY
