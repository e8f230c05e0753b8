"""The machinery of the browser tests: build the site into a temporary folder, serve it on
127.0.0.1, drive Debian's Chromium through chromedriver (Selenium), and run the test functions
with a plain pass/fail count (the closing line `N passed, M failed` is what CI reads).

Nothing here touches the repository's Site/: the site is built from Content/ and Theme/ with the
gloss binary into a temporary directory."""

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "sino-russian-nexus"
ARTICLE_PATH = f"articles/{ARTICLE}/index.html"
SCREENSHOTS = REPO / "docs" / "screenshots"


# ---------------------------------------------------------------- building the site


def gloss_binary():
    """The gloss executable: $GLOSS_BIN, or the package's own build folder (built if missing)."""
    explicit = os.environ.get("GLOSS_BIN")
    if explicit:
        return Path(explicit)
    extra = os.environ.get("GLOSS_SWIFT_BUILD_FLAGS", "").split()
    folder = subprocess.run(
        ["swift", "build", "--show-bin-path", *extra], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout.strip()
    binary = Path(folder) / "gloss"
    if not binary.exists():
        subprocess.run(["swift", "build", "--product", "gloss", *extra], cwd=REPO, check=True)
    return binary


def build_site(binary, content, output):
    result = subprocess.run(
        [str(binary), "build", "--content", str(content), "--theme", str(REPO / "Theme"), "--output", str(output)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"gloss build failed ({result.returncode}):\n{result.stderr}")
    return result


def search_call(path):
    """The arguments of one search-index file's `window.glossSearch.<kind>(…);` call, as a list."""
    text = path.read_text(encoding="utf-8")
    start = text.index("(") + 1
    assert text.startswith("window.glossSearch.") and text.endswith(");\n"), path
    return json.loads("[" + text[start:-3] + "]")


def read_search_index(site):
    """The search index as one object: {"manifest", "entries", "articles" (by number)}."""
    manifest = search_call(site / "search" / "index.js")[0]
    articles = [search_call(site / "search" / "d" / f"{n}.js")[1] for n in range(manifest["documents"])]
    return {"manifest": manifest, "entries": search_call(site / "search" / "entries.js")[0], "articles": articles}


# ---------------------------------------------------------------- serving it


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def end_headers(self):
        # Every test run starts from what is on disk now.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class Server:
    def __init__(self, directory):
        handler = functools.partial(QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# ---------------------------------------------------------------- the browser


def make_driver(width=1400, height=1000, mobile=False, javascript=True, downloads=None):
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--lang=en-GB",
        "--no-first-run",
        "--disable-extensions",
        "--allow-file-access-from-files",
        f"--window-size={width},{height}",
    ]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    prefs = {}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    if downloads:
        prefs["download.default_directory"] = str(downloads)
        prefs["download.prompt_for_download"] = False
    if prefs:
        options.add_experimental_option("prefs", prefs)
    if mobile:
        options.add_experimental_option(
            "mobileEmulation",
            {
                "deviceMetrics": {"width": width, "height": height, "pixelRatio": 2.0, "touch": True},
                "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                "Chrome/124.0 Mobile Safari/537.36",
            },
        )
    service = Service(os.environ.get("CHROMEDRIVER", shutil.which("chromedriver") or "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    if not mobile:
        # The viewport exactly as asked, whatever the window decorations.
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
    if downloads:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.set_script_timeout(60)
    return driver


def set_color_scheme(driver, scheme):
    """Emulates the system colour scheme ("light" or "dark") for this tab."""
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]}
    )


def set_media(driver, media):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})


def console_errors(driver):
    """Severe console entries since the last call (reading the log empties it)."""
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def wait_until(driver, condition, timeout=5, message=""):
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: condition(d), message)


def visible(element):
    return element.is_displayed()


def rect(driver, element):
    return driver.execute_script(
        "var r = arguments[0].getBoundingClientRect();"
        "return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height};",
        element,
    )


def intersects(a, b, tolerance=0.5):
    return (
        a["left"] < b["right"] - tolerance
        and b["left"] < a["right"] - tolerance
        and a["top"] < b["bottom"] - tolerance
        and b["top"] < a["bottom"] - tolerance
    )


def find(driver, selector):
    return driver.find_element(By.CSS_SELECTOR, selector)


def find_all(driver, selector):
    return driver.find_elements(By.CSS_SELECTOR, selector)


# ---------------------------------------------------------------- axe-core


def axe_script():
    """axe-core's source: the newest one installed (axe-playwright-python ships axe 4.x, used here
    without Playwright), else the one axe-selenium-python bundles."""
    candidates = []
    try:
        import axe_playwright_python

        candidates.append(Path(axe_playwright_python.__file__).parent / "axe.min.js")
    except ImportError:
        pass
    try:
        import axe_selenium_python

        candidates.append(Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js")
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    raise RuntimeError("axe-core not found: pip install axe-selenium-python")


_AXE = None


def axe_violations(driver, context=None):
    """Runs axe-core on the current page (WCAG 2.x A/AA and best practices) and returns its
    violations as short strings."""
    global _AXE
    if _AXE is None:
        _AXE = axe_script()
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(_AXE)
    # Colours are measured as painted: a preview still fading in would fail contrast checks
    # that the settled page passes, so wait until no animation or transition is running.
    driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "Promise.all(document.getAnimations().map(function (a) { return a.finished.catch(function () {}); }))"
        ".then(function () { done(); });"
    )
    results = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(arguments[0] || document, {resultTypes: ['violations']})"
        ".then(function (r) { done(r.violations); }, function (e) { done([{id: 'axe-error', help: String(e), nodes: []}]); });",
        context,
    )
    found = []
    for violation in results:
        targets = [" ".join(map(str, node.get("target", []))) for node in violation.get("nodes", [])][:4]
        found.append(f"{violation['id']}: {violation.get('help', '')} at {targets}")
    return found


# ---------------------------------------------------------------- the runner


class Context:
    """What the tests share: the built site, the server, and browsers made on first use."""

    def __init__(self):
        self.temp = Path(tempfile.mkdtemp(prefix="gloss-browser-"))
        self.gloss = gloss_binary()
        self.site = self.temp / "site"
        build_site(self.gloss, REPO / "Content", self.site)
        self.server = Server(self.site)
        self.index = read_search_index(self.site)
        self._drivers = {}

    def url(self, path=""):
        return self.server.url + path

    def file_url(self, path=""):
        return (self.site / path).as_uri()

    def pages(self):
        return sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html"))

    def driver(self, name="wide"):
        if name not in self._drivers:
            if name == "wide":
                self._drivers[name] = make_driver(1400, 1000)
            elif name == "narrow":
                self._drivers[name] = make_driver(390, 844, mobile=True)
            elif name == "nojs":
                self._drivers[name] = make_driver(1400, 1000, javascript=False)
            elif name == "downloads":
                folder = self.temp / "downloads"
                folder.mkdir(exist_ok=True)
                self._drivers[name] = make_driver(1400, 1000, downloads=folder)
            else:
                raise KeyError(name)
        return self._drivers[name]

    def fresh(self, name, path, scheme="light"):
        """A page loaded from scratch in light or dark mode, with its log emptied."""
        driver = self.driver(name)
        set_color_scheme(driver, scheme)
        driver.get(self.url(path) if not path.startswith(("http:", "file:")) else path)
        wait_until(driver, lambda d: d.execute_script("return document.readyState") == "complete")
        return driver

    def entry(self, entry_id):
        return next(e for e in self.index["entries"] if e["id"] == entry_id)

    def close(self):
        for driver in self._drivers.values():
            try:
                driver.quit()
            except Exception:
                pass
        self.server.close()
        shutil.rmtree(self.temp, ignore_errors=True)


TESTS = []


def test(function):
    TESTS.append(function)
    return function


def run(selected=None):
    started = time.time()
    passed = failed = 0
    failures = []
    try:
        context = Context()
    except Exception:
        traceback.print_exc()
        print("setup failed: the site could not be built or the browser did not start")
        print("0 passed, 1 failed")
        return 1
    try:
        for function in TESTS:
            if selected and not any(s in function.__name__ for s in selected):
                continue
            t0 = time.time()
            try:
                function(context)
            except Exception as error:  # an assertion or a browser error: either fails the test
                failed += 1
                failures.append(function.__name__)
                print(f"FAIL {function.__name__} ({time.time() - t0:.1f} s)")
                detail = traceback.format_exc() if not isinstance(error, AssertionError) else f"  {error}"
                print(detail.rstrip())
            else:
                passed += 1
                print(f"ok   {function.__name__} ({time.time() - t0:.1f} s)")
            sys.stdout.flush()
    finally:
        context.close()
    print(f"browser tests took {time.time() - started:.0f} s" + (f"; failed: {', '.join(failures)}" if failures else ""))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0
