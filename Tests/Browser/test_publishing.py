"""Publishing recipes, run as a publisher would run them: the site built for a sub-path with
`--base-url` and `--compress`, served by nginx with docs/recipes/nginx.conf exactly as the
README shows it (only the port and the folder changed), then every internal link, a term
preview, search and the 404 page checked in Chromium at that address."""

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from selenium.webdriver.common.by import By

from harness import REPO, console_errors, find, find_all, test, wait_until
from test_reading import search_and_open, tip_state

RECIPE = REPO / "docs" / "recipes" / "nginx.conf"
SUBPATH = "/readings/"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Nginx:
    """nginx running the recipe: `listen 80` becomes a free loopback port and /srv/www a
    temporary folder holding the site at readings/. Nothing else in the recipe is touched."""

    def __init__(self, gloss):
        self.temp = Path(tempfile.mkdtemp(prefix="gloss-nginx-"))
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}{SUBPATH}"
        www = self.temp / "www"
        site = www / SUBPATH.strip("/")
        result = subprocess.run(
            [str(gloss), "build", "--content", str(REPO / "Content"), "--theme", str(REPO / "Theme"),
             "--output", str(site), "--base-url", self.base, "--compress"],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"gloss build failed:\n{result.stderr}")
        recipe = RECIPE.read_text(encoding="utf-8")
        assert "listen 80;" in recipe and "root /srv/www;" in recipe, "the recipe's listen or root line moved"
        server = recipe.replace("listen 80;", f"listen 127.0.0.1:{self.port};").replace(
            "root /srv/www;", f"root {www};"
        )
        (self.temp / "logs").mkdir()
        (self.temp / "gloss.conf").write_text(server, encoding="utf-8")
        user = "user root;\n" if os.geteuid() == 0 else ""
        (self.temp / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {self.temp}/nginx.pid;\nerror_log {self.temp}/logs/error.log;\n"
            "events { worker_connections 64; }\n"
            "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
            f"  access_log off;\n  client_body_temp_path {self.temp}/body;\n  proxy_temp_path {self.temp}/proxy;\n"
            f"  fastcgi_temp_path {self.temp}/fastcgi;\n  uwsgi_temp_path {self.temp}/uwsgi;\n"
            f"  scgi_temp_path {self.temp}/scgi;\n  include {self.temp}/gloss.conf;\n}}\n",
            encoding="utf-8",
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        check = subprocess.run([nginx, "-t", "-p", str(self.temp), "-c", str(self.temp / "nginx.conf")],
                               capture_output=True, text=True)
        assert check.returncode == 0, f"nginx -t rejects the recipe:\n{check.stderr}"
        self.process = subprocess.Popen(
            [nginx, "-p", str(self.temp), "-c", str(self.temp / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("nginx did not start")

    def get(self, url, headers=None):
        """(status, headers, body) without following redirects."""
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        request = urllib.request.Request(url, headers=headers or {})
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.temp, ignore_errors=True)


def internal_links(driver, base):
    """Every URL the page links to or loads, resolved, that is on this server."""
    urls = driver.execute_script(
        "var out = [];"
        "document.querySelectorAll('a[href], link[href], script[src], img[src], image[href]').forEach(function (e) {"
        "  var v = e.getAttribute('href') || e.getAttribute('src');"
        "  if (v && !v.startsWith('#') && !v.startsWith('mailto:')) out.push(new URL(v, document.baseURI).href);"
        "});"
        "return out;"
    )
    origin = base[: base.index("/", len("http://"))]
    return {urllib.parse.urldefrag(u)[0] for u in urls if u.startswith(origin)}


@test
def the_site_works_under_a_sub_path_behind_nginx(ctx):
    server = Nginx(ctx.gloss)
    try:
        driver = ctx.fresh("wide", server.base)
        # Every page, crawled from the home page: each link on it resolves under the sub-path
        # and is there.
        seen, queue, checked = set(), [server.base], set()
        while queue:
            page = queue.pop()
            if page in seen:
                continue
            seen.add(page)
            driver.get(page)
            wait_until(driver, lambda d: d.execute_script("return document.readyState") == "complete")
            assert not console_errors(driver), f"console errors on {page}"
            for url in internal_links(driver, server.base):
                assert url.startswith(server.base), f"{page} links outside {SUBPATH}: {url}"
                if url not in checked:
                    checked.add(url)
                    status, _, _ = server.get(url)
                    assert status == 200, f"{page} links to {url}: HTTP {status}"
                if url.endswith(".html") or url.endswith("/"):
                    queue.append(url)
        assert len(seen) >= 60, f"crawled only {len(seen)} pages"
        # Clean URLs and the bare sub-path work as the sitemap writes them.
        assert server.get(server.base + "glossary/aukus/")[0] == 200
        status, headers, _ = server.get(server.base.rstrip("/"))
        assert status == 301 and headers["Location"].endswith(SUBPATH), f"bare sub-path: {status}"
        sitemap = server.get(server.base + "sitemap.xml")[2].decode("utf-8")
        assert f"<loc>{server.base}glossary/aukus/</loc>" in sitemap

        # --compress and the recipe's gzip_static: the .gz copy goes to browsers that take gzip.
        status, headers, body = server.get(server.base, {"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip", dict(headers)

        # A term preview on the article.
        driver.get(server.base + "articles/sino-russian-nexus/index.html")
        term = find(driver, '.article-body > p a.term[data-term="aukus"]')
        driver.execute_script("arguments[0].focus()", term)
        wait_until(driver, lambda d: (tip_state(d, "tip-aukus") or {}).get("visible"), message="no preview")

        # Search, from the home page, to an entry.
        driver.get(server.base)
        driver.execute_script("document.activeElement && document.activeElement.blur()")
        search_and_open(ctx, driver, "AUKUS", "AUKUS")
        wait_until(driver, lambda d: d.current_url.startswith(server.base + "glossary/aukus/"),
                   message=f"search went to {driver.current_url}")

        # The 404 page at a missing address two folders deep: its styles and links still work.
        missing = server.base + "articles/no-such-article/"
        assert server.get(missing)[0] == 404
        driver.get(missing)
        wait_until(driver, lambda d: d.execute_script("return document.readyState") == "complete")
        assert driver.execute_script(
            "return Array.from(document.styleSheets).some(function (s) { try { return s.cssRules.length > 0 } catch (e) { return false } })"
        ), "the 404 page has no styles"
        for url in internal_links(driver, server.base):
            assert url.startswith(server.base), f"the 404 page links outside {SUBPATH}: {url}"
            assert server.get(url)[0] == 200, f"the 404 page links to {url}"
        # The browser logs the 404 status itself; nothing else may go wrong.
        errors = [e for e in console_errors(driver) if "404 (Not Found)" not in e.get("message", "")]
        assert not errors, errors
    finally:
        server.close()
