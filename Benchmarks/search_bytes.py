#!/usr/bin/env python3
"""What one search query reads from a built site's sharded index, resolved as gloss.js resolves it.

    search_bytes.py SITE [WORD ...]

For each word (by default the site's most common word and a word only one article has) prints
the files the query loads (the manifest, the word list for completions, the postings files, the
fragments of the articles shown) and their bytes. HTTP adds some 200-300 bytes of headers per
file; the figure is the files' bytes. Mirrors runSearch in Theme/assets/gloss.js for a query of
one word: keep the two in step.
"""

import json
import sys
import unicodedata
from pathlib import Path

MAX_RESULTS = 12
MAX_COMPLETIONS = 3
ARABIC = {"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627", "\u0649": "\u064a",
          "\u06cc": "\u064a", "\u06a9": "\u0643", "\u0629": "\u0647"}


def fold(text):
    out = unicodedata.normalize("NFD", text.lower())
    out = "".join(ARABIC.get(c, c) for c in out if not (0x300 <= ord(c) <= 0x36F or ord(c) == 0x640
                  or 0x64B <= ord(c) <= 0x65F or ord(c) == 0x670 or 0x6D6 <= ord(c) <= 0x6ED))
    return unicodedata.normalize("NFC", out)


def fnv(text):
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def call(path):
    text = path.read_text(encoding="utf-8")
    return json.loads("[" + text[text.index("(") + 1:-3] + "]")


def resolve(site, word):
    """[(file, bytes)] a one-word query loads."""
    search = site / "search"
    manifest = call(search / "index.js")[0]
    files = [search / "index.js"]
    word = fold(word)
    shard = lambda term: search / "t" / f"{fnv(term) & (manifest['terms'] - 1)}.js"
    words_file = search / "w" / f"{fnv(word[:2]) & (manifest['words'] - 1)}.js"
    completions = []
    if len(word) >= 2:
        files.append(words_file)
        counts = call(words_file)[1]
        if counts.get(word, 0) < MAX_RESULTS:
            found = sorted((w for w in counts if w != word and w.startswith(word)), key=lambda w: (-counts[w], w))
            completions = found[:MAX_COMPLETIONS]
    scores, entries = {}, set()
    for term in [word] + completions:
        files.append(shard(term))
        data = call(shard(term))[1]
        entries.update(e["id"] for e in data["entries"].get(term, []))
        number = 0
        postings = data["postings"].get(term, [])
        for i in range(0, len(postings), 2):
            number += postings[i]
            weight = postings[i + 1] if term == word else postings[i + 1] / 2
            scores[number] = max(scores.get(number, 0), weight)
    ranked = sorted(scores, key=lambda n: (-scores[n], -n))
    shown = ranked[: max(MAX_RESULTS - len(entries), 1)] if len(entries) < MAX_RESULTS else []
    files += [search / "d" / f"{n}.js" for n in shown]
    unique = list(dict.fromkeys(files))
    return [(f.relative_to(site).as_posix(), f.stat().st_size) for f in unique], len(ranked)


def default_words(site):
    counts = {}
    for path in sorted((site / "search" / "w").glob("*.js")):
        counts.update(call(path)[1])
    common = max(sorted(counts), key=lambda w: counts[w])
    rare = min(sorted(counts), key=lambda w: (counts[w], not (len(w) > 5 and w.isalpha())))
    return [common, rare]


def main(argv):
    site = Path(argv[0])
    for word in argv[1:] or default_words(site):
        files, found = resolve(site, word)
        total = sum(size for _, size in files)
        print(f"{word}: {found} articles, {len(files)} files, {total / 1024:.1f} KB "
              f"(largest {max(size for _, size in files) / 1024:.1f} KB)")


if __name__ == "__main__":
    main(sys.argv[1:])
