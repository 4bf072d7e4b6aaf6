"""The Debian package CPack builds from this build tree, unpacked into an empty directory tree
(as dpkg would install it, without touching the system): the program runs from there, loads its
server module from beside itself and reads the templates installed with it, not the source tree's."""
import glob
import os
import shutil
import subprocess
import tempfile
import unittest
import zipfile

BUILD = os.environ["SANDING_BUILD_DIR"]


class PackageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="sanding-package-test-")
        out = os.path.join(cls.tmp, "out")
        r = subprocess.run(["cpack", "-G", "DEB", "-B", out, "--config", os.path.join(BUILD, "CPackConfig.cmake")],
                           capture_output=True, text=True, timeout=500)
        if r.returncode != 0:
            raise RuntimeError("cpack failed:\n" + r.stdout[-3000:] + r.stderr[-3000:])
        debs = glob.glob(os.path.join(out, "*.deb"))
        if len(debs) != 1:
            raise RuntimeError(f"expected one .deb, found {debs}")
        cls.deb = debs[0]
        cls.root = os.path.join(cls.tmp, "root")
        subprocess.run(["dpkg-deb", "-x", cls.deb, cls.root], check=True, timeout=120)
        cls.sanding = os.path.join(cls.root, "usr/bin/sanding")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_installed(self, *args, cwd=None):
        env = {k: v for k, v in os.environ.items() if k != "SANDING_TEMPLATES"}
        env["SANDING_CACHE_DIR"] = os.path.join(self.tmp, "cache")
        return subprocess.run([self.sanding, *args], capture_output=True, text=True, timeout=300, env=env,
                              cwd=cwd or self.tmp)

    def test_the_package_holds_the_program_its_module_its_data_and_the_extension(self):
        info = subprocess.run(["dpkg-deb", "--info", self.deb], capture_output=True, text=True, check=True).stdout
        self.assertIn("Package: sanding", info)
        self.assertIn("Depends:", info)  # from the linked libraries
        for path in ["usr/lib/sanding/sanding", "usr/lib/sanding/libsanding-server.so",
                     "usr/share/sanding/templates/framework/demo-district.xml", "usr/share/sanding/templates/rules/phrasing.xml",
                     "usr/share/sanding/sanding.conf"]:
            self.assertTrue(os.path.exists(os.path.join(self.root, path)), path)
        self.assertEqual(os.readlink(self.sanding), "../lib/sanding/sanding")
        oxt = os.path.join(self.root, "usr/share/sanding/sanding.oxt")
        if os.path.exists(os.path.join(BUILD, "plugin/sanding.oxt")):
            with zipfile.ZipFile(oxt) as z:
                self.assertIn("sanding_uno.so", z.namelist())

    def test_render_and_check_run_on_the_installed_data(self):
        # The installed framework, changed here, is what the program reads: a body renamed in it
        # appears in the rendered draft.
        framework = os.path.join(self.root, "usr/share/sanding/templates/framework/demo-district.xml")
        with open(framework, encoding="utf-8") as f:
            xml = f.read()
        self.assertIn("<full-name>清河市云溪区应急管理局</full-name>", xml)
        with open(framework, "w", encoding="utf-8") as f:
            f.write(xml.replace("<full-name>清河市云溪区应急管理局</full-name>", "<full-name>清河市云溪区应急管理局（安装包）</full-name>"))
        out = os.path.join(self.tmp, "emergency.txt")
        r = self.run_installed("render", "--body", "emergency", "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8") as f:
            self.assertIn("清河市云溪区应急管理局（安装包）", f.read())
        draft = os.path.join(self.tmp, "草案.txt")
        with open(draft, "w", encoding="utf-8") as f:
            f.write("区应急管理局职能配置、内设机构和人员编制规定\n第一条　完成区委、区政府交办的其它任务。\n")
        r = self.run_installed("check", draft)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("[W01]", r.stdout)
        # The server module loads from beside the program.
        r = self.run_installed("admin", "init", "--db", "sqlite:" + os.path.join(self.tmp, "s.db"))
        self.assertEqual(r.returncode, 0, r.stderr)


if __name__ == "__main__":
    unittest.main()
