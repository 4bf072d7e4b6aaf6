"""A real headless LibreOffice for the extension's tests: own profile directory, own port,
sanding.oxt installed into that profile through the ExtensionManager, stopped by pid afterwards.
Runs under /usr/bin/python3 (python3-uno)."""
import os
import shutil
import socket
import subprocess
import tempfile
import time

import uno
import unohelper
from com.sun.star.beans import PropertyValue
from com.sun.star.task import XInteractionHandler
from com.sun.star.ucb import XCommandEnvironment, XProgressHandler

OXT = os.environ.get("SANDING_OXT", os.path.join(os.path.dirname(__file__), "../../build/plugin/sanding.oxt"))


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def command_url(office, command):
    """vnd.sanding:<command> as a parsed URL."""
    url = uno.createUnoStruct("com.sun.star.util.URL")
    url.Complete = f"vnd.sanding:{command}"
    _, url = office.smgr.createInstanceWithContext("com.sun.star.util.URLTransformer", office.ctx).parseStrict(url)
    return url



def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AcceptingEnvironment(unohelper.Base, XCommandEnvironment, XInteractionHandler, XProgressHandler):
    """Answers the installation's questions as an administrator clicking 接受 would (the
    licence), so that the real .oxt installs without a dialog."""

    def getInteractionHandler(self):
        return self

    def getProgressHandler(self):
        return self

    def handle(self, request):
        for c in request.getContinuations():
            if c.queryInterface(uno.getTypeByName("com.sun.star.task.XInteractionApprove")):
                c.select()
                return

    def push(self, status):
        pass

    def update(self, status):
        pass

    def pop(self):
        pass


class Office:
    def __init__(self, headless=True, before_start=None):
        self.headless = headless
        self.dir = tempfile.mkdtemp(prefix="sanding-office-")
        self.profile = f"file://{self.dir}/profile"
        # The office's temporary files (and the revisions the extension downloads to open) go
        # with the profile, and are removed with it.
        self.tmp = f"{self.dir}/tmp"
        os.makedirs(self.tmp)
        if before_start:
            before_start(f"{self.dir}/profile")
        self.proc = None
        self.start()
        self.install(OXT)
        # Extensions' configuration (the grammar checker's locales) is read at start: restart once.
        self.stop_office()
        self.start()

    def start(self):
        self.port = free_port()
        self.proc = subprocess.Popen(
            ["soffice", *(["--headless", "--invisible"] if self.headless else []), "--norestore", "--nologo", "--nodefault", "--nolockcheck",
             f"-env:UserInstallation={self.profile}", f"--accept=socket,host=127.0.0.1,port={self.port};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "TMPDIR": self.tmp})
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 60
        while True:
            try:
                self.ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={self.port};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if time.time() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("soffice did not accept connections")
                time.sleep(0.2)
        self.smgr = self.ctx.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)

    def install(self, path):
        em = self.ctx.getValueByName("/singletons/com.sun.star.deployment.ExtensionManager")
        em.addExtension(uno.systemPathToFileUrl(os.path.abspath(path)), (), "user", None, AcceptingEnvironment())

    def stop_office(self):
        """Closes every document unsaved (no 'save changes?' prompt in a window), then asks the
        office to end; a bounded wait, then the process ids we started are killed."""
        import threading

        def terminate():
            try:
                for comp in self.desktop.getComponents():
                    try:
                        comp.setModified(False)
                        comp.close(True)
                    except Exception:
                        pass
                self.desktop.terminate()
            except Exception:
                pass

        t = threading.Thread(target=terminate, daemon=True)
        t.start()
        t.join(30)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        # soffice execs oosplash, which starts soffice.bin: end what is left of this profile's.
        subprocess.run(["pkill", "-9", "-f", f"UserInstallation={self.profile}"], capture_output=True)

    def close(self):
        self.stop_office()
        shutil.rmtree(self.dir, ignore_errors=True)

    def new_document(self, paragraphs, hidden=True):
        doc = self.desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (prop("Hidden", hidden),))
        text = doc.getText()
        cursor = text.createTextCursor()
        for i, p in enumerate(paragraphs):
            if i:
                text.insertControlCharacter(cursor, 0, False)  # PARAGRAPH_BREAK
            text.insertString(cursor, p, False)
        whole = text.createTextCursor()
        whole.gotoStart(False)
        whole.gotoEnd(True)
        zh = uno.createUnoStruct("com.sun.star.lang.Locale")
        zh.Language, zh.Country = "zh", "CN"
        whole.setPropertyValue("CharLocaleAsian", zh)
        return doc


def chinese_ui(profile_dir):
    """Sets the profile's UI language to zh-CN before the office starts."""
    path = os.path.join(profile_dir, "user", "registrymodifications.xcu")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                '<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="UILocale" oor:op="fuse">'
                '<value>zh-CN</value></prop></item>\n</oor:items>\n')


def add_annotation(doc, article, text, author=""):
    """A Writer comment (批注) on eight characters of the first paragraph starting with `article`
    (past its number, so the quoted words also occur elsewhere, e.g. in the title); returns the
    quoted words, or None when no paragraph starts so."""
    e = doc.getText().createEnumeration()
    while e.hasMoreElements():
        p = e.nextElement()
        if p.supportsService("com.sun.star.text.Paragraph") and p.getString().startswith(article):
            cursor = doc.getText().createTextCursorByRange(p.getStart())
            cursor.goRight(4, False)
            cursor.goRight(8, True)
            field = doc.createInstance("com.sun.star.text.textfield.Annotation")
            field.Author, field.Content = author, text
            doc.getText().insertTextContent(cursor, field, True)
            return cursor.getString()
    return None


class Display:
    """A virtual screen (Xvfb, 1280×800) with a window manager (openbox), so that dialogs get the
    focus and sit where a user would see them; DISPLAY and the VCL plugin are set for the office.
    Without the window manager (window_manager=False) windows sit at fixed places, for tests that
    click at screen positions."""

    def __init__(self, window_manager=True):
        self.name = next(f":{n}" for n in range(77, 200)
                         if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock"))
        self.xvfb = subprocess.Popen(["Xvfb", self.name, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        os.environ["DISPLAY"] = self.name
        os.environ["SAL_USE_VCLPLUGIN"] = "gen"
        time.sleep(1)
        self.wm = None
        if window_manager:
            self.wm = subprocess.Popen(["openbox"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1)

    def close(self):
        for p in (self.wm, self.xvfb):
            if p is None:
                continue
            p.kill()
            p.wait()


class ServerAndOffice:
    """A test-class mixin: a real `sanding serve` on SQLite with USERS, and a real office with the
    .oxt (shown on `display` when given, else headless) holding one blank draft, `blank`."""

    USERS = []

    @classmethod
    def setUpClass(cls):
        cls.start_server_and_office()

    @classmethod
    def tearDownClass(cls):
        cls.stop_server_and_office()

    @classmethod
    def start_server_and_office(cls, display=None, before_start=None):
        import sys
        sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../integration"))
        from server_harness import Server
        cls.dir = tempfile.mkdtemp(prefix="sanding-plugin-")
        cls.server = Server(f"sqlite:{cls.dir}/s.db", cls.dir, users=cls.USERS)
        cls.office = Office(headless=display is None, before_start=before_start)
        cls.blank = cls.office.new_document(["（一）负责全区应急管理工作。"], hidden=display is None)

    @classmethod
    def stop_server_and_office(cls):
        cls.office.close()
        cls.server.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)
