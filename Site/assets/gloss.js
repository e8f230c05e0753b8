/* Gloss — reading aids. No dependencies, no build step.
   1. Light/dark toggle (remembered; data-theme on <html> overrides the system preference).
   2. Paragraph numbers become links that copy the paragraph's address.
   3. Glossary term previews on hover, keyboard focus and tap, with previews of the terms
      inside a preview, one level deep.
   4. Editor's notes: beside their passage on wide screens, opened in place on narrow ones.
   5. Study mode: the reader's own notes on selected passages, kept in localStorage only.
   6. Search over the articles and the glossary, from the index the build writes.
   7. Concept map: a term's connections light up on hover and focus.
   Every part checks for its elements first: pages without them simply skip it. Nothing here
   ever writes into a paragraph's text: marks and markers are elements without text of their own. */
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;

  /* ------------------------------------------------------------ interface strings */

  // The theme's strings in the page's language: window.glossStrings, which the build writes once
  // per language as assets/strings-<code>.js (from the js_… keys of Theme/strings/<code>.yml;
  // partials/head.mustache loads it before this script). The English here is for a page
  // without them.
  var strings = window.glossStrings || {};

  function t(name, english, values) {
    var text = Object.prototype.hasOwnProperty.call(strings, name) ? strings[name] : english;
    // One pass: a value that contains "{n}" (a quoted passage) is written as it is.
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return values && Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  // "name-one" or "name-other", by the page language's plural rule for count (CLDR's, as the
  // browser knows it); {n} is the count.
  function tPlural(name, count, englishOne, englishOther, values) {
    var one = count === 1;
    try {
      one = new Intl.PluralRules(root.lang || "en").select(count) === "one";
    } catch (e) {}
    values = values || {};
    values.n = count;
    return one ? t(name + "-one", englishOne, values) : t(name + "-other", englishOther, values);
  }

  /* ------------------------------------------------------------ status messages */

  var toast = null;
  var toastTimer = 0;

  // One polite live region, created on first use: it both shows and announces the message.
  function announce(message) {
    if (!toast) {
      toast = doc.createElement("div");
      toast.className = "status-toast";
      toast.setAttribute("role", "status");
      toast.setAttribute("aria-live", "polite");
      (doc.getElementById("main") || doc.body).appendChild(toast);
    }
    toast.textContent = message;
    toast.classList.add("is-visible");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      toast.classList.remove("is-visible");
    }, 2200);
  }

  /* ------------------------------------------------------------ theme toggle */

  var STORAGE_KEY = "gloss-theme";

  function readStored() {
    try {
      var value = localStorage.getItem(STORAGE_KEY);
      return value === "dark" || value === "light" ? value : null;
    } catch (error) {
      return null; // Storage can be disabled (privacy settings, some file:// setups).
    }
  }

  function writeStored(value) {
    try {
      if (value) localStorage.setItem(STORAGE_KEY, value);
      else localStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      /* The choice then lasts for this page only. */
    }
  }

  var systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function systemTheme() {
    return systemDark && systemDark.matches ? "dark" : "light";
  }

  function currentTheme() {
    var chosen = root.getAttribute("data-theme");
    return chosen === "dark" || chosen === "light" ? chosen : systemTheme();
  }

  function setupThemeToggle() {
    var stored = readStored();
    if (stored) root.setAttribute("data-theme", stored);

    var button = doc.querySelector(".theme-toggle");
    if (!button) return;

    function sync() {
      var dark = currentTheme() === "dark";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
      button.title = dark ? t("theme-light", "Switch to the light theme") : t("theme-dark", "Switch to the dark theme");
    }

    button.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      // Choosing what the system already gives means "follow the system" again.
      if (next === systemTheme()) {
        root.removeAttribute("data-theme");
        writeStored(null);
      } else {
        root.setAttribute("data-theme", next);
        writeStored(next);
      }
      sync();
    });

    if (systemDark) {
      var onSystemChange = function () {
        sync();
      };
      if (systemDark.addEventListener) systemDark.addEventListener("change", onSystemChange);
      else if (systemDark.addListener) systemDark.addListener(onSystemChange);
    }

    sync();
    button.hidden = false;
  }

  /* ------------------------------------------------------------ paragraph links */

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var active = doc.activeElement;
      var area = doc.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.top = "0";
      area.style.opacity = "0";
      doc.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = doc.execCommand("copy");
      } catch (error) {
        ok = false;
      }
      doc.body.removeChild(area);
      if (active && active.focus) active.focus();
      if (ok) resolve();
      else reject(new Error("copy refused"));
    });
  }

  function setupParagraphLinks() {
    var body = doc.querySelector(".article-body");
    if (!body) return;
    var paragraphs = body.querySelectorAll('p[id^="p-"]');
    if (!paragraphs.length) return;

    for (var i = 0; i < paragraphs.length; i++) {
      var paragraph = paragraphs[i];
      var number = paragraph.id.slice(2);
      if (!/^[0-9]+$/.test(number)) continue;
      // A sibling before the paragraph, never a child: the paragraph's text stays the author's.
      var link = doc.createElement("a");
      link.className = "para-link";
      link.href = "#" + paragraph.id;
      link.textContent = number;
      link.setAttribute("aria-label", t("paragraph-copy", "Paragraph {n}, copy link", { n: number }));
      link.title = t("paragraph-copy-title", "Copy a link to paragraph {n}", { n: number });
      paragraph.parentNode.insertBefore(link, paragraph);
    }
    body.classList.add("has-para-links");

    body.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a.para-link") : null;
      if (!link) return;
      var id = link.getAttribute("href").slice(1);
      var number = id.slice(2);
      var url = location.href.split("#")[0] + "#" + id;
      // The default action still runs: it moves to the paragraph and highlights it (:target).
      copyText(url).then(
        function () {
          announce(t("paragraph-copied", "Link to paragraph {n} copied", { n: number }));
        },
        function () {
          announce(t("paragraph-linked", "Paragraph {n}: the address bar now links here", { n: number }));
        }
      );
    });
  }

  /* ------------------------------------------------------------ the search index */

  // The index is cut into files (SearchIndex.swift): a manifest, postings, word lists, one
  // fragment per article and the glossary entries. Each is a script that calls
  // window.glossSearch.<kind>(…), so that a <script> element loads it over HTTP and from
  // file:// alike (where fetch cannot). A query loads only the files it needs, each once.
  var searchFiles = { manifest: null, entries: null, terms: {}, words: {}, documents: {} };
  window.glossSearch = {
    manifest: function (data) {
      searchFiles.manifest = data;
    },
    entries: function (data) {
      searchFiles.entries = data;
    },
    terms: function (number, data) {
      searchFiles.terms[number] = data;
    },
    words: function (number, data) {
      searchFiles.words[number] = data;
    },
    document: function (number, data) {
      searchFiles.documents[number] = data;
    },
  };
  var scriptLoads = {}; // src → { done, ok, waiting }

  function siteRoot() {
    var box = doc.querySelector(".site-search[data-root]");
    return box ? box.getAttribute("data-root") : "";
  }

  // Calls back with whether the script loaded; a file is requested at most once.
  function loadScript(src, callback) {
    var load = scriptLoads[src];
    if (load && load.done) {
      callback(load.ok);
      return;
    }
    if (load) {
      load.waiting.push(callback);
      return;
    }
    load = scriptLoads[src] = { done: false, ok: false, waiting: [callback] };
    function finish(ok) {
      load.done = true;
      load.ok = ok;
      var waiting = load.waiting;
      load.waiting = [];
      for (var i = 0; i < waiting.length; i++) waiting[i](ok);
    }
    var script = doc.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = function () {
      finish(true);
    };
    script.onerror = function () {
      finish(false);
    };
    doc.head.appendChild(script);
  }

  // Calls back once every script has loaded or failed.
  function loadScripts(sources, callback) {
    var left = sources.length;
    if (!left) {
      callback();
      return;
    }
    sources.forEach(function (src) {
      loadScript(src, function () {
        if (--left === 0) callback();
      });
    });
  }

  function indexFile(name) {
    return siteRoot() + "search/" + name + ".js";
  }

  function loadManifest(callback) {
    var box = doc.querySelector(".site-search[data-index]");
    var src = box ? box.getAttribute("data-index") : null;
    if (!src) {
      callback(null);
      return;
    }
    loadScript(src, function () {
      callback(searchFiles.manifest);
    });
  }

  // Every glossary entry (for the nested previews), loaded on first use.
  function loadEntries(callback) {
    if (!doc.querySelector(".site-search[data-index]")) {
      callback(null);
      return;
    }
    loadScript(indexFile("entries"), function () {
      callback(searchFiles.entries);
    });
  }

  // The index's folding (SearchText.fold): case, Latin accents, Arabic tatweel, harakat and
  // letter variants ignored. It must agree with the Swift code character for character.
  var ARABIC_VARIANTS = {
    "\u0622": "\u0627",
    "\u0623": "\u0627",
    "\u0625": "\u0627",
    "\u0671": "\u0627",
    "\u0649": "\u064a",
    "\u06cc": "\u064a",
    "\u06a9": "\u0643",
    "\u0629": "\u0647",
  };
  function foldWord(text) {
    var out = String(text).toLowerCase();
    if (!out.normalize) return out;
    return out
      .normalize("NFD")
      .replace(/[\u0300-\u036f\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/g, "")
      .replace(/[\u0622\u0623\u0625\u0671\u0649\u06cc\u06a9\u0629]/g, function (letter) {
        return ARABIC_VARIANTS[letter];
      })
      .normalize("NFC");
  }

  // For matching what people type against text: the index's folding, with quote and dash
  // styles and spacing ignored too.
  function fold(text) {
    return foldWord(text)
      .replace(/[\u2018\u2019\u02bc\u2032]/g, "'")
      .replace(/[\u201c\u201d\u2033]/g, '"')
      .replace(/[\u2010-\u2015\u2212]/g, "-")
      .replace(/\s+/g, " ");
  }

  /* ------------------------------------------------------------ term previews */

  var HOVER_DELAY = 300;
  var CLOSE_DELAY = 200;
  var GAP = 8;
  var EDGE = 8;

  function isHoverPointer(event) {
    return event.pointerType === "mouse" || event.pointerType === "pen";
  }

  // Below the whole term (all its lines), or above it when only there it fits: never over it.
  function placeBeside(link, tip) {
    // Measure where left/top 0 lands, so the maths holds whatever the containing block is.
    tip.style.left = "0px";
    tip.style.top = "0px";
    var origin = tip.getBoundingClientRect();
    var viewportWidth = root.clientWidth;
    var viewportHeight = window.innerHeight;
    var box = link.getBoundingClientRect();
    var lines = link.getClientRects();
    var firstLine = lines.length ? lines[0] : box;
    var width = origin.width;
    var height = origin.height;

    var top = box.bottom + GAP;
    var above = top + height > viewportHeight - EDGE && box.top - GAP - height >= EDGE;
    if (above) top = box.top - GAP - height;

    // Level with where the term starts: its left edge, or its right edge in right-to-left text.
    var start = getComputedStyle(link).direction === "rtl" ? firstLine.right - width : firstLine.left;
    var left = Math.max(EDGE, Math.min(start, viewportWidth - width - EDGE));

    tip.setAttribute("data-placement", above ? "above" : "below");
    tip.style.left = Math.round(left - origin.left) + "px";
    tip.style.top = Math.round(top - origin.top) + "px";
  }

  /* One preview at a time per level: the term's own preview, and inside it the preview of a
     term its summary mentions. Both levels share this controller; the inner one is told its
     parent so that moving into it, or closing it, keeps the outer one open. */
  function PreviewLevel(parent) {
    this.parent = parent || null;
    this.child = null;
    this.link = null;
    this.tip = null;
    this.openTimer = 0;
    this.closeTimer = 0;
    this.dismissed = null; // the term closed with Escape: not reopened until it is left
    this.tapWasOpen = false;
    this.lastPointer = "mouse";
    if (parent) parent.child = this;
  }

  PreviewLevel.prototype.isOpen = function (link) {
    return this.link === link && this.tip !== null && !this.tip.hidden;
  };

  PreviewLevel.prototype.cancelTimers = function () {
    clearTimeout(this.openTimer);
    clearTimeout(this.closeTimer);
    this.openTimer = 0;
    this.closeTimer = 0;
  };

  // Whether a node belongs to this level's open preview, its term, or the level inside it.
  PreviewLevel.prototype.owns = function (node) {
    if (!node) return false;
    if (this.link && this.link.contains(node)) return true;
    if (this.tip && this.tip.contains(node)) return true;
    return this.child ? this.child.owns(node) : false;
  };

  PreviewLevel.prototype.isHovered = function () {
    if (this.tip && this.tip.matches(":hover")) return true;
    return this.child ? this.child.isHovered() : false;
  };

  PreviewLevel.prototype.show = function (link, tip) {
    this.cancelTimers();
    if (this.parent) this.parent.cancelTimers();
    if (this.isOpen(link)) return;
    this.hide();
    tip.hidden = false;
    tip.classList.add("is-open");
    link.classList.add("is-previewing");
    this.link = link;
    this.tip = tip;
    placeBeside(link, tip);
    if (this.onShow) this.onShow(link, tip);
  };

  PreviewLevel.prototype.hide = function () {
    this.cancelTimers();
    if (this.child) this.child.hide();
    if (this.tip) {
      this.tip.hidden = true;
      this.tip.classList.remove("is-open");
    }
    if (this.link) this.link.classList.remove("is-previewing");
    this.link = null;
    this.tip = null;
  };

  PreviewLevel.prototype.scheduleOpen = function (link, tip) {
    var level = this;
    clearTimeout(this.closeTimer);
    clearTimeout(this.openTimer);
    if (this.parent) this.parent.cancelTimers();
    if (this.isOpen(link)) return;
    this.openTimer = setTimeout(function () {
      level.show(link, tip);
    }, HOVER_DELAY);
  };

  PreviewLevel.prototype.scheduleClose = function () {
    var level = this;
    clearTimeout(this.openTimer);
    clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(function () {
      level.hide();
    }, CLOSE_DELAY);
  };

  // Decided after the focus move settles, so a tap on the tip's own link keeps it open.
  PreviewLevel.prototype.focusLeft = function (link) {
    var level = this;
    setTimeout(function () {
      if (level.link !== link) return;
      if (level.owns(doc.activeElement)) return;
      if (level.isHovered()) return;
      level.hide();
    }, 0);
  };

  // Wires one term link to its preview at this level.
  PreviewLevel.prototype.bind = function (link, tip) {
    var level = this;
    link.addEventListener("pointerenter", function (event) {
      if (!isHoverPointer(event) || level.dismissed === link) return;
      level.scheduleOpen(link, tip);
    });
    link.addEventListener("pointerleave", function (event) {
      if (!isHoverPointer(event)) return;
      if (level.dismissed === link) level.dismissed = null;
      if (level.link === link || level.openTimer) level.scheduleClose();
    });
    link.addEventListener("focus", function () {
      if (level.dismissed === link) return;
      level.show(link, tip);
    });
    link.addEventListener("blur", function () {
      if (level.dismissed === link) level.dismissed = null;
      level.focusLeft(link);
    });
    link.addEventListener("pointerdown", function (event) {
      level.lastPointer = event.pointerType || "mouse";
      level.tapWasOpen = level.isOpen(link);
    });
    link.addEventListener("click", function (event) {
      // First tap previews; a second tap on the same open preview follows the link.
      if (level.lastPointer !== "touch") return;
      level.lastPointer = "mouse";
      if (level.tapWasOpen && level.isOpen(link)) return;
      event.preventDefault();
      level.dismissed = null;
      level.show(link, tip);
    });
    if (!tip.hasAttribute("data-gloss-bound")) {
      tip.setAttribute("data-gloss-bound", "");
      tip.addEventListener("pointerenter", function (event) {
        if (!isHoverPointer(event) || level.tip !== tip) return;
        clearTimeout(level.closeTimer);
        if (level.parent) level.parent.cancelTimers();
      });
      tip.addEventListener("pointerleave", function (event) {
        if (isHoverPointer(event) && level.tip === tip) level.scheduleClose();
      });
      tip.addEventListener("focusout", function () {
        if (level.tip === tip && level.link) level.focusLeft(level.link);
      });
    }
  };

  // Escape closes the innermost open preview; focus inside it goes back to its term.
  PreviewLevel.prototype.escape = function () {
    if (this.child && this.child.link) return this.child.escape();
    if (!this.link) {
      clearTimeout(this.openTimer);
      return false;
    }
    var link = this.link;
    var focusWasInTip = this.tip && this.tip.contains(doc.activeElement);
    this.dismissed = link;
    this.hide();
    if (focusWasInTip) link.focus();
    return true;
  };

  /* Terms inside a preview's summary, found with the glossary's own spellings (from the search
     index's entries file), become links with a preview of their own. Only once per tip, and never in the inner
     previews: one level deep. */
  function spellingMatcher(entries) {
    var spellings = [];
    for (var i = 0; i < entries.length; i++) {
      var entry = entries[i];
      var names = [entry.term].concat(entry.aliases || []);
      for (var j = 0; j < names.length; j++) {
        if (names[j] && names[j].length >= 2) spellings.push({ text: names[j], entry: entry });
      }
    }
    spellings.sort(function (a, b) {
      return b.text.length - a.text.length;
    });
    return function (text, exceptID) {
      var taken = []; // [start, end) ranges already linked
      var seen = {};
      var found = [];
      var folded = text.toLowerCase();
      for (var i = 0; i < spellings.length; i++) {
        var spelling = spellings[i];
        var id = spelling.entry.id;
        if (id === exceptID || seen[id]) continue;
        var needle = spelling.entry.match_case ? spelling.text : spelling.text.toLowerCase();
        var haystack = spelling.entry.match_case ? text : folded;
        var from = 0;
        while (from <= haystack.length) {
          var at = haystack.indexOf(needle, from);
          if (at < 0) break;
          var end = at + needle.length;
          from = at + 1;
          if (/[\p{L}\p{N}]/u.test(text.charAt(at - 1) || " ")) continue;
          if (/[\p{L}\p{N}]/u.test(text.charAt(end) || " ")) continue;
          var overlaps = taken.some(function (range) {
            return at < range[1] && end > range[0];
          });
          if (overlaps) continue;
          taken.push([at, end]);
          seen[id] = true;
          found.push({ start: at, end: end, entry: spelling.entry });
          break;
        }
      }
      return found.sort(function (a, b) {
        return a.start - b.start;
      });
    };
  }

  // A preview as the build used to write it: the term, its category, its summary and a link
  // to the entry. `href` is set as written, so that a relative link stays relative.
  function makeTip(id, termText, categoryText, summaryText, href) {
    var tip = doc.createElement("div");
    tip.className = "term-tip";
    tip.id = id;
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    var head = doc.createElement("p");
    head.className = "term-tip-head";
    var term = doc.createElement("span");
    term.className = "term-tip-term";
    term.textContent = termText;
    var category = doc.createElement("span");
    category.className = "term-tip-category";
    category.textContent = categoryText;
    head.appendChild(term);
    head.appendChild(doc.createTextNode(" "));
    head.appendChild(category);
    var summary = doc.createElement("p");
    summary.className = "term-tip-summary";
    summary.textContent = summaryText;
    var more = doc.createElement("p");
    more.className = "term-tip-more";
    var link = doc.createElement("a");
    link.setAttribute("href", href);
    link.textContent = t("read-full-entry", "Read the full entry");
    more.appendChild(link);
    tip.appendChild(head);
    tip.appendChild(summary);
    tip.appendChild(more);
    return tip;
  }

  function tipContainer() {
    var container = doc.querySelector(".term-tips");
    if (container) return container;
    container = doc.createElement("div");
    container.className = "term-tips";
    (doc.getElementById("main") || doc.body).appendChild(container);
    return container;
  }

  function nestedTipFor(entry, rootPrefix) {
    var id = "tip-nested-" + entry.id;
    var tip = doc.getElementById(id);
    if (tip) return tip;
    tip = makeTip(id, entry.term, entry.category_label || "", entry.summary || "", rootPrefix + entry.url);
    tip.classList.add("term-tip-nested");
    tipContainer().appendChild(tip);
    return tip;
  }

  // An article page carries no hidden previews, which would repeat its list of terms: each
  // term link is described by its line in that list (<dd id="tip-…">), which is what a reader
  // without JavaScript has. The previews are made here from those lines, and each line's id
  // passes to its preview, so that the links are then described by the preview, as on pages
  // whose previews the build writes (an entry's).
  function previewsFromTermList() {
    var lines = doc.querySelectorAll(".term-list dd[id^='tip-']");
    if (!lines.length) return;
    var container = tipContainer();
    Array.prototype.forEach.call(lines, function (line) {
      // The line's term is the <dt> before it.
      var term = line.previousElementSibling;
      var entryLink = term && term.tagName === "DT" ? term.querySelector("a") : null;
      var category = term && term.tagName === "DT" ? term.querySelector(".category-label") : null;
      var id = line.id;
      line.removeAttribute("id");
      container.appendChild(
        makeTip(
          id,
          entryLink ? entryLink.textContent : "",
          category ? category.textContent : "",
          line.textContent,
          entryLink ? entryLink.getAttribute("href") : ""
        )
      );
    });
  }

  function setupTermPreviews() {
    previewsFromTermList();
    var links = doc.querySelectorAll("a.term[data-term]");
    if (!links.length) return;

    var outer = new PreviewLevel(null);
    var inner = new PreviewLevel(outer);
    var matcher = null;
    var rootPrefix = siteRoot();

    function tipFor(link) {
      var id = link.getAttribute("data-term");
      var tip = id ? doc.getElementById("tip-" + id) : null;
      if (!tip) {
        var described = (link.getAttribute("aria-describedby") || "").split(/\s+/)[0];
        tip = described ? doc.getElementById(described) : null;
      }
      return tip && tip.classList.contains("term-tip") ? tip : null;
    }

    function linkTermsInside(tip) {
      var summary = tip.querySelector(".term-tip-summary");
      if (!summary || !matcher || tip.hasAttribute("data-gloss-linked")) return;
      tip.setAttribute("data-gloss-linked", "");
      // Only a summary that is still one plain text: the build may one day link it itself.
      if (summary.children.length) return;
      var text = summary.textContent;
      var ownID = tip.id.replace(/^tip-/, "");
      var found = matcher(text, ownID);
      if (!found.length) return;
      var fragment = doc.createDocumentFragment();
      var at = 0;
      for (var i = 0; i < found.length; i++) {
        var match = found[i];
        fragment.appendChild(doc.createTextNode(text.slice(at, match.start)));
        var nestedTip = nestedTipFor(match.entry, rootPrefix);
        var link = doc.createElement("a");
        link.className = "term term-nested";
        link.href = rootPrefix + match.entry.url;
        link.setAttribute("data-nested-term", match.entry.id);
        link.setAttribute("aria-describedby", nestedTip.id);
        link.textContent = text.slice(match.start, match.end);
        fragment.appendChild(link);
        inner.bind(link, nestedTip);
        at = match.end;
      }
      fragment.appendChild(doc.createTextNode(text.slice(at)));
      summary.textContent = "";
      summary.appendChild(fragment);
      // The new links may wrap differently by a pixel: keep the preview beside its term.
      if (outer.tip === tip && outer.link) placeBeside(outer.link, tip);
    }

    outer.onShow = function (link, tip) {
      if (matcher) {
        linkTermsInside(tip);
        return;
      }
      loadEntries(function (entries) {
        if (!entries) return;
        if (!matcher) matcher = spellingMatcher(entries);
        if (outer.tip === tip) linkTermsInside(tip);
      });
    };

    Array.prototype.forEach.call(links, function (link) {
      var tip = tipFor(link);
      if (tip) outer.bind(link, tip);
    });

    doc.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || (event.key !== "Escape" && event.key !== "Esc")) return;
      // Handled here: the notes' and other Escape handlers leave it alone.
      if (outer.escape()) event.preventDefault();
    });

    // A tap or click anywhere else closes the previews.
    doc.addEventListener(
      "pointerdown",
      function (event) {
        var target = event.target;
        if (inner.link && !inner.owns(target)) inner.hide();
        if (outer.link && !outer.owns(target)) outer.hide();
      },
      true
    );

    window.addEventListener("resize", function () {
      if (outer.link && outer.tip) placeBeside(outer.link, outer.tip);
      if (inner.link && inner.tip) placeBeside(inner.link, inner.tip);
    });
  }

  /* ------------------------------------------------------------ margin notes */

  /* The build writes each editor's note twice: an <aside class="sidenote"> just before its
     paragraph (so that CSS alone floats it beside the paragraph on wide screens) and an endnote
     (the target of the reference, for narrow screens without JavaScript and for print). Here:
     wide screens get each note beside its own reference, later notes pushed down so none
     overlaps; narrow screens open a note in place under its paragraph, as a disclosure. The
     reader's own notes (study mode) are margin notes too and go through the same code. */
  var WIDE_NOTES = window.matchMedia ? window.matchMedia("(min-width: 80rem)") : null;
  var NOTE_GAP = 14;
  var notesBody = null;
  var layoutQueued = false;

  function wideNotes() {
    return WIDE_NOTES ? WIDE_NOTES.matches : false;
  }

  // The paragraph an element belongs to: itself, or the next paragraph after it.
  function paragraphAfter(node) {
    var next = node.nextElementSibling;
    while (next && !(next.tagName === "P" && /^p-\d+$/.test(next.id))) {
      if (next.tagName !== "ASIDE" && !next.classList.contains("para-link")) return null;
      next = next.nextElementSibling;
    }
    return next;
  }

  // After the paragraph and the notes already placed there, in order.
  function placeAfterParagraph(aside, paragraph) {
    var anchor = paragraph;
    while (
      anchor.nextElementSibling &&
      anchor.nextElementSibling.tagName === "ASIDE" &&
      anchor.nextElementSibling.getAttribute("data-for") === paragraph.id
    ) {
      anchor = anchor.nextElementSibling;
    }
    aside.setAttribute("data-for", paragraph.id);
    anchor.parentNode.insertBefore(aside, anchor.nextSibling);
  }

  function referenceFor(aside) {
    var number = aside.getAttribute("data-note");
    if (number) return notesBody.querySelector('a.note-ref[data-note="' + number + '"]');
    var study = aside.getAttribute("data-study");
    if (study) return notesBody.querySelector('a.study-ref[data-study="' + study + '"]');
    return null;
  }

  function asideFor(reference) {
    var id = reference.getAttribute("aria-controls") || reference.getAttribute("data-aside");
    return id ? doc.getElementById(id) : null;
  }

  function marksFor(aside) {
    var number = aside.getAttribute("data-note");
    if (number) return notesBody.querySelectorAll('mark.annotated[data-note="' + number + '"]');
    var study = aside.getAttribute("data-study");
    return study ? notesBody.querySelectorAll('mark.study-mark[data-study="' + study + '"]') : [];
  }

  function setLinked(aside, on) {
    if (!aside) return;
    aside.classList.toggle("is-linked", on);
    var marks = marksFor(aside);
    for (var i = 0; i < marks.length; i++) marks[i].classList.toggle("is-linked", on);
  }

  function layoutNotes() {
    layoutQueued = false;
    if (!notesBody) return;
    var asides = notesBody.querySelectorAll("aside.sidenote");
    if (!wideNotes()) {
      notesBody.classList.remove("notes-aligned");
      notesBody.style.minHeight = "";
      for (var k = 0; k < asides.length; k++) asides[k].style.top = "";
      return;
    }
    notesBody.classList.add("notes-aligned");
    notesBody.style.minHeight = "";
    for (var c = 0; c < asides.length; c++) fitNote(asides[c]);
    var bodyTop = notesBody.getBoundingClientRect().top;
    var items = [];
    for (var i = 0; i < asides.length; i++) {
      var reference = referenceFor(asides[i]);
      var paragraph = doc.getElementById(asides[i].getAttribute("data-for") || "");
      var target = reference || paragraph;
      if (!target) continue;
      var rect = target.getBoundingClientRect();
      // The first line of the note level with the line that carries its marker.
      var lineTop = rect.top - bodyTop;
      if (reference) lineTop = rect.top - bodyTop - 2;
      items.push({ aside: asides[i], y: lineTop, order: i });
    }
    items.sort(function (a, b) {
      return a.y - b.y || a.order - b.order;
    });
    var floor = 0;
    for (var j = 0; j < items.length; j++) {
      var top = Math.max(Math.round(items[j].y), floor);
      items[j].aside.style.top = top + "px";
      floor = top + items[j].aside.offsetHeight + NOTE_GAP;
    }
    // The last notes may reach below the article: keep what follows clear of them.
    if (floor > notesBody.offsetHeight) notesBody.style.minHeight = floor + "px";
  }

  /* Long notes in the margin show their first lines and a "Show more" button: otherwise a
     page with many notes pushes each one far below its passage. Focus inside a shortened note
     opens it whole (its links must never be hidden while focused). */
  var NOTE_LINES = 6;

  function moreButton(aside) {
    var button = aside.querySelector(".note-more");
    if (button) return button;
    button = doc.createElement("button");
    button.type = "button";
    button.className = "link-button note-more";
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      var open = aside.getAttribute("data-expanded") === "true";
      aside.setAttribute("data-expanded", open ? "false" : "true");
      layoutNotes();
    });
    aside.appendChild(button);
    return button;
  }

  function fitNote(aside) {
    var button = aside.querySelector(".note-more");
    var whole = aside.getAttribute("data-expanded") === "true";
    aside.classList.remove("is-collapsed");
    if (button) button.hidden = true;
    var line = parseFloat(getComputedStyle(aside).lineHeight) || 19;
    if (aside.offsetHeight <= line * NOTE_LINES * 1.35) return;
    button = moreButton(aside);
    button.hidden = false;
    button.textContent = whole ? t("show-less", "Show less") : t("show-more", "Show more");
    button.setAttribute("aria-expanded", whole ? "true" : "false");
    if (!whole) aside.classList.add("is-collapsed");
  }

  function queueNotesLayout() {
    if (layoutQueued || !notesBody) return;
    layoutQueued = true;
    (window.requestAnimationFrame || setTimeout)(layoutNotes);
  }

  function closeButtonFor(aside, reference) {
    var existing = aside.querySelector(".note-close");
    if (existing) return existing;
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "note-close";
    button.setAttribute("aria-label", t("close", "Close {name}", { name: aside.getAttribute("aria-label") || t("note", "note") }));
    button.textContent = "×";
    button.addEventListener("click", function () {
      setNoteOpen(reference, false);
      reference.focus();
    });
    aside.insertBefore(button, aside.firstChild);
    return button;
  }

  function setNoteOpen(reference, open) {
    var aside = asideFor(reference);
    if (!aside) return;
    reference.setAttribute("aria-expanded", open ? "true" : "false");
    aside.classList.toggle("is-open", open);
    if (open) closeButtonFor(aside, reference);
  }

  // Narrow screens: the reference is a disclosure for its note; wide screens: the note is
  // always shown beside it, and the reference is a plain link to it.
  function syncReferenceRoles() {
    var references = notesBody.querySelectorAll("a.note-ref, a.study-ref");
    var wide = wideNotes();
    for (var i = 0; i < references.length; i++) {
      var reference = references[i];
      var aside = doc.getElementById(reference.getAttribute("data-aside") || "");
      if (!aside) continue;
      if (wide) {
        reference.removeAttribute("aria-expanded");
        reference.removeAttribute("aria-controls");
        aside.classList.remove("is-open");
      } else {
        reference.setAttribute("aria-controls", aside.id);
        reference.setAttribute("aria-expanded", aside.classList.contains("is-open") ? "true" : "false");
      }
    }
  }

  // Connects one reference to its margin note (used for study notes as they are added).
  function registerReference(reference, aside) {
    reference.setAttribute("data-aside", aside.id);
    if (!wideNotes()) {
      reference.setAttribute("aria-controls", aside.id);
      reference.setAttribute("aria-expanded", aside.classList.contains("is-open") ? "true" : "false");
    }
  }

  function setupNotes() {
    notesBody = doc.querySelector(".article-body");
    if (!notesBody) return;
    var asides = notesBody.querySelectorAll("aside.sidenote[data-note]");
    for (var i = 0; i < asides.length; i++) {
      var aside = asides[i];
      var paragraph = paragraphAfter(aside);
      var reference = notesBody.querySelector('a.note-ref[data-note="' + aside.getAttribute("data-note") + '"]');
      if (paragraph) placeAfterParagraph(aside, paragraph);
      if (reference) registerReference(reference, aside);
    }
    notesBody.classList.add("has-note-script");

    notesBody.addEventListener("click", function (event) {
      var reference = event.target.closest ? event.target.closest("a.note-ref, a.study-ref") : null;
      if (!reference || !notesBody.contains(reference)) return;
      var aside = doc.getElementById(reference.getAttribute("data-aside") || "");
      if (!aside) return; // no margin note: the link goes to the endnote as usual
      event.preventDefault();
      if (wideNotes()) {
        if (aside.classList.contains("is-collapsed")) {
          aside.setAttribute("data-expanded", "true");
          layoutNotes();
        }
        setLinked(aside, true);
        aside.classList.add("is-flashed");
        setTimeout(function () {
          aside.classList.remove("is-flashed");
          setLinked(aside, false);
        }, 1600);
        var rect = aside.getBoundingClientRect();
        if (rect.top < 0 || rect.bottom > window.innerHeight) aside.scrollIntoView({ block: "nearest" });
        return;
      }
      setNoteOpen(reference, reference.getAttribute("aria-expanded") !== "true");
    });

    // Pointing at a passage, its marker or its note shows which belong together.
    function linkedFrom(event) {
      var target = event.target.closest ? event.target.closest("mark.annotated, a.note-ref, mark.study-mark, a.study-ref, aside.sidenote") : null;
      if (!target || !notesBody.contains(target)) return null;
      if (target.tagName === "ASIDE") return target;
      var number = target.getAttribute("data-note");
      var study = target.getAttribute("data-study");
      return number ? doc.getElementById("sidenote-" + number) : study ? doc.getElementById("study-note-" + study) : null;
    }
    notesBody.addEventListener("pointerover", function (event) {
      if (!isHoverPointer(event)) return;
      var aside = linkedFrom(event);
      if (aside) setLinked(aside, true);
    });
    notesBody.addEventListener("pointerout", function (event) {
      var aside = linkedFrom(event);
      if (aside) setLinked(aside, false);
    });

    doc.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || (event.key !== "Escape" && event.key !== "Esc")) return;
      if (wideNotes()) return;
      var open = notesBody.querySelectorAll('a[aria-expanded="true"]');
      if (!open.length) return;
      // The note the focus is in, or else the one whose marker has the focus, or else all.
      var active = doc.activeElement;
      var chosen = null;
      for (var i = 0; i < open.length; i++) {
        var aside = asideFor(open[i]);
        if (open[i] === active || (aside && aside.contains(active))) chosen = open[i];
      }
      var closing = chosen ? [chosen] : Array.prototype.slice.call(open);
      for (var j = 0; j < closing.length; j++) setNoteOpen(closing[j], false);
      if (chosen) chosen.focus();
      event.preventDefault();
    });

    notesBody.addEventListener("focusin", function (event) {
      var aside = event.target.closest ? event.target.closest("aside.sidenote.is-collapsed") : null;
      if (!aside || event.target.classList.contains("note-more")) return;
      aside.setAttribute("data-expanded", "true");
      layoutNotes();
    });

    function onWidthChange() {
      syncReferenceRoles();
      queueNotesLayout();
    }
    if (WIDE_NOTES) {
      if (WIDE_NOTES.addEventListener) WIDE_NOTES.addEventListener("change", onWidthChange);
      else if (WIDE_NOTES.addListener) WIDE_NOTES.addListener(onWidthChange);
    }
    window.addEventListener("resize", queueNotesLayout);
    window.addEventListener("load", queueNotesLayout);
    if (doc.fonts && doc.fonts.ready) doc.fonts.ready.then(queueNotesLayout);
    layoutNotes();
  }

  /* ------------------------------------------------------------ study mode */

  /* The reader selects a passage of one paragraph and writes a note. Notes are kept in
     localStorage under "gloss-study:<article>", each identified by its quote (exact text, with
     the text just before and after it in the paragraph: a W3C TextQuoteSelector), never sent
     anywhere. On the next visit each is found again by its quote; one whose passage is gone
     stays listed (and exportable) without a place in the text. */
  var STUDY_PREFIX = "gloss-study:";
  var QUOTE_CONTEXT = 32;

  function hashText(text) {
    // FNV-1a, 32 bits: a short, stable id for a quote.
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul ? Math.imul(hash, 0x01000193) : (hash * 0x01000193) | 0;
    }
    return (hash >>> 0).toString(36);
  }

  // Whitespace runs and quote styles folded, with the original index of every folded character.
  function foldQuote(text) {
    var out = "";
    var map = [];
    var lastSpace = false;
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (/\s/.test(ch)) {
        if (lastSpace) continue;
        ch = " ";
        lastSpace = true;
      } else {
        lastSpace = false;
        if (/[\u2018\u2019\u02bc\u2032]/.test(ch)) ch = "'";
        else if (/[\u201c\u201d\u2033]/.test(ch)) ch = '"';
      }
      out += ch;
      map.push(i);
    }
    map.push(text.length);
    return { text: out, map: map };
  }

  function storageWorks() {
    try {
      var probe = "gloss-study-probe";
      localStorage.setItem(probe, "1");
      localStorage.removeItem(probe);
      return true;
    } catch (error) {
      return false;
    }
  }

  function setupStudy() {
    var body = doc.querySelector(".article-body[data-article]");
    var panel = doc.querySelector(".study-panel");
    if (!body || !panel || !window.getSelection) return;
    if (!storageWorks()) return; // nowhere to keep notes: study mode stays out of the way
    var slug = body.getAttribute("data-article");
    var storageKey = STUDY_PREFIX + slug;
    var list = panel.querySelector(".study-list");
    var empty = panel.querySelector(".study-empty");
    var exportButton = panel.querySelector(".study-export");
    var clearButton = panel.querySelector(".study-clear");
    var notes = load();
    var placed = {}; // id → { marks, reference, aside }

    panel.hidden = false;

    function valid(note) {
      return note && typeof note.exact === "string" && note.exact && typeof note.text === "string";
    }

    function load() {
      try {
        var data = JSON.parse(localStorage.getItem(storageKey) || "null");
        return data && Array.isArray(data.notes) ? data.notes.filter(valid) : [];
      } catch (error) {
        return [];
      }
    }

    function store() {
      try {
        if (notes.length) localStorage.setItem(storageKey, JSON.stringify({ version: 1, notes: notes }));
        else localStorage.removeItem(storageKey);
        return true;
      } catch (error) {
        announce(t("note-not-saved", "Your note could not be saved: this browser’s storage is full or disabled"));
        return false;
      }
    }

    function noteID(exact, prefix, suffix) {
      return "s" + hashText(exact + "\u0001" + prefix + "\u0001" + suffix);
    }

    function paragraphs() {
      return body.querySelectorAll('p[id^="p-"]');
    }

    /* ---- finding a quote again */

    function locate(note) {
      var exact = foldQuote(note.exact).text.trim();
      var prefix = foldQuote(note.prefix || "").text.trim();
      var suffix = foldQuote(note.suffix || "").text.trim();
      if (!exact) return null;
      var best = null;
      var all = paragraphs();
      for (var i = 0; i < all.length; i++) {
        var folded = foldQuote(all[i].textContent);
        var from = 0;
        for (;;) {
          var at = folded.text.indexOf(exact, from);
          if (at < 0) break;
          from = at + 1;
          var before = folded.text.slice(0, at).replace(/ +$/, "");
          var after = folded.text.slice(at + exact.length).replace(/^ +/, "");
          var score = (!prefix || before.slice(-prefix.length) === prefix ? 2 : 0) + (!suffix || after.slice(0, suffix.length) === suffix ? 1 : 0);
          if (!best || score > best.score) {
            best = { paragraph: all[i], start: folded.map[at], end: folded.map[at + exact.length - 1] + 1, score: score };
          }
          if (score === 3) return best;
        }
      }
      return best;
    }

    /* ---- marks: elements around the passage's text, never new text */

    function wrap(paragraph, start, end, id, pending) {
      var marks = [];
      var walker = doc.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT, null);
      var nodes = [];
      var node;
      while ((node = walker.nextNode())) nodes.push(node);
      var position = 0;
      for (var i = 0; i < nodes.length; i++) {
        var text = nodes[i];
        var length = text.data.length;
        var from = Math.max(start, position);
        var to = Math.min(end, position + length);
        position += length;
        if (from >= to) continue;
        var piece = text;
        if (from > position - length) piece = piece.splitText(from - (position - length));
        if (to < position) piece.splitText(to - from);
        var mark = doc.createElement("mark");
        mark.className = "study-mark" + (pending ? " is-pending" : "");
        mark.setAttribute("data-study", id);
        piece.parentNode.insertBefore(mark, piece);
        mark.appendChild(piece);
        marks.push(mark);
      }
      return marks;
    }

    function unwrap(marks) {
      for (var i = 0; i < marks.length; i++) {
        var mark = marks[i];
        var parent = mark.parentNode;
        if (!parent) continue;
        while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
        parent.removeChild(mark);
        parent.normalize();
      }
    }

    /* ---- one note on the page: marks, marker, margin note, list item */

    function paragraphNumber(paragraph) {
      return paragraph ? paragraph.id.slice(2) : "";
    }

    function buildAside(note) {
      var aside = doc.createElement("aside");
      aside.className = "sidenote study-note";
      aside.id = "study-note-" + note.id;
      aside.setAttribute("data-study", note.id);
      aside.setAttribute("aria-label", t("your-note", "Your note"));
      var head = doc.createElement("p");
      head.className = "sidenote-head";
      var mark = doc.createElement("span");
      mark.className = "sidenote-number study-glyph";
      mark.setAttribute("aria-hidden", "true");
      var kind = doc.createElement("span");
      kind.className = "note-kind";
      kind.textContent = t("your-note", "Your note");
      head.appendChild(mark);
      head.appendChild(doc.createTextNode(" "));
      head.appendChild(kind);
      var text = doc.createElement("p");
      text.className = "study-text";
      text.textContent = note.text;
      aside.appendChild(head);
      aside.appendChild(text);
      aside.appendChild(actions(note, "in the margin"));
      return aside;
    }

    function actions(note, where) {
      var row = doc.createElement("p");
      row.className = "study-note-actions";
      var edit = doc.createElement("button");
      edit.type = "button";
      edit.className = "link-button study-edit";
      edit.textContent = t("edit", "Edit");
      edit.setAttribute("aria-label", t("edit-note", "Edit your note on “{quote}”", { quote: shorten(note.exact, 40) }));
      edit.addEventListener("click", function () {
        openEditor({ existing: note, returnFocus: edit });
      });
      var remove = doc.createElement("button");
      remove.type = "button";
      remove.className = "link-button study-delete";
      remove.textContent = t("delete", "Delete");
      remove.setAttribute("aria-label", t("delete-note", "Delete your note on “{quote}”", { quote: shorten(note.exact, 40) }));
      remove.addEventListener("click", function () {
        deleteNote(note);
      });
      row.appendChild(edit);
      row.appendChild(doc.createTextNode(" "));
      row.appendChild(remove);
      row.setAttribute("data-where", where);
      return row;
    }

    function shorten(text, length) {
      var flat = text.replace(/\s+/g, " ").trim();
      return flat.length > length ? flat.slice(0, length - 1) + "…" : flat;
    }

    function show(note) {
      var place = locate(note);
      var entry = { marks: [], reference: null, aside: null, paragraph: null };
      if (place) {
        entry.paragraph = place.paragraph;
        entry.marks = wrap(place.paragraph, place.start, place.end, note.id, false);
        var last = entry.marks[entry.marks.length - 1];
        if (last) {
          // After the passage, outside any link (a link inside a link is not allowed).
          var after = last;
          var link = last.parentNode && last.parentNode.closest ? last.parentNode.closest("a") : null;
          if (link && place.paragraph.contains(link)) after = link;
          var reference = doc.createElement("a");
          reference.className = "study-ref";
          reference.href = "#your-note-" + note.id;
          reference.setAttribute("data-study", note.id);
          reference.setAttribute("aria-label", t("your-note", "Your note"));
          after.parentNode.insertBefore(reference, after.nextSibling);
          entry.reference = reference;
          entry.aside = buildAside(note);
          placeAfterParagraph(entry.aside, place.paragraph);
          registerReference(reference, entry.aside);
        }
      }
      placed[note.id] = entry;
      renderList();
      queueNotesLayout();
    }

    function hide(note) {
      var entry = placed[note.id];
      if (!entry) return;
      unwrap(entry.marks);
      if (entry.reference && entry.reference.parentNode) entry.reference.parentNode.removeChild(entry.reference);
      if (entry.aside && entry.aside.parentNode) entry.aside.parentNode.removeChild(entry.aside);
      delete placed[note.id];
    }

    function renderList() {
      list.textContent = "";
      empty.hidden = notes.length > 0;
      exportButton.disabled = notes.length === 0;
      clearButton.disabled = notes.length === 0;
      var ordered = notes.slice().sort(function (a, b) {
        var pa = placed[a.id] && placed[a.id].marks[0];
        var pb = placed[b.id] && placed[b.id].marks[0];
        if (pa && pb) return pa.compareDocumentPosition(pb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
        return pa ? -1 : pb ? 1 : 0;
      });
      for (var i = 0; i < ordered.length; i++) {
        var note = ordered[i];
        var entry = placed[note.id] || {};
        var item = doc.createElement("li");
        item.className = "study-item";
        item.id = "your-note-" + note.id;
        var quote = doc.createElement("blockquote");
        quote.className = "study-quote";
        var quoteText = doc.createElement("p");
        quoteText.textContent = note.exact;
        quote.appendChild(quoteText);
        var text = doc.createElement("p");
        text.className = "study-text";
        text.textContent = note.text;
        var where = doc.createElement("p");
        where.className = "study-where";
        if (entry.paragraph) {
          var go = doc.createElement("a");
          go.href = "#" + entry.paragraph.id;
          go.textContent = t("paragraph", "Paragraph {n}", { n: paragraphNumber(entry.paragraph) });
          where.appendChild(go);
        } else {
          where.textContent = t("passage-gone", "This passage is no longer in the article; the note is kept and exported.");
          item.classList.add("is-orphan");
        }
        item.appendChild(quote);
        item.appendChild(text);
        item.appendChild(where);
        item.appendChild(actions(note, "in the list"));
        list.appendChild(item);
      }
    }

    function deleteNote(note) {
      hide(note);
      notes = notes.filter(function (other) {
        return other.id !== note.id;
      });
      store();
      renderList();
      queueNotesLayout();
      announce(t("note-deleted", "Your note was deleted"));
      var heading = doc.getElementById("study-heading");
      if (heading && doc.activeElement === doc.body) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    }

    /* ---- the selection and the "Add a note" button */

    var addButton = doc.createElement("button");
    addButton.type = "button";
    addButton.className = "study-add";
    addButton.textContent = t("add-note", "Add a note");
    addButton.hidden = true;
    var pending = null;

    function textOffset(paragraph, container, offset) {
      var range = doc.createRange();
      range.setStart(paragraph, 0);
      range.setEnd(container, offset);
      return range.toString().length;
    }

    function selectedPassage() {
      var selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
      var range = selection.getRangeAt(0);
      var start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentNode;
      var end = range.endContainer.nodeType === 1 ? range.endContainer : range.endContainer.parentNode;
      var paragraph = start && start.closest ? start.closest('p[id^="p-"]') : null;
      if (!paragraph || !body.contains(paragraph) || !paragraph.contains(end)) return null;
      var text = paragraph.textContent;
      var from = textOffset(paragraph, range.startContainer, range.startOffset);
      var to = textOffset(paragraph, range.endContainer, range.endOffset);
      while (from < to && /\s/.test(text.charAt(from))) from++;
      while (to > from && /\s/.test(text.charAt(to - 1))) to--;
      if (to - from < 2) return null;
      return {
        paragraph: paragraph,
        range: range,
        start: from,
        end: to,
        exact: text.slice(from, to),
        prefix: text.slice(Math.max(0, from - QUOTE_CONTEXT), from),
        suffix: text.slice(to, to + QUOTE_CONTEXT),
      };
    }

    // Below the selection's last line, inside the article column: never over the passage.
    function placeBelow(element, rect) {
      var bodyRect = body.getBoundingClientRect();
      element.style.top = Math.round(rect.bottom - bodyRect.top + 8) + "px";
      var width = element.offsetWidth;
      var left = Math.min(Math.max(0, rect.left - bodyRect.left), Math.max(0, bodyRect.width - width));
      element.style.left = Math.round(left) + "px";
    }

    function updateAddButton() {
      if (editor && !editor.hidden) return;
      var passage = selectedPassage();
      if (!passage) {
        if (doc.activeElement !== addButton) addButton.hidden = true;
        pending = doc.activeElement === addButton ? pending : null;
        return;
      }
      pending = passage;
      placeAfterParagraph(addButton, passage.paragraph);
      addButton.removeAttribute("data-for");
      addButton.hidden = false;
      var rects = passage.range.getClientRects();
      placeBelow(addButton, rects.length ? rects[rects.length - 1] : passage.range.getBoundingClientRect());
    }

    var selectionTimer = 0;
    doc.addEventListener("selectionchange", function () {
      clearTimeout(selectionTimer);
      selectionTimer = setTimeout(updateAddButton, 120);
    });
    // Keep the selection when the button is pressed.
    addButton.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    addButton.addEventListener("click", function () {
      if (!pending) return;
      openEditor({ passage: pending, returnFocus: null });
    });

    /* ---- the note editor */

    var editor = null;
    var editorTitle, editorQuote, editorText, editorSave, editorCancel;
    var editing = null; // { note, isNew, marks, returnFocus }

    function buildEditor() {
      editor = doc.createElement("div");
      editor.className = "study-editor";
      editor.setAttribute("role", "dialog");
      editor.setAttribute("aria-labelledby", "study-editor-title");
      editor.hidden = true;
      editorTitle = doc.createElement("p");
      editorTitle.className = "study-editor-title";
      editorTitle.id = "study-editor-title";
      editorTitle.textContent = t("your-note", "Your note");
      editorQuote = doc.createElement("p");
      editorQuote.className = "study-editor-quote";
      var label = doc.createElement("label");
      label.className = "visually-hidden";
      label.setAttribute("for", "study-editor-text");
      label.textContent = t("note-on-passage", "Your note on this passage");
      editorText = doc.createElement("textarea");
      editorText.id = "study-editor-text";
      editorText.rows = 4;
      var row = doc.createElement("p");
      row.className = "study-editor-actions";
      editorSave = doc.createElement("button");
      editorSave.type = "button";
      editorSave.className = "button study-save";
      editorSave.textContent = t("save-note", "Save note");
      editorCancel = doc.createElement("button");
      editorCancel.type = "button";
      editorCancel.className = "button button-quiet study-cancel";
      editorCancel.textContent = t("cancel", "Cancel");
      var hint = doc.createElement("span");
      hint.className = "study-editor-hint";
      hint.textContent = t("kept-here", "Kept in this browser only.");
      row.appendChild(editorSave);
      row.appendChild(doc.createTextNode(" "));
      row.appendChild(editorCancel);
      row.appendChild(doc.createTextNode(" "));
      row.appendChild(hint);
      editor.appendChild(editorTitle);
      editor.appendChild(editorQuote);
      editor.appendChild(label);
      editor.appendChild(editorText);
      editor.appendChild(row);
      editorSave.addEventListener("click", saveEditor);
      editorCancel.addEventListener("click", function () {
        closeEditor(false);
      });
      editor.addEventListener("keydown", function (event) {
        if (event.key === "Escape" || event.key === "Esc") {
          event.preventDefault();
          closeEditor(false);
        } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          saveEditor();
        }
      });
    }

    function openEditor(request) {
      if (!editor) buildEditor();
      if (!editor.hidden) closeEditor(false);
      var note;
      var isNew = false;
      var marks = [];
      var paragraph;
      var rect;
      if (request.existing) {
        note = request.existing;
        var entry = placed[note.id];
        paragraph = entry && entry.paragraph;
        if (entry && entry.marks.length) rect = entry.marks[entry.marks.length - 1].getBoundingClientRect();
      } else {
        var passage = request.passage;
        var id = noteID(passage.exact, passage.prefix, passage.suffix);
        var known = notes.filter(function (other) {
          return other.id === id;
        })[0];
        paragraph = passage.paragraph;
        var rects = passage.range.getClientRects();
        rect = rects.length ? rects[rects.length - 1] : passage.range.getBoundingClientRect();
        if (known) {
          note = known; // the same quote again: edit its note
        } else {
          isNew = true;
          note = { id: id, exact: passage.exact, prefix: passage.prefix, suffix: passage.suffix, text: "" };
          marks = wrap(passage.paragraph, passage.start, passage.end, id, true);
        }
      }
      editing = { note: note, isNew: isNew, marks: marks, returnFocus: request.returnFocus };
      editorQuote.textContent = "“" + shorten(note.exact, 120) + "”";
      editorText.value = note.text || "";
      addButton.hidden = true;
      if (paragraph) placeAfterParagraph(editor, paragraph);
      else panel.appendChild(editor);
      editor.removeAttribute("data-for");
      editor.hidden = false;
      if (paragraph && rect) placeBelow(editor, rect);
      else editor.style.top = editor.style.left = "";
      var selection = window.getSelection();
      if (selection && selection.removeAllRanges) selection.removeAllRanges();
      editorText.focus();
    }

    function closeEditor(saved) {
      if (!editor || editor.hidden || !editing) return;
      var state = editing;
      editing = null;
      editor.hidden = true;
      if (!saved) unwrap(state.marks);
      var entry = placed[state.note.id];
      var focusTarget = state.returnFocus || (entry && entry.reference) || null;
      if (focusTarget && doc.contains(focusTarget)) focusTarget.focus();
      queueNotesLayout();
    }

    function saveEditor() {
      if (!editing) return;
      var text = editorText.value.trim();
      var state = editing;
      if (!text) {
        // An empty note is no note: a new one is dropped, an old one left as it was.
        closeEditor(false);
        return;
      }
      var now = new Date().toISOString();
      state.note.text = text;
      state.note.updated = now;
      if (state.isNew) {
        state.note.created = now;
        notes.push(state.note);
        unwrap(state.marks);
        state.marks = [];
      } else {
        hide(state.note);
      }
      store();
      show(state.note);
      if (!state.returnFocus || !doc.contains(state.returnFocus)) state.returnFocus = null;
      closeEditor(true);
      announce(state.isNew ? t("note-saved", "Your note was saved in this browser") : t("note-updated", "Your note was updated"));
    }

    /* ---- export and delete all */

    function exportJSON() {
      var source = location.href.split("#")[0];
      var annotations = notes.map(function (note) {
        return {
          id: note.id,
          created: note.created || "",
          updated: note.updated || note.created || "",
          uri: source,
          text: note.text,
          tags: ["study"],
          document: { title: [doc.title] },
          target: [
            {
              source: source,
              selector: [{ type: "TextQuoteSelector", exact: note.exact, prefix: note.prefix || "", suffix: note.suffix || "" }],
            },
          ],
        };
      });
      return JSON.stringify({ annotations: annotations }, null, 2) + "\n";
    }

    exportButton.addEventListener("click", function () {
      if (!notes.length) return;
      var blob = new Blob([exportJSON()], { type: "application/json" });
      var url = URL.createObjectURL(blob);
      var link = doc.createElement("a");
      link.href = url;
      link.download = slug + "-notes.json";
      link.hidden = true;
      doc.body.appendChild(link);
      link.click();
      doc.body.removeChild(link);
      setTimeout(function () {
        URL.revokeObjectURL(url);
      }, 4000);
      announce(tPlural("exported", notes.length, "Exported {n} note as {file}", "Exported {n} notes as {file}", { file: link.download }));
    });

    // Two presses, no dialog: the first one asks, the second one deletes.
    var clearArmed = 0;
    clearButton.addEventListener("click", function () {
      if (!clearArmed) {
        clearButton.textContent = tPlural("confirm-delete", notes.length, "Press again to delete all {n} note", "Press again to delete all {n} notes");
        clearArmed = setTimeout(function () {
          clearArmed = 0;
          clearButton.textContent = t("delete-all", "Delete all my notes");
        }, 5000);
        return;
      }
      clearTimeout(clearArmed);
      clearArmed = 0;
      clearButton.textContent = t("delete-all", "Delete all my notes");
      for (var i = 0; i < notes.length; i++) hide(notes[i]);
      notes = [];
      store();
      renderList();
      queueNotesLayout();
      announce(t("notes-deleted", "All your notes on this article were deleted"));
    });

    for (var n = 0; n < notes.length; n++) show(notes[n]);
    renderList();
  }

  /* ------------------------------------------------------------ search */

  var MAX_RESULTS = 12;
  // Completions of a half-typed last word a query reads, the most common first.
  var MAX_COMPLETIONS = 3;
  // Rounds of MAX_RESULTS fragments a phrase query reads while looking for the phrase.
  var PHRASE_ROUNDS = 4;
  // A query runs once typing pauses, not for every letter of a word on its way.
  var TYPING_PAUSE = 120;

  // Chinese and Japanese: no spaces between words (SearchText.isCJK).
  function isCJK(code) {
    return (
      (code >= 0x2e80 && code <= 0x2fdf) ||
      (code >= 0x3005 && code <= 0x3007) ||
      (code >= 0x3021 && code <= 0x3029) ||
      (code >= 0x3040 && code <= 0x30ff) ||
      (code >= 0x31f0 && code <= 0x31ff) ||
      (code >= 0x3400 && code <= 0x4dbf) ||
      (code >= 0x4e00 && code <= 0x9fff) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xff66 && code <= 0xff9f) ||
      (code >= 0x20000 && code <= 0x3ffff)
    );
  }

  function wordsOf(folded) {
    return folded.match(/[\p{L}\p{N}\p{M}]+/gu) || [];
  }

  // The index terms of folded text, cut as SearchText.terms cuts them: words, with Chinese
  // and Japanese runs as overlapping character pairs.
  function termsOf(folded) {
    var terms = [];
    wordsOf(folded).forEach(function (word) {
      var run = [];
      var runIsCJK = false;
      function flush() {
        if (!run.length) return;
        if (runIsCJK && run.length > 1) for (var i = 0; i + 1 < run.length; i++) terms.push(run[i] + run[i + 1]);
        else terms.push(run.join(""));
        run = [];
      }
      Array.from(word).forEach(function (character) {
        var cjk = isCJK(character.codePointAt(0));
        if (run.length && cjk !== runIsCJK && !/\p{M}/u.test(character)) flush();
        if (!run.length) runIsCJK = cjk;
        run.push(character);
      });
      flush();
    });
    return terms;
  }

  // FNV-1a of the UTF-8 bytes, as SearchText.hash: which file holds a term.
  var utf8 = window.TextEncoder ? new TextEncoder() : null;
  function hash(text) {
    var bytes = utf8.encode(text);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    return h >>> 0;
  }
  function termShard(term, count) {
    return hash(term) & (count - 1);
  }
  function wordShard(term, count) {
    return hash(Array.from(term).slice(0, 2).join("")) & (count - 1);
  }

  function unique(list) {
    var seen = {};
    return list.filter(function (item) {
      if (seen[item]) return false;
      seen[item] = true;
      return true;
    });
  }

  // What a query asks: the index terms it needs, the texts a result must contain (each word,
  // each "quoted phrase"), and its last word as a prefix while it is being typed.
  function parseQuery(query) {
    var folded = fold(query);
    var phrases = [];
    var rest = folded.replace(/"([^"]*)("|$)/g, function (_, phrase) {
      phrase = phrase.trim();
      if (phrase) phrases.push(phrase);
      return " ";
    });
    var words = unique(wordsOf(rest));
    var last = words.length && /[\p{L}\p{N}\p{M}]$/u.test(rest) ? words[words.length - 1] : null;
    var prefix = last && Array.from(last).length >= 2 && !termsOf(last).some(isCJKTerm) ? last : null;
    return {
      text: words.join(" "),
      terms: unique(termsOf(folded)),
      needles: words.concat(phrases),
      words: words,
      phrases: phrases.concat(words.filter(function (word) {
        return termsOf(word).some(isCJKTerm);
      })),
      prefix: prefix,
    };
  }

  function isCJKTerm(term) {
    return isCJK(term.codePointAt(0));
  }

  function containsAll(folded, needles) {
    for (var i = 0; i < needles.length; i++) if (folded.indexOf(needles[i]) < 0) return false;
    return true;
  }

  // Words of the word list that complete the prefix, the most common first; none when the
  // prefix is itself a common word (then it is most likely what was meant).
  function completions(query, manifest, callback) {
    if (!query.prefix) {
      callback([]);
      return;
    }
    var shard = wordShard(query.prefix, manifest.words);
    loadScript(indexFile("w/" + shard), function () {
      var list = searchFiles.words[shard] || {};
      if ((list[query.prefix] || 0) >= MAX_RESULTS) {
        callback([]);
        return;
      }
      var found = Object.keys(list).filter(function (word) {
        return word !== query.prefix && word.indexOf(query.prefix) === 0;
      });
      found.sort(function (a, b) {
        return list[b] - list[a] || (a < b ? -1 : 1);
      });
      callback(found.slice(0, MAX_COMPLETIONS));
    });
  }

  function shardOf(term, manifest) {
    return searchFiles.terms[termShard(term, manifest.terms)];
  }

  // Article number → weight of one term: its postings, numbers after the first as differences.
  function postings(term, manifest) {
    var shard = shardOf(term, manifest);
    var list = shard && shard.postings[term];
    var weights = {};
    if (!list) return weights;
    var number = 0;
    for (var i = 0; i + 1 < list.length; i += 2) {
      number += list[i];
      weights[number] = list[i + 1];
    }
    return weights;
  }

  // Articles that have every term (the prefix or one of its completions for the last word),
  // best first: the sum of the weights, a completion counting half; the newest on a tie.
  function rankArticles(query, extra, manifest) {
    var scores = null;
    query.terms.forEach(function (term) {
      var weights = postings(term, manifest);
      if (term === query.prefix) {
        extra.forEach(function (completion) {
          var more = postings(completion, manifest);
          for (var number in more) weights[number] = Math.max(weights[number] || 0, more[number] / 2);
        });
      }
      if (scores === null) {
        scores = weights;
        return;
      }
      var next = {};
      for (var number in scores) if (weights[number]) next[number] = scores[number] + weights[number];
      scores = next;
    });
    return Object.keys(scores || {})
      .map(function (number) {
        return { number: Number(number), score: scores[number] };
      })
      .sort(function (a, b) {
        return b.score - a.score || b.number - a.number;
      });
  }

  // Entries whose term or an alias is what was typed (whole, then its start, then all of its
  // words anywhere): always above the articles. An entry's own name beats an alias.
  function rankEntries(query, extra, manifest) {
    var byID = {};
    query.terms.concat(extra).forEach(function (term) {
      var shard = shardOf(term, manifest);
      ((shard && shard.entries[term]) || []).forEach(function (entry) {
        byID[entry.id] = entry;
      });
    });
    var results = [];
    Object.keys(byID)
      .sort()
      .forEach(function (id) {
        var entry = byID[id];
        var names = [entry.term].concat(entry.aliases || []);
        var score = 0;
        var matched = entry.term;
        for (var i = 0; i < names.length; i++) {
          var name = fold(names[i]);
          var s = name === query.text ? 100 : query.text && name.indexOf(query.text) === 0 ? 80 : containsAll(name, query.needles) ? 60 : 0;
          if (i > 0) s -= 5;
          if (s > score) {
            score = s;
            matched = names[i];
          }
        }
        if (!score) return;
        results.push({
          score: score,
          kind: t("result-entry", "Glossary · {category}", { category: entry.category_label || "" }),
          title: entry.term,
          detail: matched !== entry.term ? t("result-also", "Also: {name}", { name: matched }) : entry.summary,
          url: entry.url,
        });
      });
    return results.sort(function (a, b) {
      return b.score - a.score;
    });
  }

  // One article's results, from its fragment: the article itself when its title or summary
  // has every word, then each paragraph that has them all. A phrase must be there as it is.
  function articleResults(article, query) {
    var results = [];
    var head = fold(article.title + " " + (article.summary || ""));
    var paragraphs = (article.paragraphs || []).filter(function (paragraph) {
      return containsAll(fold(paragraph.text), query.needles);
    });
    var whole = containsAll(head, query.needles);
    if (!whole && !paragraphs.length) {
      // The words are there, but apart: the article, unless a phrase was asked for.
      if (query.phrases.length) return results;
      var first = (article.paragraphs || []).filter(function (paragraph) {
        return fold(paragraph.text).indexOf(query.needles[0]) >= 0;
      })[0];
      whole = true;
      if (first) article = { title: article.title, url: article.url, summary: snippet(first.text, query.needles) };
    }
    // Several words typed in their order: where they stand together comes first.
    var together = query.words.length > 1 ? query.text : null;
    if (whole) {
      results.push({
        kind: t("result-article", "Article"),
        title: article.title,
        detail: article.summary || "",
        url: article.url,
        together: !!together && head.indexOf(together) >= 0,
      });
    }
    paragraphs.forEach(function (paragraph) {
      results.push({
        kind: t("paragraph", "Paragraph {n}", { n: paragraph.n }),
        title: article.title,
        detail: snippet(paragraph.text, query.needles),
        url: article.url + "#p-" + paragraph.n,
        together: !!together && fold(paragraph.text).indexOf(together) >= 0,
      });
    });
    return results;
  }

  // Articles' results with the words together first, each group in rank order.
  function phrasesFirst(results) {
    return results
      .filter(function (result) {
        return result.together;
      })
      .concat(
        results.filter(function (result) {
          return !result.together;
        })
      );
  }

  // Entries first, then articles, reading the fragments of only as many of the best articles
  // as can be shown. Calls back with null when the index cannot be read.
  function runSearch(text, callback) {
    var query = parseQuery(text);
    if (!query.terms.length) {
      callback([]);
      return;
    }
    loadManifest(function (manifest) {
      if (!manifest || !utf8) {
        callback(null);
        return;
      }
      completions(query, manifest, function (extra) {
        var shards = unique(
          query.terms.concat(extra).map(function (term) {
            return indexFile("t/" + termShard(term, manifest.terms));
          })
        );
        loadScripts(shards, function () {
          var failed = query.terms.some(function (term) {
            return !shardOf(term, manifest);
          });
          if (failed) {
            callback(null);
            return;
          }
          var entries = rankEntries(query, extra, manifest).slice(0, MAX_RESULTS);
          var results = [];
          var ranked = rankArticles(query, extra, manifest);
          var rounds = query.phrases.length ? PHRASE_ROUNDS : 1;
          function round(from) {
            var room = MAX_RESULTS - entries.length - results.length;
            var batch = ranked.slice(from, from + Math.max(room, 1));
            if (room <= 0 || !batch.length || rounds-- <= 0) {
              callback(entries.concat(phrasesFirst(results)).slice(0, MAX_RESULTS));
              return;
            }
            var files = batch.map(function (item) {
              return indexFile("d/" + item.number);
            });
            loadScripts(files, function () {
              batch.forEach(function (item) {
                var article = searchFiles.documents[item.number];
                if (article) results = results.concat(articleResults(article, query));
              });
              round(from + batch.length);
            });
          }
          round(0);
        });
      });
    });
  }

  // About 140 characters around the first word found.
  function snippet(text, words) {
    var folded = fold(text);
    var at = Math.max(0, folded.indexOf(words[0]));
    // Folding keeps the length except for collapsed spaces and stripped accents; close enough
    // for choosing a window, and the window is cut from the original text.
    var start = Math.max(0, at - 60);
    var end = Math.min(text.length, start + 140);
    var cut = text.slice(start, end).replace(/\s+/g, " ");
    return (start > 0 ? "…" : "") + cut.trim() + (end < text.length ? "…" : "");
  }

  // Text with each query word wrapped in <mark>, built as nodes (never as HTML).
  function highlighted(text, words) {
    var fragment = doc.createDocumentFragment();
    var folded = fold(text);
    if (folded.length !== text.length) {
      fragment.appendChild(doc.createTextNode(text));
      return fragment;
    }
    var ranges = [];
    words.forEach(function (word) {
      var from = 0;
      for (;;) {
        var at = folded.indexOf(word, from);
        if (at < 0) break;
        ranges.push([at, at + word.length]);
        from = at + word.length;
      }
    });
    ranges.sort(function (a, b) {
      return a[0] - b[0];
    });
    var position = 0;
    ranges.forEach(function (range) {
      if (range[0] < position) return;
      fragment.appendChild(doc.createTextNode(text.slice(position, range[0])));
      var mark = doc.createElement("mark");
      mark.textContent = text.slice(range[0], range[1]);
      fragment.appendChild(mark);
      position = range[1];
    });
    fragment.appendChild(doc.createTextNode(text.slice(position)));
    return fragment;
  }

  function setupSearch() {
    var box = doc.querySelector(".site-search");
    if (!box) return;
    var input = box.querySelector(".site-search-input");
    var panel = box.querySelector(".site-search-panel");
    var list = box.querySelector(".site-search-results");
    var status = box.querySelector(".site-search-status");
    if (!input || !panel || !list || !status) return;
    var rootPrefix = box.getAttribute("data-root") || "";
    var results = [];
    var active = -1;
    var lastQuery = null;
    box.hidden = false;

    function open(on) {
      panel.hidden = !on;
      input.setAttribute("aria-expanded", on && results.length ? "true" : "false");
      box.classList.toggle("is-open", on);
    }

    function setActive(index) {
      var options = list.querySelectorAll('[role="option"]');
      active = options.length ? (index + options.length) % options.length : -1;
      for (var i = 0; i < options.length; i++) options[i].setAttribute("aria-selected", i === active ? "true" : "false");
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", options[active].id);
        if (options[active].scrollIntoView) options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(index) {
      var result = results[index];
      if (!result) return;
      var url = rootPrefix + result.url;
      var here = location.href.split("#")[0];
      var target = new URL(url, location.href);
      open(false);
      // A paragraph of this very page: only the fragment changes, so :target highlights it.
      if (target.href.split("#")[0] === here && target.hash) location.hash = target.hash;
      else location.href = target.href;
    }

    // found: the results, or null when the index did not load.
    function render(query, found) {
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!query.trim()) {
        results = [];
        status.textContent = "";
        open(false);
        return;
      }
      if (!found) {
        results = [];
        status.textContent = t("search-unavailable", "Search is not available: the index did not load.");
        open(true);
        return;
      }
      results = found;
      var words = parseQuery(query).needles;
      results.forEach(function (result, i) {
        var option = doc.createElement("li");
        option.id = "site-search-option-" + i;
        option.className = "search-result";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var title = doc.createElement("span");
        title.className = "search-result-title";
        title.appendChild(highlighted(result.title, words));
        var kind = doc.createElement("span");
        kind.className = "search-result-kind";
        kind.textContent = result.kind;
        var detail = doc.createElement("span");
        detail.className = "search-result-detail";
        detail.appendChild(highlighted(result.detail || "", words));
        option.appendChild(title);
        option.appendChild(doc.createTextNode(" "));
        option.appendChild(kind);
        option.appendChild(doc.createTextNode(" "));
        option.appendChild(detail);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the box
        });
        option.addEventListener("click", function () {
          go(i);
        });
        list.appendChild(option);
      });
      status.textContent = results.length
        ? results.length === MAX_RESULTS
          ? tPlural("results-shown", results.length, "{n} result shown", "{n} results shown")
          : tPlural("results", results.length, "{n} result", "{n} results")
        : t("no-results", "No results for “{query}”", { query: query.trim() });
      open(true);
    }

    var pause = null;
    var asked = 0; // queries asked: only the newest one's results are shown

    // Runs the query in the box, once typing pauses (at once when `now`).
    function refresh(now) {
      var query = input.value;
      if (query === lastQuery) return;
      lastQuery = query;
      clearTimeout(pause);
      var ask = ++asked;
      if (!query.trim()) {
        render(query, []);
        return;
      }
      pause = setTimeout(
        function () {
          runSearch(query, function (found) {
            if (ask === asked) render(query, found);
          });
        },
        now === true ? 0 : TYPING_PAUSE
      );
    }

    input.addEventListener("focus", function () {
      loadManifest(function () {});
      if (input.value.trim()) {
        lastQuery = null;
        refresh(true);
      }
    });
    input.addEventListener("input", refresh);
    input.addEventListener("keydown", function (event) {
      var key = event.key;
      if (key === "ArrowDown" || key === "Down") {
        event.preventDefault();
        if (panel.hidden && input.value.trim()) {
          lastQuery = null;
          refresh(true);
        }
        setActive(active + 1);
      } else if (key === "ArrowUp" || key === "Up") {
        event.preventDefault();
        setActive(active - 1);
      } else if (key === "Enter") {
        event.preventDefault();
        if (results.length) go(active >= 0 ? active : 0);
      } else if (key === "Escape" || key === "Esc") {
        event.preventDefault();
        if (!panel.hidden) open(false);
        else if (input.value) {
          input.value = "";
          refresh(true);
        } else input.blur();
      }
    });

    // "/" anywhere (outside text fields) goes to the search box.
    doc.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      var target = event.target;
      var tag = target && target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
      event.preventDefault();
      input.focus();
      input.select();
    });

    doc.addEventListener("pointerdown", function (event) {
      if (!box.contains(event.target)) open(false);
    });
    input.addEventListener("blur", function () {
      setTimeout(function () {
        if (!box.contains(doc.activeElement)) open(false);
      }, 0);
    });
  }

  /* ------------------------------------------------------------ concept map */

  function setupConceptMaps() {
    var maps = doc.querySelectorAll("svg.concept-map-svg");
    Array.prototype.forEach.call(maps, function (svg) {
      // Each line's data-e names its two ends by their places among the nodes (in document
      // order, across the categories' groups).
      var edges = svg.querySelectorAll(".cm-edges path[data-e]");
      var nodes = svg.querySelectorAll(".cm-nodes a");
      var ends = Array.prototype.map.call(edges, function (edge) {
        return edge.getAttribute("data-e").split(" ").map(Number);
      });
      function light(index) {
        var neighbours = {};
        neighbours[index] = true;
        for (var i = 0; i < edges.length; i++) {
          var a = ends[i][0];
          var b = ends[i][1];
          var on = a === index || b === index;
          edges[i].classList.toggle("is-lit", on);
          if (on) neighbours[a === index ? b : a] = true;
        }
        for (var j = 0; j < nodes.length; j++) {
          nodes[j].classList.toggle("is-lit", !!neighbours[j]);
          nodes[j].classList.toggle("is-focus", j === index);
        }
        svg.classList.add("is-lighting");
      }
      function clear() {
        svg.classList.remove("is-lighting");
      }
      Array.prototype.forEach.call(nodes, function (node, index) {
        node.addEventListener("pointerenter", function () {
          light(index);
        });
        node.addEventListener("pointerleave", clear);
        node.addEventListener("focus", function () {
          light(index);
        });
        node.addEventListener("blur", clear);
      });
    });
  }

  /* ------------------------------------------------------------ start */

  function start() {
    setupThemeToggle();
    // Previews first: their Escape handler must run before the notes' one.
    setupTermPreviews();
    setupNotes();
    setupParagraphLinks();
    setupStudy();
    setupSearch();
    setupConceptMaps();
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();
})();
