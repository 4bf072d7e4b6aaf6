#!/usr/bin/env python3
"""What a slow or hostile client costs the server (issue 15), measured against a real `sanding serve`
on a fresh SQLite file:
- idle connections: N sockets opened and left silent (and N/10 sending half a header), while
  another client asks GET /healthz 20 times; median and worst latency per N, and the largest N
  at which every answer came within 100 ms (as a ratio to the same client with no idle sockets);
- login: wrong passwords for one account as fast as one client can send them for 20 s: how many
  were checked (401) and how many refused unchecked (429/403), so guesses per second allowed;
  and the time to refuse a known vs an unknown name (the dummy hash should make them alike);
- the server's peak RSS (VmHWM) at the end.
Usage: bench/hardening_bench.py [BUILD_DIR] [MAX_IDLE]        (make bench)"""
import json
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build")
max_idle = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
sanding = os.environ.get("SANDING_BIN", os.path.join(build, "server", "sanding"))
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

work = tempfile.mkdtemp(prefix="sanding-hardening-bench-")
db = f"sqlite:{work}/s.db"
subprocess.run([sanding, "admin", "init", "--db", db], check=True, capture_output=True)
subprocess.run([sanding, "admin", "user", "add", "bench", "--role", "office", "--password-stdin", "--db", db],
               input="bench-password\n", text=True, check=True, capture_output=True)
with open(f"{work}/sanding.conf", "w") as f:
    f.write(f"server.threads = 16\nserver.max_connections = {max_idle * 2}\nlog.level = error\n")
proc = subprocess.Popen([sanding, "serve", "--config", f"{work}/sanding.conf", "--db", db, "--listen", "127.0.0.1:0"],
                        stdout=subprocess.PIPE, stderr=open(f"{work}/serve.err", "w"), text=True)
line = proc.stdout.readline()
port = int(re.search(r"http://127\.0\.0\.1:(\d+)", line).group(1))


def get(path, body=None, timeout=30):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST" if body else "GET")
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    except Exception:
        status = 0
    return status, (time.perf_counter() - t0) * 1000


def healthz_ms():
    times = [get("/healthz", timeout=15) for _ in range(20)]
    if any(s != 200 for s, _ in times):
        return None, None
    ms = [t for _, t in times]
    return statistics.median(ms), max(ms)


base_median, base_max = healthz_ms()
print(f"GET /healthz with no idle connections: median {base_median:.2f} ms, worst {base_max:.2f} ms")
held, held_ok = [], 0
for n in [16, 100, 500, 1000, 2000, 4000, 8000, 16000]:
    if n > max_idle:
        break
    try:
        while len(held) < n:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            if len(held) % 10 == 0:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            held.append(s)
    except OSError as e:
        print(f"  stopped opening sockets at {len(held)}: {e}")
    median, worst = healthz_ms()
    if median is None:
        print(f"{len(held):6d} idle: /healthz not answered")
        break
    ok = worst <= 100
    held_ok = len(held) if ok else held_ok
    print(f"{len(held):6d} idle: /healthz median {median:.2f} ms ({median / base_median:.1f}x), worst {worst:.2f} ms"
          f" {'<= 100 ms' if ok else '> 100 ms'}")
print(f"idle connections held while /healthz answered in <= 100 ms: {held_ok}")
for s in held:
    s.close()

known = [get("/api/v1/login", json.dumps({"username": "bench", "password": "wrong"}).encode())[1] for _ in range(3)]
unknown = [get("/api/v1/login", json.dumps({"username": f"nobody-{i}", "password": "wrong"}).encode())[1] for i in range(3)]
print(f"login refused: known name median {statistics.median(known):.0f} ms, unknown name median "
      f"{statistics.median(unknown):.0f} ms")
counts, t0 = {}, time.time()
while time.time() - t0 < 20:
    status, _ = get("/api/v1/login", json.dumps({"username": "bench", "password": "guess"}).encode())
    counts[status] = counts.get(status, 0) + 1
print(f"20 s of guessing one account from one address: {counts} -> "
      f"{counts.get(401, 0) / 20:.2f} passwords checked per second")
with open(f"/proc/{proc.pid}/status") as f:
    hwm = [l for l in f if l.startswith("VmHWM")][0].split()[1]
print(f"server peak RSS: {int(hwm) / 1024:.0f} MiB")
proc.terminate()
print(f"exit status after SIGTERM: {proc.wait(timeout=60)}")
