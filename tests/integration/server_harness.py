"""A real `sanding serve` for tests: a fresh SQLite file or a real PostgreSQL cluster started
for the test run (own data directory, loopback port, torn down after), users added with the real
`sanding admin`, and a small HTTP client."""
import http.client
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse

from harness import SANDING

# PostgreSQL database URL -> the key file every instance on it uses.
SHARED_KEY_FILES = {}


def key_args(db_url, workdir=None):
    """SQLite keeps the key file beside the database; instances sharing a PostgreSQL database
    share one key file (the first instance's workdir holds it)."""
    if db_url.startswith("sqlite:"):
        return []
    return ["--key-file", SHARED_KEY_FILES.setdefault(db_url, os.path.join(workdir or tempfile.mkdtemp(), "server.key"))]

PG_BIN = "/usr/lib/postgresql/15/bin"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postgres:
    """A throw-away PostgreSQL cluster. The server refuses to run as root, so as root it runs as
    the `postgres` system user that Debian's package creates."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="sanding-pg-")
        self.port = free_port()
        self.user = None
        if os.geteuid() == 0:
            self.user = "postgres"
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        try:
            self.run([f"{PG_BIN}/initdb", "-D", f"{self.dir}/data", "-A", "trust", "-U", "sanding", "--no-sync", "-E", "UTF8"])
            self.run([f"{PG_BIN}/pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/log", "-w", "-t", "60", "start",
                      "-o", f"-k {self.dir} -h 127.0.0.1 -p {self.port} -c fsync=on"])
        except BaseException:
            shutil.rmtree(self.dir, ignore_errors=True)  # a half-made cluster does not outlive the run
            raise
        self.databases = 0

    def run(self, cmd):
        if self.user:
            cmd = ["runuser", "-u", self.user, "--"] + cmd
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def new_database(self):
        self.databases += 1
        name = f"sanding_{self.databases}"
        self.run([f"{PG_BIN}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "sanding", name])
        return f"postgresql://sanding@127.0.0.1:{self.port}/{name}"

    def psql(self, url, sql):
        """Runs SQL with psql as the cluster's superuser, stopping at the first error."""
        name = url.rsplit("/", 1)[1]
        return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "sanding", "-X", "-q",
                               "-v", "ON_ERROR_STOP=1", "-d", name, "-c", sql],
                              capture_output=True, text=True, timeout=60)

    def stop(self):
        try:
            self.run([f"{PG_BIN}/pg_ctl", "-D", f"{self.dir}/data", "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


class Server:
    """sanding serve on a free loopback port over the given database URL (initialised and with
    users added by `sanding admin`)."""

    def __init__(self, db_url, workdir, users=(), init=True, config=None, templates=None):
        self.db = db_url
        self.workdir = workdir
        self.config = config  # a `sanding serve --config` file, or None
        self.passwords = {}
        self.log = None
        if init:
            self.admin("init", *(["--templates", templates] if templates else []))
            for name, role, body, *display in users:
                self.add_user(name, role, body, display_name=display[0] if display else None)
        self.proc = None
        self.start()

    def key_args(self):
        return key_args(self.db, self.workdir)

    def admin(self, *args, stdin=None):
        r = subprocess.run([SANDING, "admin", *args, "--db", self.db, *self.key_args()], input=stdin, capture_output=True, text=True,
                           timeout=300, cwd=self.workdir)
        if r.returncode != 0:
            raise RuntimeError(f"sanding admin {' '.join(args)} failed: {r.stderr}")
        return r

    def add_user(self, name, role, body=None, password=None, display_name=None):
        password = password or f"pw-{name}-secret"
        args = ["user", "add", name, "--role", role, "--password-stdin"] + (["--body", body] if body else [])
        args += ["--display-name", display_name] if display_name else []
        self.admin(*args, stdin=password + "\n")
        self.passwords[name] = password

    def start(self, port=0, config=None):
        if config is not None:
            self.config = config
        if self.log:
            self.log.close()
        self.log = open(os.path.join(self.workdir, "server.log"), "a")
        cmd = [SANDING, "serve", "--db", self.db, "--listen", f"127.0.0.1:{port}", *self.key_args()]
        if self.config:
            cmd += ["--config", self.config]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.log, text=True, cwd=self.workdir)
        line = self.proc.stdout.readline()  # "sanding serve: 正在监听 http://127.0.0.1:PORT（…）"
        if "http://" not in line:
            self.proc.kill()
            self.proc.wait(timeout=30)
            self.proc.stdout.close()
            self.log.close()
            self.log = None
            raise RuntimeError("server did not start: " + line + open(os.path.join(self.workdir, "server.log")).read()[-2000:])
        self.port = int(line.split("http://127.0.0.1:")[1].split("（")[0])
        self.tokens = {}

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.proc.stdout.close()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()
        if self.log:
            self.log.close()
            self.log = None

    # --- client ---
    def request(self, method, path, body=None, token=None, headers=None, user=None, timeout=60):
        if user is not None:
            token = self.token(user)
        h = dict(headers or {})
        if token:
            h["Authorization"] = f"Bearer {token}"
        if isinstance(body, (dict, list)):
            body = json.dumps(body, ensure_ascii=False).encode()
            h.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            body = body.encode()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            data = r.read()
            return Response(r.status, dict(r.getheaders()), data)
        finally:
            conn.close()

    def token(self, user):
        if user not in self.tokens:
            r = self.request("POST", "/api/v1/login", {"username": user, "password": self.passwords[user]})
            assert r.status == 200, r.text
            self.tokens[user] = r.json()["token"]
        return self.tokens[user]

    def upload(self, user, body, odt, comment=""):
        q = "?comment=" + urllib.parse.quote(comment) if comment else ""
        return self.request("POST", f"/api/v1/bodies/{body}/revisions{q}", odt, user=user,
                            headers={"Content-Type": "application/vnd.oasis.opendocument.text"})


class Response:
    def __init__(self, status, headers, data):
        self.status, self.headers, self.data = status, headers, data

    @property
    def text(self):
        return self.data.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.data)

    def error_code(self):
        try:
            return self.json()["error"]["code"]
        except Exception:
            return None
