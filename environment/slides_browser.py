"""The browser check of environment/slides: every slide of every deck, measured in headless Chromium.
Used through slides_decks.py browser CHROMIUM LOG DECKS_DIR NOTEBOOK... (see run()).

Drives one headless Chromium through the DevTools protocol over a pipe (--remote-debugging-pipe, so
no port and no websocket library), with the window at the decks' 1280 x 720 frame. For each deck it
waits until reveal.js is ready and MathJax has typeset, then visits every slide with all its
fragments shown and measures the height of its content in the deck's own pixels (reveal.js scales
the frame as a whole, so the layout inside a slide does not depend on the window). A deck fails on

  * a slide whose content is taller or wider than the frame (or has a box inside that scrolls or
    cuts its content off vertically), naming the notebook cell that takes most of the height;
  * a MathJax error (TeX parse errors, undefined macros, "Math Processing Error");
  * an image or other file that did not load, and any request that is not file: or data:;
  * a JavaScript error in the page.

It prints a table per deck (slides, too tall, the tallest slide with its title) and writes a
contact sheet per deck, <sheets_dir>/<notebook>.png: a grid of slide thumbnails, too-tall slides
framed in red, for a look by a human.
"""
import base64
import json
import os
import select
import subprocess
import tempfile
import time
import urllib.parse

WIDTH, HEIGHT = 1280, 720
THUMB = 0.3  # thumbnail scale of the contact sheets
TOLERANCE = 2  # px of rounding allowed above the frame

# Installed before the deck's own scripts: records MathJax's error messages
# and turns off the fragments' fade so that a screenshot shows them fully.
PRELUDE = r"""
window.__dgm4jCheck = { mathErrors: [] };
window.MathJax = { AuthorInit: function () {
    MathJax.Hub.Register.MessageHook('Math Processing Error', function (m) {
        window.__dgm4jCheck.mathErrors.push('Math Processing Error: ' + String(m[2] && m[2].message || m[1] || ''));
    });
    MathJax.Hub.Register.MessageHook('TeX Jax - parse error', function (m) {
        window.__dgm4jCheck.mathErrors.push('TeX parse error: ' + String(m[1]) + ' in ' + String(m[2]));
    });
}};
document.addEventListener('DOMContentLoaded', function () {
    var style = document.createElement('style');
    style.textContent = '.reveal .fragment, .reveal .slides section { transition: none !important; }';
    document.head.appendChild(style);
});
"""

# Evaluated once the deck has loaded: resolves when reveal.js is ready and MathJax's queue is empty.
READY = r"""
new Promise(function (resolve) {
    var start = Date.now();
    (function poll() {
        var reveal = window.Reveal && window.Reveal.isReady && window.Reveal.isReady();
        if (reveal && window.MathJax && MathJax.Hub && MathJax.Hub.Queue) {
            MathJax.Hub.Queue(function () { resolve({ ok: true }); });
        } else if (Date.now() - start > %d) {
            resolve({ ok: false, reveal: !!reveal, mathjax: !!(window.MathJax && window.MathJax.Hub) });
        } else {
            setTimeout(poll, 50);
        }
    })();
})
"""

# The slides in order: [h, v] per leaf section.
SLIDES = r"""
(function () {
    var out = [];
    Reveal.getHorizontalSlides().forEach(function (hs, h) {
        var vs = hs.querySelectorAll(':scope > section');
        if (vs.length === 0) { out.push([h, 0]); }
        vs.forEach(function (s, v) { out.push([h, v]); });
    });
    return out;
})()
"""

# Shows slide (h, v) with all its fragments and measures it, in the deck's pixels.
MEASURE = r"""
new Promise(function (resolve) {
    var CELL = '[id^="cell-id=cell-"]';  // the cells' ids from slides/nbconvert_config.py
    var cellOf = function (e) { var c = e.closest(CELL); return c ? +c.id.slice(13) : 0; };
    Reveal.slide(%d, %d);
    var slide = Reveal.getCurrentSlide();
    slide.querySelectorAll('.fragment').forEach(function (f) { f.classList.add('visible'); });
    var images = Array.prototype.slice.call(slide.querySelectorAll('img'));
    var pending = images.filter(function (i) { return !i.complete; });
    var done = function () {
        requestAnimationFrame(function () { requestAnimationFrame(function () {
            var scrolling = slide.classList.contains('dgm4j-scroll');
            slide.classList.remove('dgm4j-scroll');
            var scale = slide.getBoundingClientRect().width / slide.offsetWidth;
            var height = slide.scrollHeight, width = slide.scrollWidth;
            var cells = Array.prototype.map.call(slide.querySelectorAll(CELL), function (c) {
                return { cell: +c.id.slice(13), height: Math.round(c.getBoundingClientRect().height / scale) };
            });
            var clipped = [];
            slide.querySelectorAll('*').forEach(function (e) {
                if (e.closest('.MathJax_SVG, .MathJax_SVG_Display, .MJX_Assistive_MathML, svg')) return;  // math: clipped by design
                if (e.scrollHeight > e.clientHeight + %d && e.clientHeight > 0) {
                    var o = getComputedStyle(e).overflowY;
                    if (o === 'auto' || o === 'scroll' || o === 'hidden') {
                        clipped.push({ cell: cellOf(e), hidden: e.scrollHeight - e.clientHeight });
                    }
                }
            });
            if (scrolling) slide.classList.add('dgm4j-scroll');
            var heading = slide.querySelector('h1, h2, h3, h4');
            var text = (heading ? heading.textContent : slide.innerText).replace(/\s+/g, ' ').trim();
            resolve({
                height: height, width: width, title: text.replace(/\u00b6$/, '').slice(0, 60), cells: cells, clipped: clipped,
                broken: images.filter(function (i) { return !i.naturalWidth; })
                    .map(function (i) { return { cell: cellOf(i), src: i.src.slice(0, 80) }; }),
                figures: images.map(function (i) { return i.naturalHeight ? Math.round(100 * i.height / i.naturalHeight) : 0; }),
                mathErrors: Array.prototype.map.call(slide.querySelectorAll('.MathJax_Error, .noError, merror'), cellOf)
            });
        }); });
    };
    if (pending.length === 0) { done(); return; }
    var left = pending.length;
    pending.forEach(function (i) {
        var one = function () { if (--left === 0) done(); };
        i.addEventListener('load', one); i.addEventListener('error', one);
    });
})
"""

SHEET = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 12px; background: #e8e8e8; font: 14px sans-serif; width: %dpx; }
h1 { font-size: 18px; margin: 0 0 10px; }
.grid { display: grid; grid-template-columns: repeat(%d, %dpx); gap: 12px; }
figure { margin: 0; }
img { display: block; border: 3px solid #fff; }
figure.tall img { border-color: #d00; }
figcaption { padding: 3px 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
figure.tall figcaption { color: #d00; font-weight: bold; }
</style></head><body><h1>%s</h1><div class="grid">%s</div></body></html>"""


class Chromium:
    """A headless Chromium driven over --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-terminated JSON)."""

    def __init__(self, binary, log):
        self.profile = tempfile.mkdtemp(prefix="dgm4j-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-features=Translate,MediaRouter", "--mute-audio",
                "--hide-scrollbars", "--allow-file-access-from-files", "--user-data-dir=" + self.profile,
                "--window-size=%d,%d" % (WIDTH, HEIGHT), "--remote-debugging-pipe", "about:blank"]
        # The shell puts the pipe ends on the descriptors 3 and 4 that Chromium expects.
        self.proc = subprocess.Popen(["sh", "-c", 'exec "$@" 3<&%d 4>&%d' % (to_chrome_r, from_chrome_w), "sh"] + args,
                                     pass_fds=(to_chrome_r, from_chrome_w), stdin=subprocess.DEVNULL,
                                     stdout=log, stderr=log)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer, self._next_id, self.events, self.session = b"", 0, [], None

    def close(self):
        try:
            self.call("Browser.close", timeout=5, session=False)
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_chrome, self._from_chrome):
            os.close(fd)
        subprocess.run(["rm", "-rf", self.profile], check=False)

    def call(self, method, params=None, timeout=60, session=True):
        """Sends one command and returns its result; events that arrive meanwhile go to self.events."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline, method)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"].get("message")))
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_event(self, name, timeout):
        deadline = time.monotonic() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e["method"] == name:
                    return self.events.pop(i)
            self.events.append(self._read(deadline, name))

    def evaluate(self, expression, timeout=60):
        result = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True}, timeout=timeout)
        if "exceptionDetails" in result:
            d = result["exceptionDetails"]
            raise RuntimeError("JavaScript: %s" % d.get("exception", {}).get("description", d.get("text")))
        return result["result"].get("value")

    def _read(self, deadline, waiting_for):
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError("Chromium did not answer %s in time" % waiting_for)
            ready, _, _ = select.select([self._from_chrome], [], [], left)
            if ready:
                chunk = os.read(self._from_chrome, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium exited (exit status %s)" % self.proc.poll())
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)


def open_page(chrome):
    target = chrome.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
    chrome.session = chrome.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
    for domain in ("Page", "Runtime", "Network"):
        chrome.call(domain + ".enable")
    chrome.call("Emulation.setDeviceMetricsOverride",
                {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    chrome.call("Page.addScriptToEvaluateOnNewDocument", {"source": PRELUDE})


def network_problems(events):
    """Requests that left file:/data: and loads that failed, from the Network events of one deck."""
    problems, urls = [], {}
    for e in events:
        p = e.get("params", {})
        if e["method"] == "Network.requestWillBeSent":
            url = p["request"]["url"]
            urls[p["requestId"]] = url
            scheme = urllib.parse.urlsplit(url).scheme
            if scheme not in ("file", "data", "blob", "about"):
                problems.append("remote request: %s" % url[:120])
        elif e["method"] == "Network.loadingFailed" and not p.get("canceled"):
            url = urls.get(p["requestId"], "?")
            if urllib.parse.urlsplit(url).scheme == "file":
                problems.append("missing file: %s (%s)" % (urllib.parse.unquote(url[7:]), p.get("errorText")))
        elif e["method"] == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            problems.append("JavaScript error: %s" % d.get("exception", {}).get("description", d.get("text", ""))
                            .splitlines()[0][:200])
    return problems


def check_deck(chrome, path, sheets_dir, cell_names):
    """Measures every slide of one deck and writes its contact sheet; returns (problems, slides)."""
    chrome.events.clear()
    chrome.call("Page.navigate", {"url": "file://" + urllib.parse.quote(os.path.abspath(path))})
    chrome.wait_event("Page.loadEventFired", 60)
    ready = chrome.evaluate(READY % 60000, timeout=90)
    problems = []
    if not ready["ok"]:
        problems.append("the deck did not come up: reveal.js ready: %s, MathJax loaded: %s"
                        % (ready.get("reveal"), ready.get("mathjax")))
        return problems + network_problems(chrome.events), []
    slides = []
    for h, v in chrome.evaluate(SLIDES):
        m = chrome.evaluate(MEASURE % (h, v, TOLERANCE))
        shot = chrome.call("Page.captureScreenshot", {"format": "png", "clip": {
            "x": 0, "y": 0, "width": WIDTH, "height": HEIGHT, "scale": THUMB}})["data"]
        m.update(h=h, v=v, shot=shot)
        slides.append(m)
    state = chrome.evaluate("window.__dgm4jCheck")
    problems += ["MathJax: %s" % e for e in state["mathErrors"]]
    problems += network_problems(chrome.events)
    for s in slides:
        where = "slide %d/%d (%s)" % (s["h"], s["v"], s["title"])
        if s["height"] > HEIGHT + TOLERANCE:
            cell = max(s["cells"], key=lambda c: c["height"]) if s["cells"] else None
            problems.append("%s is %d px tall, the frame %d px%s" % (
                where, s["height"], HEIGHT,
                "; its tallest cell is %s, %d px" % (cell_names(cell["cell"]), cell["height"]) if cell else ""))
        if s["width"] > WIDTH + TOLERANCE:
            problems.append("%s is %d px wide, the frame %d px" % (where, s["width"], WIDTH))
        for c in s["clipped"]:
            problems.append("%s: %s shows its content in a box that hides %d px (scrolls or cuts off)"
                            % (where, cell_names(c["cell"]), c["hidden"]))
        for image in s["broken"]:
            problems.append("%s: an image of %s did not load: %s" % (where, cell_names(image["cell"]), image["src"]))
        for cell in sorted(set(s["mathErrors"])):
            problems.append("%s: %s has math that MathJax could not typeset (%d error(s))"
                            % (where, cell_names(cell), s["mathErrors"].count(cell)))
    write_sheet(chrome, path, sheets_dir, slides)
    return problems, slides


def write_sheet(chrome, path, sheets_dir, slides):
    columns, w = 4, int(WIDTH * THUMB)
    figures = "".join(
        '<figure class="%s"><img src="data:image/png;base64,%s" width="%d"><figcaption>%d/%d &middot; %d px &middot; %s'
        '</figcaption></figure>' % ("tall" if s["height"] > HEIGHT + TOLERANCE else "", s["shot"], w, s["h"], s["v"],
                                    s["height"], s["title"].replace("&", "&amp;").replace("<", "&lt;"))
        for s in slides)
    name = os.path.basename(path)
    width = columns * w + (columns - 1) * 12 + 24 + 6 * columns
    chrome.call("Page.navigate", {"url": "about:blank"})
    chrome.wait_event("Page.loadEventFired", 30)
    frame = chrome.call("Page.getFrameTree")["frameTree"]["frame"]["id"]
    chrome.call("Page.setDocumentContent", {"frameId": frame, "html": SHEET % (width, columns, w + 6, name, figures)})
    height = chrome.evaluate("new Promise(r => requestAnimationFrame(() => r(document.documentElement.scrollHeight)))")
    png = chrome.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                 "clip": {"x": 0, "y": 0, "width": width, "height": height,
                                                          "scale": 1}})["data"]
    os.makedirs(sheets_dir, exist_ok=True)
    target = os.path.join(sheets_dir, name.replace(".slides.html", ".png"))
    with open(target + ".tmp", "wb") as f:
        f.write(base64.b64decode(png))
    os.replace(target + ".tmp", target)


def run(chromium, decks, sheets_dir, cell_names_of, log):
    """Checks the decks; prints the table and the problems; returns the number of failed decks."""
    chrome = Chromium(chromium, log)
    failed = 0
    try:
        open_page(chrome)
        print("%-38s %6s %8s  %s" % ("deck", "slides", "too tall", "tallest"))
        for deck in decks:
            t0 = time.monotonic()
            problems, slides = check_deck(chrome, deck, sheets_dir, cell_names_of(deck))
            tall = sum(s["height"] > HEIGHT + TOLERANCE for s in slides)
            top = max(slides, key=lambda s: s["height"]) if slides else None
            print("%-38s %6d %8d  %s   [%.1f s]" % (
                os.path.basename(deck), len(slides), tall,
                "%d px (%d/%d %s)" % (top["height"], top["h"], top["v"], top["title"]) if top else "-",
                time.monotonic() - t0), flush=True)
            for p in problems:
                print("    " + p)
            failed += bool(problems)
    finally:
        chrome.close()
    return failed
