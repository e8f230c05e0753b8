"""Search in the browser: ranking, phrases, prefixes, folded accents and Arabic variants, Chinese
and Japanese words inside running text (on a small site written here), and what a query costs
on a generated site of 2,000 articles (bytes transferred, measured from Chromium's resource
timing)."""

import re
import subprocess
import sys
import time
from pathlib import Path

from selenium.webdriver.common.keys import Keys

from harness import (
    REPO, Server, axe_violations, build_site, console_errors, find_all, make_driver, read_search_index, set_color_scheme,
    test, wait_until,
)
from test_conformance import run_vnu

ARTICLES = {
    "coffee": ("Notes on coffee", "2024-01-01", "The café in Zürich serves a naïve espresso.\n\nBy the quiet harbour gate we waited."),
    "harbour": ("Harbour", "2024-01-02", "The gate of the harbour was quiet at night."),
    "travel": ("Travel", "2024-01-03", "私は東京都に住んでいます。会议在北京举行。"),
    "arabic": ("Arabic", "2024-01-04", "ذهبنا إلى المَدْرَسَة الجديدة"),
    "pipelines": ("Pipelines", "2024-01-05", "Nothing else here."),
    "mentions": ("Other things", "2024-01-06", "Pipelines, pipelines and pipelines again. The Quad met."),
}


def small_site(ctx):
    """The site the ranking tests search, built once."""
    if getattr(ctx, "search_site", None):
        return ctx.search_site
    content = ctx.temp / "search-content"
    (content / "articles").mkdir(parents=True)
    (content / "glossary").mkdir()
    (content / "site.yml").write_text("title: Search test\nbase_url: https://example.org/\n", encoding="utf-8")
    for slug, (title, date, body) in ARTICLES.items():
        (content / "articles" / f"{slug}.md").write_text(f"---\ntitle: {title}\ndate: {date}\n---\n{body}\n", encoding="utf-8")
    (content / "glossary" / "quad.md").write_text(
        "---\nterm: Quadrilateral Security Dialogue\naliases: [\"Quad\"]\ncategory: concept\n"
        "summary: Four democracies talking.\n---\nBody.\n",
        encoding="utf-8",
    )
    site = ctx.temp / "search-site"
    build_site(ctx.gloss, content, site)
    ctx.search_site = site
    return site


def results_for(driver, query):
    """[(title, kind)] of the results a query shows."""
    box = driver.find_element("css selector", "#site-search-input")
    box.clear()
    box.send_keys(query)
    wait_until(
        driver,
        lambda d: d.find_element("css selector", "#site-search-status").text and d.execute_script(
            "return document.querySelector('#site-search-input').value") == query,
        message=f"no answer for {query!r}",
    )
    time.sleep(0.3)  # the typing pause and the fragments
    wait_until(driver, lambda d: d.find_element("css selector", "#site-search-status").text)
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#site-search-results [role=option]')).map(o =>"
        " [o.querySelector('.search-result-title').textContent, o.querySelector('.search-result-kind').textContent])"
    )


@test
def search_ranks_folds_and_finds_words_in_any_script(ctx):
    site = small_site(ctx)
    driver = ctx.driver("wide")
    driver.get((site / "index.html").as_uri())  # from file://: the index loads as scripts
    checks = [
        # Accents folded, either way round.
        ("cafe zurich", "Notes on coffee"),
        ("Café Zürich", "Notes on coffee"),
        # A half-typed word: its completions.
        ("espre", "Notes on coffee"),
        # A title outranks a body that says the word three times.
        ("pipelines", "Pipelines"),
        # An entry's alias comes above the articles that mention it.
        ("quad", "Quadrilateral Security Dialogue"),
        # Chinese and Japanese words inside running text.
        ("東京", "Travel"),
        ("京都", "Travel"),
        ("北京", "Travel"),
        # Arabic without its harakat, with a plain alef for the hamza.
        ("الى المدرسة", "Arabic"),
    ]
    for query, title in checks:
        results = results_for(driver, query)
        assert results and results[0][0] == title, f"first result for {query!r}: {results}"
    assert results_for(driver, "quad")[0][1].startswith("Glossary"), "the entry is not shown as one"
    # An exact phrase: the article that has the words apart is left out.
    titles = {title for title, _ in results_for(driver, '"quiet harbour gate"')}
    assert titles == {"Notes on coffee"}, titles
    # Without quotes both are found, but where the words stand together comes first, above
    # the article whose title has one of them.
    results = results_for(driver, "quiet harbour gate")
    assert {title for title, _ in results} == {"Notes on coffee", "Harbour"}, results
    assert results[0][0] == "Notes on coffee", results
    assert results_for(driver, "harbour")[0][0] == "Harbour", "the title no longer counts most"
    assert results_for(driver, "東京大学") == [], "a CJK word the text does not have was found"
    assert not console_errors(driver)


def transferred_after(driver, start):
    """Bytes of the resources fetched since resource-timing entry number `start`."""
    return driver.execute_script(
        "return performance.getEntriesByType('resource').slice(arguments[0])"
        ".map(e => [e.name, e.transferSize])",
        start,
    )


def large_site(ctx):
    """A generated site of 2,000 articles and 300 glossary entries, built once: past the
    threshold at which each glossary category gets a page of its own."""
    if getattr(ctx, "large_site", None):
        return ctx.large_site
    started = time.time()
    corpus = ctx.temp / "corpus-2000"
    subprocess.run(
        [sys.executable, str(REPO / "Benchmarks" / "corpus.py"), str(corpus), "--articles", "2000", "--words", "300",
         "--terms", "300", "--spread", "even"],
        check=True, capture_output=True,
    )
    site = ctx.temp / "site-2000"
    build_site(ctx.gloss, corpus / "gloss" / "Content", site)
    print(f"  generated and built 2,000 articles in {time.time() - started:.1f} s")
    ctx.large_site = site
    return site


@test
def search_reads_little_of_a_2000_article_site(ctx):
    site = large_site(ctx)
    index = read_search_index(site)
    # A word only one article's title has, an alias, and the most common word; each from a fresh
    # page, so that nothing an earlier query loaded is counted out.
    titles = {}
    for article in index["articles"]:
        for word in re.findall(r"\w+", article["title"].lower()):
            titles.setdefault(word, []).append(article["title"])
    rare = next(word for word, found in sorted(titles.items()) if len(found) == 1 and len(word) > 5)
    entry = next(e for e in index["entries"] if e["aliases"] and len(e["aliases"][0]) > 3)
    alias = entry["aliases"][0]
    server = Server(site)
    driver = make_driver(1400, 1000)
    try:
        driver.set_page_load_timeout(30)
        driver.execute_cdp_cmd("Performance.enable", {})
        driver.execute_script("performance.setResourceTimingBufferSize(10000)")
        for query, expected in [(rare, titles[rare][0]), (alias, entry["term"]), ("the", None)]:
            driver.get(server.url + "index.html")
            wait_until(driver, lambda d: d.execute_script("return document.readyState") == "complete")
            driver.execute_script("performance.setResourceTimingBufferSize(10000)")
            start = driver.execute_script("return performance.getEntriesByType('resource').length")
            # When the results list last changed: measured against when the last file arrived.
            driver.execute_script(
                "window.shownAt = 0; new MutationObserver(() => { window.shownAt = performance.now(); })"
                ".observe(document.getElementById('site-search-results'), { childList: true });"
            )
            results = results_for(driver, query)
            arrived = driver.execute_script(
                "return Math.max(...performance.getEntriesByType('resource').slice(arguments[0]).map(e => e.responseEnd))",
                start,
            )
            elapsed = driver.execute_script("return window.shownAt") - arrived
            assert results, f"no results for {query!r}"
            if expected:
                assert expected in [title for title, _ in results[:3]], f"{query!r}: {results[:3]}"
            fetched = transferred_after(driver, start)
            total = sum(size for _, size in fetched)
            print(f"  {query!r}: {len(fetched)} files, {total / 1024:.1f} KB, results {elapsed:.0f} ms after the last file")
            assert 0 <= elapsed < 100, f"{query!r}: results {elapsed:.0f} ms after the last file arrived"
            assert all(size > 0 for _, size in fetched), f"sizes not reported: {fetched}"
            assert total < 300 * 1024, f"{query!r} transferred {total} bytes: {fetched}"
        assert not console_errors(driver)
    finally:
        driver.quit()
        server.close()


@test
def a_large_glossarys_index_and_category_pages_are_valid_and_accessible(ctx):
    """The 300 entries of the 2,000-article site: the glossary index links to a page per
    category; those pages and the index pass the Nu checker and axe in both colour schemes."""
    site = large_site(ctx)
    index = site / "glossary" / "index.html"
    categories = sorted((site / "categories").glob("*/index.html"))
    assert categories, "a glossary of 300 entries has no category pages"
    html = index.read_text(encoding="utf-8")
    for page in categories:
        assert f'href="../categories/{page.parent.name}/index.html"' in html, f"the index does not link to {page}"
    assert index.stat().st_size < 300 * 1024, f"the glossary index is {index.stat().st_size} bytes"
    entry = next((site / "glossary").glob("*/index.html"))
    errors = [
        f"{m.get('url', '').split(site.as_posix())[-1]}:{m.get('lastLine', '?')}: {m.get('message')}"
        for m in run_vnu([index, entry, *categories])
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:20])
    server = Server(site)
    driver = make_driver(1400, 1000)
    problems = []
    try:
        for scheme in ["light", "dark"]:
            set_color_scheme(driver, scheme)
            for page in [index, categories[0]]:
                path = page.relative_to(site).as_posix()
                driver.get(server.url + path)
                wait_until(driver, lambda d: d.execute_script("return document.readyState") == "complete")
                problems += [f"{scheme} {path}: {v}" for v in axe_violations(driver)]
        assert not console_errors(driver)
    finally:
        driver.quit()
        server.close()
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems[:20])
