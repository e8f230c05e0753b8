"""The reading experience, checked in a real browser: term previews (hover, keyboard, touch,
nested), editor's notes (margin, in place, keyboard, without JavaScript, print), study mode
(select, note, re-anchor, export, import with the real CLI), search, concept map, dark mode,
layout at 1400 and 390 px, and screenshots for the README."""

import json
import re
import shutil
import subprocess
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions import interaction
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.webdriver.common.keys import Keys

from harness import (
    ARTICLE,
    ARTICLE_PATH,
    REPO,
    SCREENSHOTS,
    build_site,
    console_errors,
    find,
    find_all,
    intersects,
    rect,
    set_color_scheme,
    set_media,
    test,
    wait_until,
)

HOVER_WAIT = 0.45  # the preview opens ~300 ms after the pointer arrives


def fold_space(text):
    return re.sub(r"\s+", " ", text).strip()


def tip_state(driver, tip_id):
    return driver.execute_script(
        "var t = document.getElementById(arguments[0]);"
        "if (!t) return null;"
        "var s = getComputedStyle(t);"
        "return {hidden: t.hidden, display: s.display, visible: !t.hidden && s.display !== 'none' && s.visibility !== 'hidden'};",
        tip_id,
    )


def first_term(driver, entry_id, scope=".article-body > p"):
    return find(driver, f'{scope} a.term[data-term="{entry_id}"]')


def layout_shift(driver):
    """Cumulative layout shift since the page loaded, not counting shifts right after input."""
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "var total = 0;"
        "try {"
        "  new PerformanceObserver(function (list) {"
        "    list.getEntries().forEach(function (e) { if (!e.hadRecentInput) total += e.value; });"
        "  }).observe({type: 'layout-shift', buffered: true});"
        "} catch (e) {}"
        "setTimeout(function () { done(total); }, 50);"
    )


def tap(driver, element):
    finger = PointerInput(interaction.POINTER_TOUCH, "finger")
    actions = ActionBuilder(driver, mouse=finger)
    actions.pointer_action.move_to(element).pointer_down().pause(0.05).pointer_up()
    actions.perform()


def tab_to(driver, predicate_js, limit=400):
    """Presses Tab from the top of the page until the focused element satisfies the predicate."""
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    find(driver, "body").send_keys(Keys.TAB)
    for _ in range(limit):
        if driver.execute_script(f"var el = document.activeElement; return !!(el && ({predicate_js}));"):
            return driver.switch_to.active_element
        ActionChains(driver).send_keys(Keys.TAB).perform()
    raise AssertionError(f"Tab never reached an element where {predicate_js}")


def no_horizontal_overflow(driver):
    return driver.execute_script(
        "var doc = document.documentElement;"
        "var width = doc.clientWidth;"
        "var bad = [];"
        "if (doc.scrollWidth > width + 1) bad.push('document ' + doc.scrollWidth + ' > ' + width);"
        "document.querySelectorAll('body *').forEach(function (el) {"
        "  var s = getComputedStyle(el);"
        "  if (s.display === 'none' || s.visibility === 'hidden' || s.position === 'fixed') return;"
        "  if (el.closest('.visually-hidden, [hidden]') || (el.parentElement && el.parentElement.closest('svg'))) return;"
        "  var r = el.getBoundingClientRect();"
        "  if (r.width === 0 || r.height === 0) return;"
        "  if (r.right > width + 1 || r.left < -1) bad.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));"
        "});"
        "return bad.slice(0, 8);"
    )


# ---------------------------------------------------------------- the build's outputs


@test
def search_index_is_written_deterministically(ctx):
    index = ctx.index
    assert index["manifest"]["version"] == 2
    assert any(e["term"] == "AUKUS" for e in index["entries"]), "AUKUS missing from search/entries.js"
    article = next(a for a in index["articles"] if a["slug"] == ARTICLE)
    assert article["paragraphs"][0]["n"] == 1
    assert not (ctx.site / "search.json").exists(), "the one-file index is still written"
    again = ctx.temp / "again"
    build_site(ctx.gloss, REPO / "Content", again)
    names = sorted(p.relative_to(ctx.site).as_posix() for p in (ctx.site / "search").rglob("*.js"))
    assert names == sorted(p.relative_to(again).as_posix() for p in (again / "search").rglob("*.js"))
    for name in names + ["glossary/index.html", ARTICLE_PATH]:
        assert (again / name).read_bytes() == (ctx.site / name).read_bytes(), f"{name} differs between two builds"
    shutil.rmtree(again)


# ---------------------------------------------------------------- term previews


@test
def hover_opens_the_preview_after_a_delay_beside_the_term(ctx):
    driver = ctx.fresh("wide", ARTICLE_PATH)
    link = first_term(driver, "vladimir-putin")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    before = rect(driver, find(driver, "#p-2"))
    ActionChains(driver, duration=0).move_to_element(link).perform()
    time.sleep(0.1)
    assert not tip_state(driver, "tip-vladimir-putin")["visible"], "opened before the hover delay"
    time.sleep(HOVER_WAIT)
    assert tip_state(driver, "tip-vladimir-putin")["visible"], "hover did not open the preview"
    tip = find(driver, "#tip-vladimir-putin")
    assert fold_space(find(driver, "#tip-vladimir-putin .term-tip-summary").text) == fold_space(
        ctx.entry("vladimir-putin")["summary"]
    )
    assert find(driver, "#tip-vladimir-putin .term-tip-category").get_attribute("textContent") == "Person"
    more = find(driver, "#tip-vladimir-putin .term-tip-more a")
    assert more.get_attribute("href").endswith("glossary/vladimir-putin/index.html")
    for line in driver.execute_script("return Array.from(arguments[0].getClientRects()).map(r => r.toJSON())", link):
        assert not intersects(line, rect(driver, tip)), "the preview covers its term"
    assert rect(driver, find(driver, "#p-2")) == before, "opening the preview moved the text"
    assert link.get_attribute("aria-describedby") == "tip-vladimir-putin"
    assert find(driver, "#tip-vladimir-putin").get_attribute("role") == "tooltip"
    ActionChains(driver).move_by_offset(0, 400).perform()
    wait_until(driver, lambda d: not tip_state(d, "tip-vladimir-putin")["visible"], message="leaving did not close")
    assert layout_shift(driver) < 0.01
    assert not console_errors(driver)


@test
def escape_closes_the_preview(ctx):
    driver = ctx.fresh("wide", ARTICLE_PATH)
    link = first_term(driver, "quad")
    ActionChains(driver).move_to_element(link).perform()
    wait_until(driver, lambda d: tip_state(d, "tip-quad")["visible"], message="hover did not open")
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    wait_until(driver, lambda d: not tip_state(d, "tip-quad")["visible"], message="Escape did not close")


@test
def keyboard_focus_opens_the_preview_and_escape_closes_it(ctx):
    driver = ctx.fresh("wide", ARTICLE_PATH)
    focused = tab_to(driver, "el.matches('.article-body a.term')")
    term = focused.get_attribute("data-term")
    tip_id = f"tip-{term}"
    assert tip_state(driver, tip_id)["visible"], "focus did not open the preview"
    assert focused.get_attribute("aria-describedby") == tip_id
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert not tip_state(driver, tip_id)["visible"], "Escape did not close the focused preview"
    assert driver.switch_to.active_element == focused, "Escape moved the focus"
    ActionChains(driver).send_keys(Keys.TAB).perform()
    assert not tip_state(driver, tip_id)["visible"], "moving on left the preview open"


@test
def tap_previews_then_follows_and_tapping_elsewhere_closes(ctx):
    driver = ctx.fresh("narrow", ARTICLE_PATH)
    link = first_term(driver, "putin-state-visit-2024")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    start = driver.current_url
    tap(driver, link)
    wait_until(driver, lambda d: tip_state(d, "tip-putin-state-visit-2024")["visible"], message="tap did not preview")
    assert driver.current_url == start, "the first tap followed the link"
    tip = find(driver, "#tip-putin-state-visit-2024")
    assert not intersects(rect(driver, link), rect(driver, tip)), "the preview covers its term"
    assert rect(driver, tip)["right"] <= 390 and rect(driver, tip)["left"] >= 0, "the preview leaves the screen"
    tap(driver, find(driver, "#p-3"))
    wait_until(driver, lambda d: not tip_state(d, "tip-putin-state-visit-2024")["visible"], message="tap elsewhere")
    tap(driver, link)
    wait_until(driver, lambda d: tip_state(d, "tip-putin-state-visit-2024")["visible"])
    tap(driver, link)
    wait_until(driver, lambda d: "glossary/putin-state-visit-2024/index.html" in d.current_url, message="second tap")


@test
def a_term_inside_a_preview_has_its_own_preview(ctx):
    driver = ctx.fresh("wide", ARTICLE_PATH)
    link = first_term(driver, "quad")
    ActionChains(driver).move_to_element(link).perform()
    wait_until(driver, lambda d: tip_state(d, "tip-quad")["visible"])
    nested = wait_until(
        driver,
        lambda d: (d.find_elements("css selector", '#tip-quad a.term-nested[data-nested-term="indo-pacific"]') or [None])[0],
        message="no nested term link in the Quad preview",
    )
    assert fold_space(find(driver, "#tip-quad .term-tip-summary").text) == fold_space(ctx.entry("quad")["summary"]), (
        "linking changed the summary's text"
    )
    ActionChains(driver).move_to_element(find(driver, "#tip-quad .term-tip-term")).move_to_element(nested).perform()
    wait_until(driver, lambda d: tip_state(d, "tip-nested-indo-pacific") and tip_state(d, "tip-nested-indo-pacific")["visible"],
               message="hovering the nested term did not open its preview")
    assert tip_state(driver, "tip-quad")["visible"], "the outer preview closed"
    assert fold_space(find(driver, "#tip-nested-indo-pacific .term-tip-summary").text) == fold_space(
        ctx.entry("indo-pacific")["summary"]
    )
    assert not find_all(driver, "#tip-nested-indo-pacific a.term-nested"), "previews nest more than one level"
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert not tip_state(driver, "tip-nested-indo-pacific")["visible"]
    assert tip_state(driver, "tip-quad")["visible"], "Escape closed both levels at once"
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert not tip_state(driver, "tip-quad")["visible"]


# ---------------------------------------------------------------- the article page


@test
def paragraphs_keep_the_authors_text(ctx):
    driver = ctx.fresh("wide", ARTICLE_PATH)
    article = next(a for a in ctx.index["articles"] if a["slug"] == ARTICLE)
    texts = driver.execute_script(
        "return Array.from(document.querySelectorAll('.article-body p[id^=\"p-\"]')).map(p => [p.id, p.textContent]);"
    )
    assert len(texts) == len(article["paragraphs"])
    for (pid, text), paragraph in zip(texts, article["paragraphs"]):
        assert pid == f"p-{paragraph['n']}"
        assert fold_space(text) == fold_space(paragraph["text"]), f"{pid} text differs from the author's"
    numbers = find_all(driver, "a.para-link")
    assert len(numbers) == len(texts) and numbers[0].get_attribute("href").endswith("#p-1")
    assert "min read" in find(driver, ".article-header .meta").text
    order = [a.get_attribute("href").split("/glossary/")[1].split("/")[0] for a in find_all(driver, ".term-list dt a")]
    seen = []
    for link in find_all(driver, ".article-body > p a.term[data-term]"):
        term = link.get_attribute("data-term")
        if term not in seen:
            seen.append(term)
    assert order[: len(seen)] == seen, "the terms list is not in the order the terms first appear"


@test
def paragraph_number_copies_its_link(ctx):
    driver = ctx.fresh("wide", ARTICLE_PATH)
    number = find(driver, 'a.para-link[href="#p-3"]')
    number.click()
    wait_until(driver, lambda d: d.current_url.endswith("#p-3"))
    wait_until(driver, lambda d: "paragraph 3" in find(d, ".status-toast").get_attribute("textContent"))


# ---------------------------------------------------------------- editor's notes


@test
def sidenotes_sit_beside_their_references_without_overlap_on_wide_screens(ctx):
    driver = ctx.fresh("wide", ARTICLE_PATH)
    body = rect(driver, find(driver, ".article-body"))
    asides = find_all(driver, ".article-body aside.sidenote[data-note]")
    assert len(asides) >= 12
    boxes = []
    for aside in asides:
        assert aside.is_displayed(), f"{aside.get_attribute('id')} hidden on a wide screen"
        box = rect(driver, aside)
        number = aside.get_attribute("data-note")
        reference = rect(driver, find(driver, f'a.note-ref[data-note="{number}"]'))
        assert box["left"] >= body["right"], f"note {number} overlaps the text column"
        assert box["right"] <= 1400, f"note {number} leaves the window"
        assert box["top"] >= reference["top"] - 8, f"note {number} starts above its reference"
        boxes.append((number, box))
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            assert not intersects(box_a, box_b), f"notes {a} and {b} overlap"
    first = find(driver, 'a.note-ref[data-note="1"]')
    assert abs(rect(driver, asides[0])["top"] - rect(driver, first)["top"]) < 30, "note 1 is not level with its marker"
    assert first.get_attribute("href").endswith("#note-1") and find(driver, "#note-1").get_attribute("id") == "note-1"
    assert fold_space(first.text) == "" and first.get_attribute("aria-label") == "Editor’s note 1"
    # A long note shows its beginning; its button (or focus) opens the rest.
    collapsed = find_all(driver, "aside.sidenote.is-collapsed")
    if collapsed:
        button = collapsed[0].find_element("css selector", ".note-more")
        assert button.get_attribute("aria-expanded") == "false"
        button.click()
        assert button.get_attribute("aria-expanded") == "true"
        assert "is-collapsed" not in collapsed[0].get_attribute("class")


@test
def notes_open_and_close_in_place_by_keyboard_on_narrow_screens(ctx):
    driver = ctx.fresh("narrow", ARTICLE_PATH)
    aside = find(driver, "#sidenote-1")
    assert not aside.is_displayed(), "a sidenote shows before it is opened"
    reference = tab_to(driver, "el.matches('a.note-ref')")
    number = reference.get_attribute("data-note")
    aside = find(driver, f"#sidenote-{number}")
    assert reference.get_attribute("aria-expanded") == "false"
    assert reference.get_attribute("aria-controls") == f"sidenote-{number}"
    reference.send_keys(Keys.ENTER)
    wait_until(driver, lambda d: aside.is_displayed(), message="Enter did not open the note")
    assert reference.get_attribute("aria-expanded") == "true"
    assert driver.current_url.split("#")[0] == driver.current_url, "Enter navigated instead of opening"
    paragraph = driver.execute_script("return arguments[0].closest('p')", reference)
    assert rect(driver, aside)["top"] >= rect(driver, paragraph)["bottom"] - 1, "the note does not open under its paragraph"
    problems = no_horizontal_overflow(driver)
    assert not problems, f"an open note overflows: {problems}"
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    wait_until(driver, lambda d: not aside.is_displayed(), message="Escape did not close the note")
    assert reference.get_attribute("aria-expanded") == "false"
    assert driver.switch_to.active_element == reference, "focus did not return to the marker"
    reference.send_keys(Keys.ENTER)
    wait_until(driver, lambda d: aside.is_displayed())
    close = aside.find_element("css selector", ".note-close")
    close.click()
    wait_until(driver, lambda d: not aside.is_displayed(), message="the close button did not close")
    assert driver.switch_to.active_element == reference
    tap(driver, reference)
    wait_until(driver, lambda d: aside.is_displayed(), message="a tap did not open the note")
    tap(driver, reference)
    wait_until(driver, lambda d: not aside.is_displayed(), message="a second tap did not close the note")


@test
def notes_are_readable_without_javascript(ctx):
    driver = ctx.fresh("nojs", ARTICLE_PATH)
    assert not driver.execute_script("return document.documentElement.classList.contains('js')")
    aside = find(driver, "#sidenote-1")
    assert aside.is_displayed(), "without JavaScript the wide screen shows no sidenote"
    body = rect(driver, find(driver, ".article-body"))
    assert rect(driver, aside)["left"] >= body["right"] - 1, "the floated sidenote overlaps the text"
    find(driver, 'a.note-ref[data-note="2"]').click()
    wait_until(driver, lambda d: d.current_url.endswith("#note-2"))
    endnote = find(driver, "#note-2")
    assert endnote.is_displayed() and len(endnote.text) > 40
    assert not find(driver, ".site-search").is_displayed(), "a search box that cannot work is shown"
    assert not find(driver, ".study-panel").is_displayed()


@test
def print_shows_endnotes_and_no_navigation(ctx):
    driver = ctx.fresh("wide", ARTICLE_PATH)
    set_media(driver, "print")
    try:
        assert not find(driver, "#sidenote-1").is_displayed(), "sidenotes print"
        assert find(driver, "#note-1").is_displayed(), "endnotes do not print"
        assert find(driver, ".article-terms").is_displayed(), "the glossary does not print as endnotes"
        for selector in [".site-nav", ".site-search", ".theme-toggle", ".pager", ".reading-hint"]:
            for element in find_all(driver, selector):
                assert not element.is_displayed(), f"{selector} prints"
        assert driver.execute_script(
            "return getComputedStyle(document.querySelector('a.note-ref'), '::after').content"
        ) == '"1"', "note numbers do not print"
    finally:
        set_media(driver, "")


# ---------------------------------------------------------------- study mode


SELECT_JS = """
var p = document.getElementById(arguments[0]);
var wanted = arguments[1];
var text = p.textContent;
var start = text.indexOf(wanted);
if (start < 0) return false;
var end = start + wanted.length;
var walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
var node, pos = 0, range = document.createRange(), began = false;
while ((node = walker.nextNode())) {
  var len = node.data.length;
  if (!began && start < pos + len) { range.setStart(node, start - pos); began = true; }
  if (began && end <= pos + len) { range.setEnd(node, end - pos); break; }
  pos += len;
}
var selection = window.getSelection();
selection.removeAllRanges();
selection.addRange(range);
return true;
"""


def add_study_note(driver, paragraph, passage, text):
    assert driver.execute_script(SELECT_JS, paragraph, passage), f"passage not in {paragraph}"
    button = wait_until(driver, lambda d: (lambda b: b if b.is_displayed() else None)(find(d, ".study-add")),
                        message="no Add a note button after selecting")
    button_box = rect(driver, button)
    passage_box = driver.execute_script(
        "var r = window.getSelection().getRangeAt(0).getBoundingClientRect(); return r.toJSON();"
    )
    assert not intersects(button_box, passage_box), "the button covers the selected passage"
    button.click()
    area = wait_until(driver, lambda d: (lambda e: e if e.is_displayed() else None)(find(d, "#study-editor-text")))
    assert driver.switch_to.active_element == area, "the note field is not focused"
    area.send_keys(text)
    find(driver, ".study-save").click()
    wait_until(driver, lambda d: not find(d, ".study-editor").is_displayed())


@test
def study_notes_are_kept_reanchored_exported_and_imported_by_the_cli(ctx):
    driver = ctx.fresh("downloads", ARTICLE_PATH)
    driver.execute_script("localStorage.clear()")
    driver.refresh()
    wait_until(driver, lambda d: find(d, ".study-panel").is_displayed(), message="the study panel is not shown")
    add_study_note(driver, "p-10", "the limitless and strategic partnership", "Compare the 2001 treaty.")
    # Across a glossary link: the quote is the text the reader sees.
    add_study_note(driver, "p-8", "support of the Taiwan issue and the One-China policy", "Check the wording.")
    marks = find_all(driver, 'mark.study-mark')
    assert marks, "the passage is not marked"
    notes = find_all(driver, "aside.sidenote.study-note")
    assert len(notes) == 2 and all(n.is_displayed() for n in notes), "your notes are not in the margin"
    assert "Your note" in notes[0].get_attribute("textContent"), "a study note is not marked as yours"
    stored = json.loads(driver.execute_script(f"return localStorage.getItem('gloss-study:{ARTICLE}')"))
    assert {n["exact"] for n in stored["notes"]} == {
        "the limitless and strategic partnership",
        "support of the Taiwan issue and the One-China policy",
    }
    paragraph_text = driver.execute_script("return document.getElementById('p-8').textContent")
    article = next(a for a in ctx.index["articles"] if a["slug"] == ARTICLE)
    assert fold_space(paragraph_text) == fold_space(article["paragraphs"][7]["text"]), "marking changed the text"

    driver.refresh()
    wait_until(driver, lambda d: len(find_all(d, "aside.sidenote.study-note")) == 2, message="not re-anchored after reload")
    texts = [fold_space(m.text) for m in find_all(driver, 'mark.study-mark')]
    assert "the limitless and strategic partnership" in " ".join(texts)
    boxes = [rect(driver, a) for a in find_all(driver, ".article-body aside.sidenote")]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not intersects(a, b), "your notes overlap the editor's notes"

    downloads = ctx.temp / "downloads"
    for old in downloads.glob("*"):
        old.unlink()
    find(driver, ".study-export").click()
    exported = downloads / f"{ARTICLE}-notes.json"
    # Chromium may name the file before it has written it: wait for the whole download.
    deadline = time.time() + 10
    while time.time() < deadline and not (
        exported.exists() and exported.stat().st_size > 0 and not list(downloads.glob("*.crdownload"))
    ):
        time.sleep(0.1)
    assert exported.exists() and exported.stat().st_size > 0, "the export was not downloaded"
    data = json.loads(exported.read_text(encoding="utf-8"))
    selector = data["annotations"][0]["target"][0]["selector"][0]
    assert selector["type"] == "TextQuoteSelector" and {"exact", "prefix", "suffix"} <= selector.keys()
    assert data["annotations"][0]["target"][0]["source"].startswith(ctx.url())

    content = ctx.temp / "Content"
    shutil.copytree(REPO / "Content", content)
    result = subprocess.run(
        [str(ctx.gloss), "annotations", "import", str(exported), "--article", ARTICLE, "--content", str(content)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"gloss annotations import failed: {result.stderr}"
    site = ctx.temp / "site-with-notes"
    build_site(ctx.gloss, content, site)
    html = (site / ARTICLE_PATH).read_text(encoding="utf-8")
    assert "Compare the 2001 treaty." in html and "Check the wording." in html, "imported notes are not in the page"
    assert re.search(r'<mark class="annotated" data-note="\d+">the limitless and strategic partnership</mark>', html)
    again = subprocess.run(
        [str(ctx.gloss), "annotations", "import", str(exported), "--article", ARTICLE, "--content", str(content)],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0 and "0 note(s) added" in again.stderr, "importing twice duplicated notes"

    notes = find_all(driver, "aside.sidenote.study-note")
    notes[0].find_element("css selector", ".study-delete").click()
    wait_until(driver, lambda d: len(find_all(d, "aside.sidenote.study-note")) == 1, message="delete did not remove")
    driver.refresh()
    wait_until(driver, lambda d: len(find_all(d, "aside.sidenote.study-note")) == 1, message="deleted note came back")
    assert not console_errors(driver)
    driver.execute_script("localStorage.clear()")


# ---------------------------------------------------------------- search


def search_and_open(ctx, driver, query, expected_title):
    ActionChains(driver).send_keys("/").perform()
    box = driver.switch_to.active_element
    assert box.get_attribute("id") == "site-search-input", "/ did not focus the search box"
    box.send_keys(query)
    wait_until(driver, lambda d: find_all(d, "#site-search-results [role=option]"), message=f"no results for {query}")
    first = find(driver, "#site-search-results [role=option]")
    assert expected_title in first.text, f"first result for {query!r} is {first.text!r}"
    assert box.get_attribute("aria-expanded") == "true"
    box.send_keys(Keys.ARROW_DOWN)
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    box.send_keys(Keys.ENTER)


@test
def search_finds_aukus_and_opens_it_over_http_and_file(ctx):
    for url in [ctx.url(ARTICLE_PATH), ctx.file_url(ARTICLE_PATH)]:
        driver = ctx.fresh("wide", url)
        driver.execute_script("document.activeElement && document.activeElement.blur()")
        search_and_open(ctx, driver, "AUKUS", "AUKUS")
        wait_until(driver, lambda d: d.current_url.endswith("glossary/aukus/index.html"), message=f"from {url}")
        assert find(driver, "h1").text == "AUKUS"
        assert not console_errors(driver)
    driver = ctx.fresh("wide", "index.html")
    driver.execute_script("document.activeElement && document.activeElement.blur()")
    ActionChains(driver).send_keys("/").perform()
    box = driver.switch_to.active_element
    box.send_keys("Bucharest")
    wait_until(driver, lambda d: find_all(d, "#site-search-results [role=option]"))
    box.send_keys(Keys.ESCAPE)
    assert not find(driver, ".site-search-panel").is_displayed(), "Escape did not close the results"


@test
def search_reaches_paragraphs(ctx):
    driver = ctx.fresh("wide", "glossary/index.html")
    driver.execute_script("document.activeElement && document.activeElement.blur()")
    ActionChains(driver).send_keys("/").perform()
    box = driver.switch_to.active_element
    box.send_keys("Petrochemical supplier")
    wait_until(driver, lambda d: find_all(d, "#site-search-results [role=option]"))
    results = find_all(driver, "#site-search-results [role=option]")
    labels = [r.get_attribute("textContent") for r in results]
    assert any("Paragraph 7" in label for label in labels), labels
    index = next(i for i, label in enumerate(labels) if "Paragraph 7" in label)
    for _ in range(index + 1):
        box.send_keys(Keys.ARROW_DOWN)
    box.send_keys(Keys.ENTER)
    wait_until(driver, lambda d: d.current_url.endswith(f"{ARTICLE_PATH}#p-7"))


# ---------------------------------------------------------------- glossary pages and the map


@test
def entry_page_shows_contextual_backlinks_and_related_entries(ctx):
    driver = ctx.fresh("wide", "glossary/aukus/index.html")
    mentions = find_all(driver, ".mention-list > li")
    assert mentions, "no Mentioned in"
    mark = mentions[0].find_element("css selector", "mark")
    assert mark.text.upper() == "AUKUS"
    link = mentions[0].find_element("css selector", "blockquote + a")
    assert re.search(r"#p-\d+$", link.get_attribute("href"))
    assert find_all(driver, ".entry-related .related-list a"), "no related entries"
    link.click()
    wait_until(driver, lambda d: re.search(r"#p-\d+$", d.current_url))
    target = driver.current_url.split("#")[1]
    assert driver.execute_script("return document.querySelector(':target').id") == target


@test
def concept_map_links_every_term_and_lights_connections(ctx):
    driver = ctx.fresh("wide", "glossary/index.html")
    svg = find(driver, "svg.concept-map-svg")
    assert svg.get_attribute("aria-labelledby") and find(driver, "svg.concept-map-svg title").get_attribute("textContent")
    nodes = find_all(driver, "svg.concept-map-svg .cm-nodes a")
    assert len(nodes) == len(ctx.index["entries"])
    hrefs = driver.execute_script(
        "return Array.from(arguments[0].querySelectorAll('.cm-nodes a')).map(a => new URL(a.getAttribute('href'), location.href).href)",
        svg,
    )
    for href in hrefs:
        relative = href.split(ctx.url())[1]
        assert (ctx.site / relative).exists(), f"map link to a missing page: {href}"
    node_links = find_all(driver, "svg.concept-map-svg .cm-nodes a")
    aukus_index = next(i for i, n in enumerate(node_links) if n.get_dom_attribute("href").split("/")[-2] == "aukus")
    aukus = node_links[aukus_index]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", aukus)
    ActionChains(driver).move_to_element(aukus.find_element("css selector", "circle")).perform()
    lit = find_all(driver, "svg.concept-map-svg .cm-edges path.is-lit")
    assert lit and all(str(aukus_index) in e.get_attribute("data-e").split(" ") for e in lit)
    assert "is-focus" in aukus.get_attribute("class")
    assert find_all(driver, ".concept-map-list li"), "no list alternative"
    article = ctx.fresh("wide", ARTICLE_PATH)
    article_nodes = {
        n.get_dom_attribute("href").split("/")[-2] for n in find_all(article, "svg.concept-map-svg .cm-nodes a")
    }
    body_terms = {a.get_attribute("data-term") for a in find_all(article, ".article-body > p a.term[data-term]")}
    assert body_terms <= article_nodes, f"article map lacks {body_terms - article_nodes}"


# ---------------------------------------------------------------- theme and layout


@test
def dark_mode_follows_the_system_and_the_toggle_is_remembered(ctx):
    driver = ctx.fresh("wide", ARTICLE_PATH, scheme="dark")
    driver.execute_script("localStorage.removeItem('gloss-theme')")
    driver.refresh()
    background = lambda d: d.execute_script("return getComputedStyle(document.body).backgroundColor")
    dark = background(driver)
    toggle = find(driver, ".theme-toggle")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false" and background(driver) != dark
    driver.refresh()
    assert background(driver) != dark, "the light choice was not remembered"
    find(driver, ".theme-toggle").click()
    assert background(driver) == dark
    driver.execute_script("localStorage.removeItem('gloss-theme')")
    set_color_scheme(driver, "light")


@test
def nothing_overflows_or_overlaps_at_1400_and_390(ctx):
    pages = ["index.html", ARTICLE_PATH, "glossary/index.html", "glossary/aukus/index.html", "404.html"]
    for name in ["wide", "narrow"]:
        for page in pages:
            driver = ctx.fresh(name, page)
            problems = no_horizontal_overflow(driver)
            assert not problems, f"{page} at {name}: {problems}"
            header = [rect(driver, e) for e in find_all(driver, ".site-header-inner > *") if e.is_displayed()]
            for i, a in enumerate(header):
                for b in header[i + 1 :]:
                    assert not intersects(a, b), f"{page} at {name}: header items overlap"
            if page == ARTICLE_PATH:
                blocks = [rect(driver, e) for e in find_all(driver, ".article-body > p, .article-body > aside.sidenote, .para-link") if e.is_displayed()]
                for i, a in enumerate(blocks):
                    for b in blocks[i + 1 :]:
                        assert not intersects(a, b, tolerance=1), f"{page} at {name}: text, numbers or notes overlap"
            assert layout_shift(driver) < 0.01, f"{page} at {name} shifts while loading"
            assert not console_errors(driver), f"{page} at {name}: console errors"


@test
def every_page_loads_without_console_errors(ctx):
    driver = ctx.driver("wide")
    for page in ctx.pages():
        driver.get(ctx.url(page))
        errors = console_errors(driver)
        assert not errors, f"{page}: {errors}"
    driver.get(ctx.file_url(ARTICLE_PATH))
    wait_until(driver, lambda d: d.execute_script("return document.readyState") == "complete")
    errors = console_errors(driver)
    assert not errors, f"file:// article: {errors}"


@test
def screenshots_of_the_article(ctx):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, label in [("wide", "wide"), ("narrow", "narrow")]:
        for scheme in ["light", "dark"]:
            driver = ctx.fresh(name, ARTICLE_PATH, scheme=scheme)
            driver.execute_script("window.scrollTo(0, 0); document.fonts && document.fonts.ready;")
            time.sleep(0.2)
            path = SCREENSHOTS / f"article-{label}-{scheme}.png"
            driver.save_screenshot(str(path))
            assert path.stat().st_size > 10_000
    # Two more for the README: a preview open on a wide screen, a note open on a phone.
    driver = ctx.fresh("wide", ARTICLE_PATH)
    link = first_term(driver, "quad")
    driver.execute_script("window.scrollTo(0, arguments[0].getBoundingClientRect().top + scrollY - 300)", link)
    ActionChains(driver, duration=0).move_to_element(link).perform()
    wait_until(driver, lambda d: tip_state(d, "tip-quad")["visible"])
    wait_until(driver, lambda d: d.find_elements("css selector", "#tip-quad a.term-nested"))
    time.sleep(0.3)
    driver.save_screenshot(str(SCREENSHOTS / "article-wide-light-preview.png"))
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    driver = ctx.fresh("narrow", ARTICLE_PATH)
    reference = find(driver, 'a.note-ref[data-note="6"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -120); arguments[0].click();", reference)
    wait_until(driver, lambda d: find(d, "#sidenote-6").is_displayed())
    time.sleep(0.2)
    driver.save_screenshot(str(SCREENSHOTS / "article-narrow-light-note.png"))
    set_color_scheme(ctx.driver("wide"), "light")
    set_color_scheme(ctx.driver("narrow"), "light")
