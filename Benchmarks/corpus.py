#!/usr/bin/env python3
"""Deterministic benchmark corpus for Gloss, with the same articles as a Hugo site.

    corpus.py OUT --articles N --words W --terms T [--seed S] [--spread zipf|even]

writes
    OUT/gloss/Content/        site.yml, articles/<slug>.md, glossary/<id>.md
    OUT/hugo/                 hugo.toml, content/articles/*.md, content/glossary/*.md,
                              layouts/ (copied from Benchmarks/hugo-layouts)
    OUT/all.md                every article body concatenated: the cmark CLI's input
    OUT/corpus.json           what was generated (counts, bytes, mentions)

The same seed and sizes always give the same bytes (Python's `random.Random` with a fixed
seed is stable across platforms and versions for the calls used here).

What it models: prose from a Zipf-distributed vocabulary of invented words (so no glossary
term is an everyday word), paragraphs of 40-140 words hard-wrapped at 78 columns (so
multi-word terms cross soft line breaks), a heading every few paragraphs, some emphasis,
links, quotes and lists; glossary entries of 1-3 words with 0-2 aliases, some sharing a
prefix with another entry ("Varnel Accord" / "Varnel Accord Council"); each article has a
handful of topic terms it mentions repeatedly, about one mention per 60 words, sometimes
possessive or plural, in the case of the glossary or lowercased.

`--spread even` models a denser text instead: each article names about 20 distinct entries,
drawn evenly from the whole glossary, one mention per 40 words (the seed op-ed names 50). The
default, `zipf`, keeps each article to a handful of topic terms, which hides the cost of every
term a page shows (tips, maps, "Mentioned in" lists).
"""

import argparse
import json
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

CONSONANTS = "bcdfghjklmnprstvwz"
VOWELS = "aeiou"
FUNCTION_WORDS = (
    "the of and to in a is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when if "
    "so no will more who its into than them can only other new some could these two may "
    "first then do any like my now over such our man me even most made after also did many "
    "before must through back years where much your way well down should because each just"
).split()
CATEGORIES = ["organization", "alliance", "policy", "doctrine", "event", "concept", "person", "place", "document"]
MENTIONS_PER_WORD = 1 / 60


def syllable(rng):
    return rng.choice(CONSONANTS) + rng.choice(VOWELS) + (rng.choice(CONSONANTS) if rng.random() < 0.4 else "")


def invented_word(rng, syllables):
    return "".join(syllable(rng) for _ in range(syllables))


class Vocabulary:
    """Prose words: function words first (most frequent), then invented words, Zipf-weighted."""

    def __init__(self, rng, size=6000):
        words = list(FUNCTION_WORDS)
        seen = set(words)
        while len(words) < size:
            w = invented_word(rng, rng.choice([1, 2, 2, 3, 3, 3, 4]))
            if len(w) >= 2 and w not in seen:
                seen.add(w)
                words.append(w)
        self.words = words
        weights = [1 / (rank + 1) ** 0.95 for rank in range(len(words))]
        total = 0.0
        self.cumulative = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)
        self.total = total
        self.seen = seen

    def pick(self, rng):
        import bisect

        return self.words[bisect.bisect_left(self.cumulative, rng.random() * self.total)]


class Glossary:
    def __init__(self, rng, count, vocabulary):
        self.entries = []
        used_spellings = set()
        used_ids = set()
        term_words = []
        seen_words = set(vocabulary.seen)
        # Term words never occur in prose, so every match is a planted mention.
        while len(term_words) < max(64, count * 2):
            w = invented_word(rng, rng.choice([2, 2, 3, 3, 4]))
            if w not in seen_words:
                seen_words.add(w)
                term_words.append(w.capitalize())

        def fresh_spelling(words):
            text = " ".join(words)
            key = text.lower()
            if key in used_spellings:
                return None
            used_spellings.add(key)
            return text

        while len(self.entries) < count:
            index = len(self.entries)
            if self.entries and rng.random() < 0.2:
                # Shares a prefix with an earlier entry: "X Y" then "X Y Z".
                base = rng.choice(self.entries)["words"]
                words = base[: rng.randint(1, len(base))] + [rng.choice(term_words)]
                words = words[:3] if len(words) > 3 else words
            else:
                words = rng.sample(term_words, rng.choice([1, 2, 2, 3]))
            term = fresh_spelling(words)
            if term is None:
                continue
            aliases = []
            for _ in range(rng.choice([0, 1, 1, 2])):
                if len(words) > 1 and rng.random() < 0.5:
                    alias_words = ["".join(w[0] for w in words).upper()]  # acronym
                else:
                    alias_words = [rng.choice(term_words) for _ in range(rng.choice([1, 2, 3]))]
                alias = fresh_spelling(alias_words)
                if alias is not None:
                    aliases.append(alias)
            identifier = "-".join(w.lower() for w in words)
            if identifier in used_ids:
                identifier = f"{identifier}-{index}"
            used_ids.add(identifier)
            self.entries.append(
                {
                    "id": identifier,
                    "term": term,
                    "words": words,
                    "aliases": aliases,
                    "category": CATEGORIES[index % len(CATEGORIES)],
                }
            )


def sentence_words(rng, vocabulary, count):
    return [vocabulary.pick(rng) for _ in range(count)]


def wrap(text, width=78):
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines)


EVEN_TOPICS = 20
EVEN_MENTIONS_PER_WORD = 1 / 40


def article_body(rng, vocabulary, glossary, words, spread="zipf"):
    """Markdown of about `words` words; returns (markdown, mentions)."""
    entries = glossary.entries
    even = spread == "even"
    if even:
        topics = rng.sample(entries, min(EVEN_TOPICS, len(entries))) if entries else []
    else:
        topics = [rng.choice(entries) for _ in range(rng.randint(4, 12))] if entries else []
    rate = EVEN_MENTIONS_PER_WORD if even else MENTIONS_PER_WORD
    # In an even article every topic is named once before any is named again.
    unnamed = list(topics)
    blocks = []
    written = 0
    mentions = 0
    paragraph_number = 0
    while written < words:
        paragraph_number += 1
        if paragraph_number > 1 and paragraph_number % 5 == 1:
            heading = " ".join(sentence_words(rng, vocabulary, rng.randint(2, 5))).capitalize()
            blocks.append(f"## {heading}")
            written += len(heading.split())
        target = min(words - written, rng.randint(40, 140))
        if target < 8:
            target = words - written
        pieces = []
        count = 0
        sentence = []
        capitalize = True
        while count < target:
            if topics and rng.random() < rate:
                if even:
                    entry = unnamed.pop() if unnamed else rng.choice(topics)
                else:
                    entry = rng.choice(topics) if rng.random() < 0.85 else rng.choice(entries)
                spelling = rng.choice([entry["term"]] + entry["aliases"])
                roll = rng.random()
                if roll < 0.1:
                    spelling += "’s"
                elif roll < 0.15:
                    spelling += "s"
                elif roll < 0.25:
                    spelling = spelling.lower()
                sentence.append(spelling)
                count += len(spelling.split())
                mentions += 1
            else:
                word = vocabulary.pick(rng)
                roll = rng.random()
                if roll < 0.01:
                    word = f"*{word}*"
                elif roll < 0.013:
                    word = f"**{word}**"
                elif roll < 0.016:
                    word = f"[{word}](https://example.org/{word})"
                elif roll < 0.02:
                    word = f"“{word}”"
                sentence.append(word)
                count += 1
            if len(sentence) >= rng.randint(8, 24) or count >= target:
                text = " ".join(sentence)
                if capitalize and text[0].isalpha():
                    text = text[0].upper() + text[1:]
                mark = rng.choice([".", ".", ".", ",", ";", "?"]) if count < target else "."
                pieces.append(text + mark)
                capitalize = mark in ".?"
                sentence = []
        paragraph = " ".join(pieces)
        if rng.random() < 0.05:
            items = [f"- {' '.join(sentence_words(rng, vocabulary, rng.randint(3, 8)))}" for _ in range(3)]
            blocks.append("\n".join(items))
        blocks.append(wrap(paragraph))
        written += count
    return "\n\n".join(blocks) + "\n", mentions


def yaml_string(text):
    return json.dumps(text, ensure_ascii=False)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def generate(out, articles, words, terms, seed, spread="zipf"):
    rng = random.Random(seed)
    vocabulary = Vocabulary(random.Random(seed + 1))
    glossary = Glossary(random.Random(seed + 2), terms, vocabulary)

    for sub in ("gloss", "hugo", "all.md"):
        target = os.path.join(out, sub)
        if os.path.isdir(target):
            shutil.rmtree(target)
        elif os.path.exists(target):
            os.remove(target)
    content = os.path.join(out, "gloss", "Content")
    hugo = os.path.join(out, "hugo")

    write(
        os.path.join(content, "site.yml"),
        "title: Benchmark\ndescription: A generated site for measuring Gloss.\n"
        "base_url: https://bench.example.org/\nlanguage: en\nlink_policy: first-in-article\n",
    )
    write(
        os.path.join(hugo, "hugo.toml"),
        'baseURL = "https://bench.example.org/"\nlanguageCode = "en"\ntitle = "Benchmark"\n'
        'disableKinds = ["taxonomy", "term"]\n'
        "[markup.goldmark.renderer]\nunsafe = false\n",
    )
    layouts = os.path.join(HERE, "hugo-layouts")
    shutil.copytree(layouts, os.path.join(hugo, "layouts"))
    os.makedirs(os.path.join(hugo, "static", "assets"))
    shutil.copy(os.path.join(HERE, "theme", "assets", "style.css"), os.path.join(hugo, "static", "assets", "style.css"))

    all_md = []
    total_mentions = 0
    width = max(5, len(str(articles)))
    for i in range(articles):
        slug = f"article-{i + 1:0{width}d}"
        title = " ".join(sentence_words(rng, vocabulary, rng.randint(3, 7))).capitalize()
        summary = " ".join(sentence_words(rng, vocabulary, rng.randint(10, 20))).capitalize() + "."
        day = i % 28 + 1
        month = (i // 28) % 12 + 1
        year = 2000 + i // (28 * 12)
        date = f"{year:04d}-{month:02d}-{day:02d}"
        body, mentions = article_body(rng, vocabulary, glossary, words, spread)
        total_mentions += mentions
        front = f"---\ntitle: {yaml_string(title)}\ndate: {date}\nsummary: {yaml_string(summary)}\n---\n\n"
        write(os.path.join(content, "articles", f"{slug}.md"), front + body)
        write(os.path.join(hugo, "content", "articles", f"{slug}.md"), front + body)
        all_md.append(body)

    for entry in glossary.entries:
        summary = " ".join(sentence_words(rng, vocabulary, rng.randint(8, 16))).capitalize() + "."
        related = [rng.choice(glossary.entries)["id"] for _ in range(rng.choice([0, 0, 1, 2]))]
        related = sorted({r for r in related if r != entry["id"]})
        other = rng.choice(glossary.entries)
        body = (
            wrap(
                " ".join(sentence_words(rng, vocabulary, rng.randint(20, 40))).capitalize()
                + f", as with {other['term']}. "
                + " ".join(sentence_words(rng, vocabulary, rng.randint(20, 40))).capitalize()
                + "."
            )
            + "\n"
        )
        aliases = "[" + ", ".join(yaml_string(a) for a in entry["aliases"]) + "]"
        gloss_front = (
            f"---\nterm: {yaml_string(entry['term'])}\naliases: {aliases}\ncategory: {entry['category']}\n"
            f"summary: {yaml_string(summary)}\n"
            + (f"see_also: [{', '.join(related)}]\n" if related else "")
            + "---\n\n"
        )
        write(os.path.join(content, "glossary", f"{entry['id']}.md"), gloss_front + body)
        hugo_front = (
            f"---\ntitle: {yaml_string(entry['term'])}\naliases_text: {yaml_string(', '.join(entry['aliases']))}\n"
            f"category: {entry['category']}\nsummary: {yaml_string(summary)}\n---\n\n"
        )
        write(os.path.join(hugo, "content", "glossary", f"{entry['id']}.md"), hugo_front + body)
    write(os.path.join(hugo, "content", "glossary", "_index.md"), "---\ntitle: Glossary\n---\n")

    joined = "\n".join(all_md)
    write(os.path.join(out, "all.md"), joined)
    info = {
        "articles": articles,
        "words": words,
        "terms": terms,
        "seed": seed,
        "aliases": sum(len(e["aliases"]) for e in glossary.entries),
        "mentions": total_mentions,
        "markdown_bytes": len(joined.encode("utf-8")),
    }
    write(os.path.join(out, "corpus.json"), json.dumps(info, indent=2) + "\n")
    return info


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--spread", choices=["zipf", "even"], default="zipf")
    args = parser.parse_args(argv)
    info = generate(args.out, args.articles, args.words, args.terms, args.seed, args.spread)
    print(json.dumps(info))


if __name__ == "__main__":
    main(sys.argv[1:])
