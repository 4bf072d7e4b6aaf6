"""What the server declares must be what it does: the OpenAPI file lists exactly the routes that
`sanding serve` answers, and server/sanding.conf documents exactly the keys it reads, with their
defaults."""
import os
import re
import subprocess
import unittest

from harness import SANDING, SOURCE


class Declarations(unittest.TestCase):
    def test_openapi_lists_exactly_the_served_routes(self):
        served = set(subprocess.run([SANDING, "serve", "--routes"], capture_output=True, text=True, check=True).stdout.split("\n"))
        served.discard("")
        declared, path = set(), None
        with open(os.path.join(SOURCE, "schemas/openapi.yaml"), encoding="utf-8") as f:
            in_paths = False
            for line in f:
                if line.startswith("paths:"):
                    in_paths = True
                    continue
                if not in_paths:
                    continue
                m = re.match(r"^  (/\S*):\s*$", line)
                if m:
                    path = m.group(1)
                    continue
                m = re.match(r"^    (get|post|put|delete|patch):", line)
                if m and path:
                    declared.add(f"{m.group(1).upper()} {path}")
        self.assertGreaterEqual(len(served), 20)
        self.assertEqual(declared, served)

    def test_config_file_documents_every_key_with_its_default(self):
        conf = os.path.join(SOURCE, "server/sanding.conf")
        documented = {}
        with open(conf, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    k, v = (x.strip() for x in line.split("=", 1))
                    documented[k] = v
        defaults = subprocess.run([SANDING, "serve", "--print-config"], capture_output=True, text=True, check=True).stdout
        effective = dict((x.strip() for x in l.split("=", 1)) for l in defaults.splitlines() if l)
        self.assertEqual(documented, effective)

    def test_config_errors_name_file_line_and_key(self):
        import tempfile
        with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as f:
            f.write("server.threads = 4\nserver.colour = red\n")
        try:
            r = subprocess.run([SANDING, "serve", "--config", f.name, "--routes"], capture_output=True, text=True)
            self.assertEqual(r.returncode, 2)
            self.assertIn(f"{f.name}:2", r.stderr)
            self.assertIn("server.colour", r.stderr)
        finally:
            os.unlink(f.name)


if __name__ == "__main__":
    unittest.main()
