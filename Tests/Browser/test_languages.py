"""The Chinese and Urdu fixture sites (Tests/Fixtures/sites/zh, ur) in Chromium: valid HTML,
no axe violations in light and dark mode, nothing wider than a 390 px phone, previews in the
page's language placed where the term starts (its right edge in Urdu), the Urdu page mirrored
(paragraph numbers and notes on the right-hand side… of the text's start), and screenshots
docs/screenshots/i18n-{zh,ur}-{wide,narrow}-{light,dark}.png.

A Han term inside running text links and previews, and search finds Chinese and Urdu words."""

import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from harness import REPO, SCREENSHOTS, Server, axe_violations, build_site, find, rect, set_color_scheme, test, wait_until
from test_conformance import run_vnu
from test_reading import no_horizontal_overflow

SITES = {"zh": "articles/heron/index.html", "ur": "articles/indus/index.html"}
# A Latin-script term of each article, with what its preview's link says in the language.
TERMS = {"zh": ("dunmore", "阅读完整词条"), "ur": ("indus", "پورا اندراج پڑھیں")}

_built = {}


def site(ctx, name):
    """The fixture site `name`, built once into the run's temporary folder and served."""
    if name not in _built:
        # Served under its base_url's path (https://example.org/<name>/), which the 404 page's
        # links are written from.
        root = ctx.temp / f"site-{name}"
        folder = root / name
        build_site(ctx.gloss, REPO / "Tests" / "Fixtures" / "sites" / name / "Content", folder)
        _built[name] = (folder, Server(root))
        ctx_close = ctx.close

        def close():
            for _, server in _built.values():
                server.close()
            _built.clear()
            ctx_close()

        ctx.close = close
    return _built[name]


def pages(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))


def load(ctx, driver_name, name, page, scheme="light"):
    folder, server = site(ctx, name)
    driver = ctx.driver(driver_name)
    set_color_scheme(driver, scheme)
    driver.get(server.url + name + "/" + page)
    wait_until(driver, lambda d: d.execute_script("return document.readyState") == "complete")
    return driver


@test
def language_sites_pass_the_nu_html_checker(ctx):
    for name in SITES:
        folder, _ = site(ctx, name)
        errors = [f"{name}/{m.get('url', '').split(folder.as_posix())[-1]}:{m.get('lastLine', '?')}: {m.get('message')}" for m in run_vnu([folder / p for p in pages(folder)])]
        assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:20])


@test
def language_sites_have_no_axe_violations_in_light_and_dark(ctx):
    problems = []
    for name in SITES:
        folder, _ = site(ctx, name)
        for scheme in ["light", "dark"]:
            for page in pages(folder):
                driver = load(ctx, "wide", name, page, scheme)
                problems += [f"{name} {scheme} {page}: {v}" for v in axe_violations(driver)]
    set_color_scheme(ctx.driver("wide"), "light")
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems[:20])


@test
def language_sites_fit_a_phone_and_a_wide_screen(ctx):
    for name in SITES:
        folder, _ = site(ctx, name)
        for driver_name in ["narrow", "wide"]:
            for page in pages(folder):
                driver = load(ctx, driver_name, name, page)
                problems = no_horizontal_overflow(driver)
                assert not problems, f"{name} {page} at {driver_name}: {problems}"


@test
def previews_speak_the_page_language_and_start_where_the_term_starts(ctx):
    for name, article in SITES.items():
        term, read_more = TERMS[name]
        driver = load(ctx, "wide", name, article)
        link = find(driver, f'.article-body a.term[data-term="{term}"]')
        driver.execute_script("window.scrollTo(0, arguments[0].getBoundingClientRect().top + scrollY - 300)", link)
        ActionChains(driver, duration=0).move_to_element(link).perform()
        tip = wait_until(driver, lambda d: (lambda t: t if t.is_displayed() else None)(find(d, f"#tip-{term}")), message="no preview")
        assert find(driver, f"#tip-{term} .term-tip-more a").text == read_more
        term_box, tip_box = rect(driver, link), rect(driver, tip)
        assert tip_box["top"] >= term_box["bottom"] or tip_box["bottom"] <= term_box["top"], "the preview covers its term"
        if name == "ur":
            assert abs(tip_box["right"] - term_box["right"]) <= 2, f"Urdu preview not level with the term's start: {tip_box} {term_box}"
        else:
            assert abs(tip_box["left"] - term_box["left"]) <= 2, f"preview not level with the term's start: {tip_box} {term_box}"
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()


@test
def the_urdu_page_is_mirrored(ctx):
    driver = load(ctx, "wide", "ur", SITES["ur"])
    assert driver.execute_script("return document.documentElement.dir") == "rtl"
    paragraph = find(driver, ".article-body > p[id^='p-']")
    number = find(driver, ".para-link")
    assert rect(driver, number)["left"] >= rect(driver, paragraph)["right"] - 1, "paragraph numbers are not on the right"
    note = wait_until(driver, lambda d: (lambda n: n if n.is_displayed() else None)(find(d, "aside.sidenote")))
    assert rect(driver, note)["right"] <= rect(driver, paragraph)["left"] + 1, "the note is not in the left-hand margin"
    # The Arabic script has no italics: the standfirst stays upright (English sets it slanted).
    assert driver.execute_script("return getComputedStyle(document.querySelector('.standfirst')).fontStyle") == "normal"
    english = load(ctx, "wide", "ur", "articles/delta/index.html")
    assert english.execute_script("return getComputedStyle(document.querySelector('.standfirst')).fontStyle") == "italic"
    assert english.execute_script("return [document.documentElement.lang, document.documentElement.dir]") == ["en", "ltr"]


@test
def screenshots_of_the_language_sites(ctx):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, article in SITES.items():
        for driver_name in ["wide", "narrow"]:
            for scheme in ["light", "dark"]:
                driver = load(ctx, driver_name, name, article, scheme)
                driver.execute_script("window.scrollTo(0, 0)")
                time.sleep(0.3)
                path = SCREENSHOTS / f"i18n-{name}-{driver_name}-{scheme}.png"
                driver.save_screenshot(str(path))
                assert path.stat().st_size > 10_000
    set_color_scheme(ctx.driver("wide"), "light")
    set_color_scheme(ctx.driver("narrow"), "light")


@test
def chinese_terms_preview_and_search_finds_words_in_chinese_and_urdu_text(ctx):
    from test_search import results_for

    # A Han term inside running text (苍鹭, with no spaces around it) is linked and previews.
    driver = load(ctx, "wide", "zh", SITES["zh"])
    link = find(driver, '.article-body a.term[data-term="heron"]')
    assert link.text == "苍鹭", link.text
    driver.execute_script("window.scrollTo(0, arguments[0].getBoundingClientRect().top + scrollY - 300)", link)
    ActionChains(driver, duration=0).move_to_element(link).perform()
    wait_until(driver, lambda d: find(d, "#tip-heron").is_displayed(), message="no preview for 苍鹭")
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    # Search finds a Chinese word inside running text, and Urdu words whether typed with the
    # Urdu or the Arabic letter forms.
    checks = [
        ("zh", "盐沼", "清晨的苍鹭"),
        ("zh", "追踪", "清晨的苍鹭"),
        ("ur", "ڈولفن", "دریا اور شہر"),
        ("ur", "دريا", "دریا اور شہر"),  # Arabic yeh (U+064A) for the Urdu one in the text
    ]
    for name, query, title in checks:
        driver = load(ctx, "wide", name, "index.html")
        titles = [found for found, _ in results_for(driver, query)]
        assert title in titles, f"{name}: {query!r} found {titles}"
