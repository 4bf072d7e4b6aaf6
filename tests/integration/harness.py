"""Shared pieces of the integration tests: the built `sanding`, a scratch directory, and a real
headless LibreOffice with its own profile."""
import os
import shutil
import subprocess
import tempfile
import unittest

SANDING = os.environ.get("SANDING_BIN", os.path.join(os.path.dirname(__file__), "../../build/server/sanding"))
SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
TEMPLATES = os.path.join(SOURCE, "templates")


def sanding(*args, check=False, timeout=120):
    """Runs the real executable; returns CompletedProcess with text output."""
    return subprocess.run([SANDING, *args], capture_output=True, text=True, errors="backslashreplace", timeout=timeout, check=check)


class ScratchTest(unittest.TestCase):
    """A test with its own temporary directory, removed afterwards."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sanding-test-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)


def soffice_convert(src_files, out_dir, fmt, profile_dir, timeout=300):
    """Converts files with a real headless soffice, in its own profile so parallel tests and a
    user's running office do not interfere."""
    cmd = ["soffice", "--headless", "--norestore", "--nolockcheck",
           f"-env:UserInstallation=file://{profile_dir}", "--convert-to", fmt, "--outdir", out_dir, *src_files]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
