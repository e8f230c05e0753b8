"""Resident memory of `gloss serve` on a site: after the first build, and after 20 edits of an
article (each waited for until the server reports the rebuild). Works on a copy of the content,
which is removed afterwards. Prints one JSON object.

    python3 Benchmarks/serve_memory.py GLOSS CONTENT THEME [--edits 20]
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def status(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_gloss/status", timeout=30) as response:
        return json.load(response)


def main():
    gloss, content, theme = sys.argv[1:4]
    edits = int(sys.argv[sys.argv.index("--edits") + 1]) if "--edits" in sys.argv else 20
    temp = tempfile.mkdtemp(prefix="gloss-serve-memory-")
    copy = os.path.join(temp, "Content")
    shutil.copytree(content, copy)
    port = free_port()
    server = subprocess.Popen(
        [gloss, "serve", "--content", copy, "--theme", theme, "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        server.stdout.readline()  # "Serving http://…"
        started = time.time()
        while True:
            try:
                if status(port)["generation"] >= 1:
                    break
            except OSError:
                pass
            if time.time() - started > 600:
                raise RuntimeError("the first build did not finish")
            time.sleep(0.2)
        first_build_s = time.time() - started
        after_build = rss_kb(server.pid)
        articles = sorted(os.listdir(os.path.join(copy, "articles")))
        target = os.path.join(copy, "articles", next(a for a in articles if a.endswith(".md")))
        generation = status(port)["generation"]
        for index in range(edits):
            with open(target, "a", encoding="utf-8") as article:
                article.write(f"\nAn added sentence, edit {index}.\n")
            deadline = time.time() + 120
            while status(port)["generation"] <= generation:
                if time.time() > deadline:
                    raise RuntimeError(f"edit {index} was not rebuilt")
                time.sleep(0.05)
            generation = status(port)["generation"]
        after_edits = rss_kb(server.pid)
        # Still answering: a page of the last good build.
        slug = os.path.splitext(os.path.basename(target))[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/articles/{slug}/", timeout=30) as response:
            page_ok = response.status == 200 and b"edit %d" % (edits - 1) in response.read()
        print(json.dumps({
            "first_build_s": round(first_build_s, 1),
            "rss_after_build_mb": round(after_build / 1024),
            "rss_after_edits_mb": round(after_edits / 1024),
            "edits": edits,
            "page_ok": page_ok,
        }))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    main()
