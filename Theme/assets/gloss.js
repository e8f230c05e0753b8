/* Gloss — reading aids. No dependencies, no build step.
   1. Light/dark toggle (remembered; data-theme on <html> overrides the system preference).
   2. Paragraph numbers become links that copy the paragraph's address.
   3. Glossary term previews on hover, keyboard focus and tap.
   Every part checks for its elements first: pages without them simply skip it. */
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;

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
      button.title = dark ? "Switch to the light theme" : "Switch to the dark theme";
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
      link.setAttribute("aria-label", "Paragraph " + number + ", copy link");
      link.title = "Copy a link to paragraph " + number;
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
          announce("Link to paragraph " + number + " copied");
        },
        function () {
          announce("Paragraph " + number + ": the address bar now links here");
        }
      );
    });
  }

  /* ------------------------------------------------------------ term previews */

  var HOVER_DELAY = 300;
  var CLOSE_DELAY = 200;
  var GAP = 8;
  var EDGE = 8;

  function setupTermPreviews() {
    var links = doc.querySelectorAll("a.term[data-term]");
    if (!links.length) return;

    var openLink = null;
    var openTip = null;
    var openTimer = 0;
    var closeTimer = 0;
    var dismissed = null; // the term closed with Escape: not reopened until it is left
    var tapWasOpen = false; // whether this term's preview was open when the current tap began
    var lastPointer = "mouse";

    function tipFor(link) {
      var id = link.getAttribute("data-term");
      var tip = id ? doc.getElementById("tip-" + id) : null;
      if (!tip) {
        var described = (link.getAttribute("aria-describedby") || "").split(/\s+/)[0];
        tip = described ? doc.getElementById(described) : null;
      }
      return tip && tip.classList.contains("term-tip") ? tip : null;
    }

    function isOpen(link) {
      return openLink === link && openTip !== null && !openTip.hidden;
    }

    function cancelTimers() {
      clearTimeout(openTimer);
      clearTimeout(closeTimer);
      openTimer = 0;
      closeTimer = 0;
    }

    function position(link, tip) {
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

      // Below the whole term (all its lines), or above it when only there it fits: never over it.
      var top = box.bottom + GAP;
      var above = top + height > viewportHeight - EDGE && box.top - GAP - height >= EDGE;
      if (above) top = box.top - GAP - height;

      var left = Math.min(firstLine.left, viewportWidth - width - EDGE);
      left = Math.max(EDGE, left);

      tip.setAttribute("data-placement", above ? "above" : "below");
      tip.style.left = Math.round(left - origin.left) + "px";
      tip.style.top = Math.round(top - origin.top) + "px";
    }

    function show(link) {
      var tip = tipFor(link);
      if (!tip) return;
      cancelTimers();
      if (isOpen(link)) return;
      hide();
      tip.hidden = false;
      tip.classList.add("is-open");
      link.classList.add("is-previewing");
      openLink = link;
      openTip = tip;
      position(link, tip);
    }

    function hide() {
      cancelTimers();
      if (openTip) {
        openTip.hidden = true;
        openTip.classList.remove("is-open");
      }
      if (openLink) openLink.classList.remove("is-previewing");
      openLink = null;
      openTip = null;
    }

    function scheduleOpen(link) {
      clearTimeout(closeTimer);
      clearTimeout(openTimer);
      if (isOpen(link)) return;
      openTimer = setTimeout(function () {
        show(link);
      }, HOVER_DELAY);
    }

    function scheduleClose() {
      clearTimeout(openTimer);
      clearTimeout(closeTimer);
      closeTimer = setTimeout(hide, CLOSE_DELAY);
    }

    function isHoverPointer(event) {
      return event.pointerType === "mouse" || event.pointerType === "pen";
    }

    function focusLeftBoth(link) {
      // Decided after the focus move settles, so a tap on the tip's own link keeps it open.
      setTimeout(function () {
        if (openLink !== link) return;
        var active = doc.activeElement;
        if (active === link || (openTip && openTip.contains(active))) return;
        if (openTip && openTip.matches(":hover")) return;
        hide();
      }, 0);
    }

    Array.prototype.forEach.call(links, function (link) {
      var tip = tipFor(link);
      if (!tip) return;

      link.addEventListener("pointerenter", function (event) {
        if (!isHoverPointer(event)) return;
        if (dismissed === link) return;
        scheduleOpen(link);
      });

      link.addEventListener("pointerleave", function (event) {
        if (!isHoverPointer(event)) return;
        if (dismissed === link) dismissed = null;
        if (openLink === link || openTimer) scheduleClose();
      });

      link.addEventListener("focus", function () {
        if (dismissed === link) return;
        show(link);
      });

      link.addEventListener("blur", function () {
        if (dismissed === link) dismissed = null;
        focusLeftBoth(link);
      });

      link.addEventListener("pointerdown", function (event) {
        lastPointer = event.pointerType || "mouse";
        tapWasOpen = isOpen(link);
      });

      link.addEventListener("click", function (event) {
        // First tap previews; a second tap on the same open preview follows the link.
        if (lastPointer !== "touch") return;
        lastPointer = "mouse";
        if (tapWasOpen && isOpen(link)) return;
        event.preventDefault();
        dismissed = null;
        show(link);
      });

      if (!tip.hasAttribute("data-gloss-bound")) {
        tip.setAttribute("data-gloss-bound", "");
        tip.addEventListener("pointerenter", function (event) {
          if (isHoverPointer(event) && openTip === tip) clearTimeout(closeTimer);
        });
        tip.addEventListener("pointerleave", function (event) {
          if (isHoverPointer(event) && openTip === tip) scheduleClose();
        });
        tip.addEventListener("focusout", function () {
          if (openTip === tip && openLink) focusLeftBoth(openLink);
        });
      }
    });

    doc.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" && event.key !== "Esc") return;
      if (!openLink) {
        clearTimeout(openTimer);
        return;
      }
      var link = openLink;
      var focusWasInTip = openTip && openTip.contains(doc.activeElement);
      dismissed = link;
      hide();
      if (focusWasInTip) link.focus();
    });

    // A tap or click anywhere else closes the preview.
    doc.addEventListener(
      "pointerdown",
      function (event) {
        if (!openLink) return;
        var target = event.target;
        if (openLink.contains(target) || (openTip && openTip.contains(target))) return;
        hide();
      },
      true
    );

    window.addEventListener("resize", function () {
      if (openLink && openTip) position(openLink, openTip);
    });
  }

  /* ------------------------------------------------------------ start */

  function start() {
    setupThemeToggle();
    setupParagraphLinks();
    setupTermPreviews();
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();
})();
