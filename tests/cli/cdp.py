"""A headless Chromium driven over the Chrome DevTools protocol, standard
library only: the browser is Debian's `chromium`, spoken to through
--remote-debugging-pipe (fd 3 in, fd 4 out, messages ending in NUL).

    with Browser() as b:          # raises Unavailable when there is no chromium
        page = b.new_page()
        page.goto("file:///tmp/report.html")
        page.eval("document.title")
        page.events("Network.requestWillBeSent")
"""
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
    "--no-default-browser-check", "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--remote-debugging-pipe",
]


class Unavailable(Exception):
    """No chromium on this machine."""


class CdpError(Exception):
    pass


def find_chromium():
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


class Browser:
    def __init__(self, timeout=30):
        self.timeout = timeout
        exe = find_chromium()
        if exe is None:
            raise Unavailable("chromium is not installed (Debian: apt-get install chromium; "
                              "tools/install-deps installs it)")
        self.profile = tempfile.mkdtemp(prefix="bs-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # the child's ends away from 3 and 4, so that moving them there is safe
        to_chrome_r = self._high(to_chrome_r)
        from_chrome_w = self._high(from_chrome_w)
        # the browser reads fd 3 and writes fd 4: bash (whose redirections take
        # two-digit descriptors, unlike dash) puts the pipes there
        script = 'exec "$0" "$@" 3<&%d 4>&%d %d<&- %d>&-' % (to_chrome_r, from_chrome_w,
                                                              to_chrome_r, from_chrome_w)
        env = dict(os.environ)
        env.setdefault("HOME", self.profile)
        self.proc = subprocess.Popen(
            ["bash", "-c", script, exe, *FLAGS, "--user-data-dir=" + self.profile, "about:blank"],
            pass_fds=(to_chrome_r, from_chrome_w), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._next = 0
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._replies = {}
        self._events = []          # (sessionId, method, params) in arrival order
        self._closed = False
        self._stderr = []
        threading.Thread(target=self._reader, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self.call("Browser.getVersion")

    # ---- plumbing
    @staticmethod
    def _high(fd):
        high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
        os.close(fd)
        return high

    def _drain_stderr(self):
        for line in self.proc.stderr:
            self._stderr.append(line.decode("utf-8", "replace"))

    def _reader(self):
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_chrome, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._cond:
                    self._closed = True
                    self._cond.notify_all()
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw.decode("utf-8"))
                with self._cond:
                    if "id" in msg:
                        self._replies[msg["id"]] = msg
                    else:
                        self._events.append((msg.get("sessionId"), msg.get("method"),
                                             msg.get("params", {})))
                    self._cond.notify_all()

    def call(self, method, params=None, session=None, timeout=None):
        with self._lock:
            self._next += 1
            ident = self._next
        msg = {"id": ident, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode("utf-8") + b"\0"
        os.write(self._to_chrome, data)
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._cond:
            while ident not in self._replies:
                left = deadline - time.monotonic()
                if self._closed:
                    raise CdpError("chromium closed the pipe during %s; stderr:\n%s"
                                   % (method, "".join(self._stderr[-20:])))
                if left <= 0:
                    raise CdpError("no answer to %s within %ss" % (method, timeout or self.timeout))
                self._cond.wait(left)
            reply = self._replies.pop(ident)
        if "error" in reply:
            raise CdpError("%s: %s" % (method, reply["error"]))
        return reply.get("result", {})

    def events(self, method=None, session=None):
        with self._lock:
            return [p for s, m, p in self._events
                    if (method is None or m == method) and (session is None or s == session)]

    def wait_event(self, method, session=None, timeout=None, since=0):
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._cond:
            while True:
                for s, m, p in self._events[since:]:
                    if m == method and (session is None or s == session):
                        return p
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise CdpError("no %s event within %ss" % (method, timeout or self.timeout))
                self._cond.wait(left)

    def event_count(self):
        with self._lock:
            return len(self._events)

    # ---- pages
    def new_page(self, width=1280, height=900):
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session, target)
        for domain in ("Page", "Runtime", "Network", "Log"):
            page.call(domain + ".enable")
        page.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        return page

    def close(self):
        try:
            if self.proc.poll() is None:
                try:
                    self.call("Browser.close", timeout=5)
                except CdpError:
                    pass
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
        finally:
            for fd in (self._to_chrome, self._from_chrome):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Page:
    def __init__(self, browser, session, target):
        self.b = browser
        self.session = session
        self.target = target

    def call(self, method, params=None, timeout=None):
        return self.b.call(method, params, session=self.session, timeout=timeout)

    def events(self, method=None):
        return self.b.events(method, session=self.session)

    def goto(self, url, timeout=30):
        mark = self.b.event_count()
        self.call("Page.navigate", {"url": url})
        self.b.wait_event("Page.loadEventFired", session=self.session, timeout=timeout, since=mark)

    def eval(self, expression):
        """The value of a JavaScript expression (JSON-able), run in the page."""
        r = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                           "awaitPromise": True})
        if "exceptionDetails" in r:
            raise CdpError("evaluating %r: %s" % (expression[:200], r["exceptionDetails"]))
        return r.get("result", {}).get("value")

    def center(self, selector):
        """Scroll the element into view; its centre in viewport pixels."""
        box = self.eval("(function(){var e=document.querySelector(%s);if(!e)return null;"
                        "e.scrollIntoView({block:'center'});var r=e.getBoundingClientRect();"
                        "return [r.left+r.width/2,r.top+r.height/2];})()" % json.dumps(selector))
        if box is None:
            raise CdpError("no element %s" % selector)
        return box

    def click(self, selector):
        """A real mouse click (pressed, released) in the middle of the element."""
        x, y = self.center(selector)
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left",
                                                   "clickCount": 1})

    def type(self, selector, text):
        """Focus the element and type text as a keyboard would."""
        self.click(selector)
        self.call("Input.insertText", {"text": text})

    def screenshot(self, path, full=True, width=1280, height=None):
        if full:
            m = self.call("Page.getLayoutMetrics")
            h = int(m.get("cssContentSize", m.get("contentSize"))["height"])
            self.call("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": min(h, 16000), "deviceScaleFactor": 1, "mobile": False})
        elif height:
            self.call("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        self.eval("window.scrollTo(0,0)")
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        import base64
        with open(path, "wb") as fh:
            fh.write(base64.b64decode(data))
        return path
