import Foundation
import Testing

@testable import Gloss

@Suite("The search index: a manifest, postings, word lists, fragments and entries under search/")
struct SearchIndexTests {
  @Test(
    "object keys are sorted and the output has no whitespace, so the same data gives the same bytes"
  )
  func sortedKeys() {
    let value = JSONValue.object([
      "b": .int(2), "a": .array([.bool(true), .bool(false), .string("x")]),
      "Z": .object(["y": .int(-1), "x": .int(0)]),
    ])
    #expect(value.text == #"{"Z":{"x":0,"y":-1},"a":[true,false,"x"],"b":2}"#)
  }

  @Test("strings are escaped for JSON and stay inert inside an HTML script element")
  func escaping() throws {
    let tricky =
      "quote \" backslash \\ newline \n tab \t bell \u{7} </script><!-- & \u{2028}\u{2029} é 习"
    let text = JSONValue.string(tricky).text
    #expect(
      text.contains(#"\""#) && text.contains(#"\\"#) && text.contains(#"\n"#)
        && text.contains(#"\t"#))
    #expect(text.contains(#"\u0007"#))
    #expect(!text.contains("<") && !text.contains(">") && !text.contains("&"))
    #expect(text.contains(#"\u2028"#) && text.contains(#"\u2029"#))
    #expect(text.contains("é 习"), "other characters are written as themselves")
    // Whatever was escaped, a JSON parser reads the original string back.
    let parsed =
      try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
      as? String
    #expect(parsed == tricky)
  }

  /// The arguments of an index file's `window.glossSearch.<kind>(…);` call.
  private func call(_ site: TestSite, _ path: String, kind: String) throws -> [Any] {
    let text = try site.read("Site/" + path)
    let prefix = "window.glossSearch.\(kind)("
    #expect(text.hasPrefix(prefix) && text.hasSuffix(");\n"), "\(path) is not a \(kind) call")
    let arguments = text.dropFirst(prefix.count).dropLast(3)
    return try #require(
      JSONSerialization.jsonObject(with: Data(("[" + arguments + "]").utf8)) as? [Any])
  }

  /// The postings file that holds `term`: its entries and its postings (article → weight).
  private func postings(_ site: TestSite, _ term: String, shards: Int) throws -> (
    entries: [[String: Any]], weights: [Int: Int]
  ) {
    let shard = SearchText.termShard(term, count: shards)
    let arguments = try call(site, "search/t/\(shard).js", kind: "terms")
    #expect(arguments.first as? Int == shard)
    let data = try #require(arguments.last as? [String: Any])
    let entries = (data["entries"] as? [String: Any])?[term] as? [[String: Any]] ?? []
    let list = (data["postings"] as? [String: Any])?[term] as? [Int] ?? []
    var weights: [Int: Int] = [:]
    var number = 0
    for pair in stride(from: 0, to: list.count, by: 2) {
      number += list[pair]
      weights[number] = list[pair + 1]
    }
    return (entries, weights)
  }

  @Test("the build writes every article's paragraphs and every entry, with URLs from the site root")
  func contents() throws {
    let site = try TestSite(
      minimalSite + """

        -- Content/articles/note.md --
        ---
        title: A "note"
        summary: About alliances.
        ---
        The Quad met.

        Then AUKUS.
        """ + entry("quad", term: "Quad", aliases: ["QUAD"]) + entry("aukus", term: "AUKUS"))
    try site.build()
    let manifest = try #require(
      call(site, "search/index.js", kind: "manifest").first as? [String: Int])
    #expect(manifest == ["version": 2, "documents": 1, "terms": 1, "words": 1])
    let document = try call(site, "search/d/0.js", kind: "document")
    #expect(document.first as? Int == 0)
    let article = try #require(document.last as? [String: Any])
    #expect(article["title"] as? String == #"A "note""#)
    #expect(article["url"] as? String == "articles/note/index.html")
    #expect(article["summary"] as? String == "About alliances.")
    let paragraphs = try #require(article["paragraphs"] as? [[String: Any]])
    #expect(paragraphs.map { $0["n"] as? Int } == [1, 2])
    #expect(paragraphs.map { $0["text"] as? String } == ["The Quad met.", "Then AUKUS."])
    let entries = try #require(
      call(site, "search/entries.js", kind: "entries").first as? [[String: Any]])
    #expect(entries.map { $0["id"] as? String } == ["aukus", "quad"], "entries sorted by id")
    #expect(entries[1]["aliases"] as? [String] == ["QUAD"])
    #expect(entries[1]["url"] as? String == "glossary/quad/index.html")
    #expect(entries[1]["category_label"] as? String == "Concept")
    #expect(entries[1]["summary"] as? String == "About Quad.")
    #expect(entries[1]["match_case"] as? Bool == false)
    #expect(!site.exists("Site/search.json") && !site.exists("Site/search-index.js"))
    // The word list counts the articles and entries that have each term.
    let words = try call(site, "search/w/0.js", kind: "words")
    let counts = try #require(words.last as? [String: Int])
    #expect(counts["quad"] == 2 && counts["alliances"] == 1 && counts["note"] == 1)
  }

  @Test(
    "title words outweigh summary words, which outweigh body words; entries sit under their names' terms"
  )
  func weightsAndEntries() throws {
    let site = try TestSite(
      minimalSite + """

        -- Content/articles/a.md --
        ---
        title: Pipelines
        date: 2024-01-01
        summary: Gas and oil.
        ---
        Pipelines carry gas. Pipelines again, and gas, and gas.
        -- Content/articles/b.md --
        ---
        title: Other
        date: 2024-02-01
        ---
        One pipelines mention.
        """ + entry("quad", term: "Quadrilateral Dialogue", aliases: ["Quad"]))
    try site.build()
    // Numbered from the oldest: a is 0, b is 1.
    let pipelines = try postings(site, "pipelines", shards: 1)
    #expect(pipelines.weights == [0: SearchDocument.titleWeight + 2, 1: 1])
    let gas = try postings(site, "gas", shards: 1)
    #expect(gas.weights == [0: SearchDocument.summaryWeight + 3])
    for term in ["quadrilateral", "dialogue", "quad"] {
      let found = try postings(site, term, shards: 1).entries
      #expect(found.map { $0["id"] as? String } == ["quad"], "\(term)")
      #expect(found.first?["term"] as? String == "Quadrilateral Dialogue")
      #expect(found.first?["aliases"] as? [String] == ["Quad"])
    }
  }

  @Test("a posting is 24 bytes: millions are held until the index is written")
  func postingSize() {
    #expect(MemoryLayout<SearchDocument.Posting>.stride == 24)
  }

  @Test("folding ignores case, Latin accents, Arabic tatweel, harakat and letter variants")
  func folding() {
    #expect(SearchText.fold("Éclair CAFÉ naïve") == "eclair cafe naive")
    #expect(SearchText.terms("Škoda, İstanbul; Zürich!") == ["skoda", "istanbul", "zurich"])
    // Harakat (optional vowel marks) and the tatweel stretching stroke.
    #expect(SearchText.fold("العَرَبِيَّة") == SearchText.fold("العربية"))
    #expect(SearchText.fold("عـــربي") == "عربي")
    // Alef with hamza or madda, alef maksura and teh marbuta.
    #expect(SearchText.fold("أحمد") == "احمد")
    #expect(SearchText.fold("إسلام آمن") == "اسلام امن")
    #expect(SearchText.fold("مستشفى مدرسة") == "مستشفي مدرسه")
    // Korean syllables and Japanese voiced kana come back whole.
    #expect(SearchText.fold("한국어 がぎ") == "한국어 がぎ")
  }

  @Test("ASCII text is cut exactly as the general path cuts it")
  func asciiFastPath() {
    let text = "The Quad's 2024 summit_at NATO-HQ: (co-operation) x9"
    // The same text with one non-ASCII character appended takes the general path.
    #expect(
      SearchText.terms(text) == [
        "the", "quad", "s", "2024", "summit", "at", "nato", "hq", "co", "operation", "x9",
      ])
    #expect(SearchText.terms(text + " é") == SearchText.terms(text) + ["e"])
    // Words are cut before they are folded: a word beyond ASCII is folded and cut alone, and
    // gives what folding and cutting the whole text gives.
    for mixed in [
      "The Quad’s “summit” in Tōkyō—NATO's Ærø café, naïve; İstanbul",
      "Tokyo東京 猫 and كتـــاب 나토는 e\u{0301}cole x\u{0301}\u{0302}y ǅemal",
      "\u{0301}lead mark, Straße, ﬁne",
    ] {
      var general: [String] = []
      for word in SearchText.words(SearchText.fold(mixed)) {
        general += SearchText.terms(String(String.UnicodeScalarView(word)))
      }
      #expect(SearchText.terms(mixed) == general, "\(mixed)")
    }
  }

  @Test("Chinese and Japanese runs are cut into overlapping character pairs")
  func cjkBigrams() {
    #expect(SearchText.terms("東京都に住む") == ["東京", "京都", "都に", "に住", "住む"])
    #expect(SearchText.terms("在北京开会。") == ["在北", "北京", "京开", "开会"])
    #expect(SearchText.terms("Tokyo東京 猫") == ["tokyo", "東京", "猫"])
    #expect(SearchText.terms("カタカナ") == ["カタ", "タカ", "カナ"])
  }

  @Test(
    "a CJK word inside running text is in the postings, and so is an Arabic word without its harakat"
  )
  func scriptsInPostings() throws {
    let site = try TestSite(
      minimalSite + """

        -- Content/articles/a.md --
        ---
        title: A
        ---
        私は東京都に住んでいます。会议在北京举行。

        ذهبنا إلى المَدْرَسَة
        """)
    try site.build()
    for term in ["東京", "京都", "北京", "المدرسه", "الي"] {
      #expect(try postings(site, term, shards: 1).weights == [0: 1], "\(term)")
    }
  }

  @Test("the layout grows with the site: about ten articles per postings file")
  func layout() {
    #expect(SearchLayout(articles: 0).termShards == 1)
    #expect(SearchLayout(articles: 10).termShards == 1)
    #expect(SearchLayout(articles: 11).termShards == 2)
    #expect(SearchLayout(articles: 2_000).termShards == 256)
    #expect(SearchLayout(articles: 2_000).wordShards == 16)
    #expect(SearchLayout(articles: 10_000).termShards == 1_024)
    #expect(SearchLayout(articles: 10_000).wordShards == 64)
    #expect(SearchLayout(articles: 10_000_000).termShards == 4_096)
  }

  @Test("terms are spread over the postings files by hash, as gloss.js finds them")
  func sharding() throws {
    var articles = ""
    for number in 0..<25 {
      articles +=
        "\n-- Content/articles/a\(number).md --\n---\ntitle: T\(number)\n---\nword\(number) common.\n"
    }
    let site = try TestSite(minimalSite + articles)
    try site.build()
    let layout = SearchLayout(articles: 25)
    #expect(layout.termShards == 4)
    #expect(try postings(site, "common", shards: 4).weights.count == 25)
    for number in 0..<25 {
      #expect(try postings(site, "word\(number)", shards: 4).weights.count == 1)
    }
    // FNV-1a, as gloss.js computes it.
    #expect(SearchText.hash(utf8: "a".utf8) == 0xE40C_292C)
    #expect(SearchText.hash(utf8: "東京".utf8) == SearchText.hash(utf8: Array("東京".utf8)))
  }

  @Test("a new article takes the next number: the others' fragments are not written again")
  func newArticleKeepsNumbers() throws {
    let site = try TestSite(
      minimalSite
        + "\n-- Content/articles/a.md --\n---\ntitle: A\ndate: 2024-01-01\n---\nFirst.\n"
        + "\n-- Content/articles/b.md --\n---\ntitle: B\ndate: 2024-02-01\n---\nSecond.\n")
    #expect(site.rebuild().succeeded)
    try site.write("Content/articles/c.md", "---\ntitle: C\ndate: 2024-03-01\n---\nThird.\n")
    let added = site.rebuild("Content/articles/c.md")
    #expect(
      added.written.map(\.path).filter { $0.hasPrefix("search/") } == [
        "search/d/2.js", "search/index.js", "search/t/0.js", "search/w/0.js",
      ])
    try site.edit("Content/articles/a.md", replacing: "First.", with: "First of all.")
    let edited = site.rebuild("Content/articles/a.md")
    #expect(
      edited.written.map(\.path).filter { $0.hasPrefix("search/") } == [
        "search/d/0.js", "search/t/0.js", "search/w/0.js",
      ])
  }

  @Test("rebuilds patch in the changed articles' postings: exactly what a clean build writes")
  func patchedEqualsClean() throws {
    var files = minimalSite + entry("quad", term: "Quad", aliases: ["QUAD"])
    for number in 0..<30 {
      let day = number % 28 + 1
      files +=
        "\n-- Content/articles/a\(number).md --\n---\ntitle: Title \(number)\n"
        + "date: 2024-01-\(day < 10 ? "0" : "")\(day)\n---\nShared words and word\(number) here.\n"
    }
    let site = try TestSite(files)
    #expect(site.rebuild().succeeded)
    func expectClean(_ step: String) throws {
      try site.build()
      let clean = site.snapshot().filter { $0.key.hasPrefix("search/") }
      #expect(clean.keys.contains("search/t/3.js"))
      let patched = site.rebuiltFiles.filter { $0.key.hasPrefix("search/") }
      #expect(patched.keys.sorted() == clean.keys.sorted(), "\(step)")
      for (path, bytes) in clean where patched[path] != bytes {
        Issue.record("\(step): \(path) differs from a clean build's")
      }
    }
    try site.edit("Content/articles/a3.md", replacing: "Shared words", with: "Quad novel")
    #expect(site.rebuild("Content/articles/a3.md").succeeded)
    try expectClean("an edit")
    try site.edit("Content/articles/a4.md", replacing: "and word4", with: "and word4 word4")
    #expect(site.rebuild("Content/articles/a4.md").succeeded)
    try expectClean("a word's weight")
    try site.write(
      "Content/articles/new.md", "---\ntitle: Newest\ndate: 2025-01-01\n---\nShared novel words.\n")
    #expect(site.rebuild("Content/articles/new.md").succeeded)
    try expectClean("a new article")
    try site.edit(
      "Content/glossary/quad.md", replacing: "aliases: [\"QUAD\"]",
      with: "aliases: [\"Quadrilateral\"]")
    #expect(site.rebuild("Content/glossary/quad.md").succeeded)
    try expectClean("an entry's alias")
    try site.remove("Content/articles/a5.md")
    #expect(site.rebuild("Content/articles/a5.md").succeeded)
    try expectClean("a removed article")
  }

  @Test("an edit patches only the words that came, went or changed weight")
  func differenceOfAnEdit() {
    func postings(_ weights: [String: UInt32]) -> [SearchDocument.Posting] {
      weights.map {
        SearchDocument.Posting(
          term: $0.key, hash: SearchText.hash(utf8: $0.key.utf8), weight: $0.value)
      }.sorted { $0.hash != $1.hash ? $0.hash < $1.hash : $0.term < $1.term }
    }
    let old = postings(["the": 20, "quad": 30, "here": 1, "met": 2])
    let new = postings(["the": 20, "quad": 30, "there": 1, "met": 3])
    let (removed, weighed) = SearchShards.difference(from: old, to: new)
    #expect(removed.map(\.term) == ["here"])
    #expect(weighed.map(\.term).sorted() == ["met", "there"])
    #expect(weighed.first { $0.term == "met" }?.weight == 3)
    #expect(SearchShards.difference(from: old, to: old).removed.isEmpty)
    #expect(SearchShards.difference(from: old, to: old).weighed.isEmpty)
    #expect(SearchShards.difference(from: [], to: new).weighed.count == 4)
  }

  @Test("two builds of the same content write identical index files")
  func deterministic() throws {
    let files =
      minimalSite + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\nQuad and AUKUS.\n"
      + entry("quad", term: "Quad", aliases: ["QUAD", "Quadrilateral"])
      + entry("aukus", term: "AUKUS")
    let first = try TestSite(files)
    let second = try TestSite(files)
    try first.build()
    try second.build()
    let one = first.snapshot().filter { $0.key.hasPrefix("search/") }
    #expect(one.count == 5)
    #expect(one == second.snapshot().filter { $0.key.hasPrefix("search/") })
  }
}
