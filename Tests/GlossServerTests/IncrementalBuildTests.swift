import Foundation
import Testing

@testable import Gloss

/// One edit of a scratch site: what it does, and which files (relative paths) it touched, as a
/// watcher would report them.
struct Edit: CustomStringConvertible {
  var description: String
  var apply: (ScratchSite) throws -> [String]

  init(_ description: String, _ apply: @escaping (ScratchSite) throws -> [String]) {
    self.description = description
    self.apply = apply
  }

  static func replace(_ path: String, _ old: String, _ new: String) -> Edit {
    Edit("\(path): '\(old)' → '\(new)'") { site in
      try site.edit(path, old, new)
      return [path]
    }
  }

  static func write(_ path: String, _ text: String) -> Edit {
    Edit("write \(path)") { site in
      try site.write(path, text)
      return [path]
    }
  }

  static func remove(_ path: String) -> Edit {
    Edit("remove \(path)") { site in
      try site.remove(path)
      return [path]
    }
  }
}

@Suite("Incremental rebuilds: byte for byte what a clean build makes, rendering only what changed")
struct IncrementalBuildTests {
  /// Every kind of edit, in a sequence where each builds on the last; failures included.
  static let edits: [Edit] = [
    .replace(
      "Content/articles/quiet.md", "mentions a glossary term.",
      "mentions a glossary term, except AUKUS."),
    .replace(
      "Content/articles/alliances.md", "title: Alliances in Asia",
      "title: Alliances in the Indo-Pacific"),
    .replace("Content/articles/quiet.md", "date: 2023-01-01", "date: 2025-01-01"),
    // Long enough to read in two minutes instead of one: the home page shows reading times.
    .replace(
      "Content/articles/quiet.md", "except AUKUS.",
      "except AUKUS. " + String(repeating: "More quiet words here. ", count: 90)),
    .write(
      "Content/articles/new.md",
      "---\ntitle: Brand New\ndate: 2024-05-15\n---\nThe Quadrilateral Security Dialogue again.\n"),
    .replace("Content/articles/nexus.yml", "summary: A nexus.", "summary: A closer nexus."),
    .replace("Content/articles/nexus.txt", "the Quad watched.", "the Quad and the SCO watched."),
    .replace(
      "Content/glossary/aukus.md", "summary: Australia, the UK and the US.",
      "summary: A trilateral pact."),
    .replace("Content/glossary/sco.md", "aliases: [SCO]", "aliases: [SCO, SCO summit]"),
    .replace(
      "Content/glossary/sco.md", "term: Shanghai Cooperation Organisation", "term: Astana Group"),
    .replace(
      "Content/glossary/aukus.md", "category: alliance", "category: alliance\nsee_also: [sco]"),
    .replace(
      "Content/glossary/quad.md", "The Quad is not AUKUS.", "The Quad is not AUKUS, nor the SCO."),
    .write(
      "Content/glossary/beijing.md",
      "---\nterm: Beijing\ncategory: place\nsummary: The capital of China.\n---\nA city.\n"),
    .replace("Content/glossary/quad.md", "category: organization", "category: nonsense"),
    .replace("Content/glossary/quad.md", "category: nonsense", "category: organization"),
    .remove("Content/glossary/beijing.md"),
    .replace("Content/annotations/alliances.yml", "It meets often", "It meets every year"),
    .write(
      "Content/annotations/nexus.yml",
      "- quote: \"signed agreements\"\n  kind: fact-check\n  note: Several, says the SCO.\n"),
    .replace("Content/annotations/nexus.yml", "signed agreements", "signed treaties"),
    .replace("Content/annotations/nexus.yml", "signed treaties", "signed agreements"),
    .write("Content/articles/.quiet.md.swp", "editor junk"),
    .write("Content/articles/quiet.md~", "backup junk"),
    .remove("Content/articles/quiet.md"),
    .write("Content/articles/Bad Name.md", "---\ntitle: Bad\n---\nText.\n"),
    .remove("Content/articles/Bad Name.md"),
    .replace("Content/site.yml", "title: Test Site", "title: Renamed Site"),
    .replace(
      "Theme/templates/entry.mustache", "<h1>{{term}}</h1>", "<h1 class=\"term\">{{term}}</h1>"),
    .replace("Theme/templates/article.mustache", "{{#article}}", "{{#article}"),
    .replace("Theme/templates/article.mustache", "{{#article}", "{{#article}}"),
    .write("Theme/assets/extra.js", "console.log('hi')\n"),
    .remove("Theme/assets/fonts/serif.woff2"),
    .replace("Content/articles/alliances.md", "date: 2024-05-01", "date: 2024-06-01"),
    .remove("Content/articles/nexus.yml"),
  ]

  @Test(
    "after every edit the incremental site equals a clean build",
    arguments: [false, true])
  func matchesCleanBuild(knowingChangedPaths: Bool) throws {
    let site = try ScratchSite(sampleSite)
    let builder = SitePipeline(paths: site.paths)
    var previous =
      try expectSameAsClean(builder.rebuild(.everything), builder, site, after: "start") ?? [:]
    #expect(!previous.isEmpty)
    for edit in Self.edits {
      let touched = try edit.apply(site)
      let changes: ChangeSet =
        knowingChangedPaths ? .paths(Set(touched.map(site.absolute))) : .everything
      let outcome = builder.rebuild(changes)
      guard let files = try expectSameAsClean(outcome, builder, site, after: edit.description)
      else {
        // A failed build keeps the last good site.
        #expect(Self.map(builder.files) == previous, "after \(edit)")
        continue
      }
      // Exactly the files whose bytes changed were written; the rest were removed.
      let changed = Set(files.filter { previous[$0.key] != $0.value }.keys)
      #expect(Set(outcome.written.map(\.path)) == changed, "after \(edit)")
      #expect(Set(outcome.removed) == Set(previous.keys).subtracting(files.keys), "after \(edit)")
      previous = files
    }
  }

  @Test("with the repository's own content and theme, edits rebuild to the clean build's bytes")
  func repositorySite() throws {
    let site = try ScratchSite("", theme: [:])
    try site.copyFromRepository("Content")
    try site.copyFromRepository("Theme")
    let builder = SitePipeline(paths: site.paths)
    try expectSameAsClean(builder.rebuild(), builder, site, after: "start")
    let entries = try FileManager.default.contentsOfDirectory(
      atPath: site.url("Content/glossary").path
    )
    .filter { $0.hasSuffix(".md") }.sorted()
    let terms = try entries.prefix(3).map { name -> String in
      let text = try site.read("Content/glossary/\(name)")
      let line = text.split(separator: "\n").first { $0.hasPrefix("term:") } ?? "term: Quad"
      return line.dropFirst(5).trimmingCharacters(in: .whitespaces).trimmingCharacters(
        in: CharacterSet(charactersIn: "\"'"))
    }
    let edits: [Edit] =
      [
        .write(
          "Content/articles/extra.md",
          "---\ntitle: Extra\ndate: 2030-01-01\n---\nOn \(terms.joined(separator: ", ")).\n\nAgain \(terms[0]).\n"
        ),
        .replace("Content/articles/extra.md", "Again", "Once more,"),
      ]
      + entries.prefix(2).flatMap { name -> [Edit] in
        [
          .replace("Content/glossary/\(name)", "summary: ", "summary: Edited. "),
          Edit("append to \(name)") { site in
            try site.write(
              "Content/glossary/\(name)",
              try site.read("Content/glossary/\(name)") + "\nOne more line.\n")
            return ["Content/glossary/\(name)"]
          },
        ]
      } + [
        .replace("Content/site.yml", "title: ", "title: Edited "),
        Edit("append to the stylesheet") { site in
          try site.write(
            "Theme/assets/style.css", try site.read("Theme/assets/style.css") + "\n/* edited */\n")
          return ["Theme/assets/style.css"]
        },
        .remove("Content/articles/extra.md"),
      ]
    for edit in edits {
      let touched = try edit.apply(site)
      try expectSameAsClean(
        builder.rebuild(.paths(Set(touched.map(site.absolute)))), builder, site,
        after: edit.description)
    }
  }

  /// Compares the builder's site with a clean build's; returns the files when the build succeeded.
  @discardableResult
  func expectSameAsClean(
    _ outcome: RebuildOutcome, _ builder: SitePipeline, _ site: ScratchSite,
    after step: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> [String: [UInt8]]? {
    do {
      let (clean, _) = try Builder(paths: site.paths).generate()
      #expect(
        outcome.succeeded, "after \(step): \(outcome.report.diagnostics)",
        sourceLocation: sourceLocation)
      let expected = Self.map(clean.files)
      let actual = Self.map(builder.files)
      #expect(
        Set(actual.keys) == Set(expected.keys), "after \(step)", sourceLocation: sourceLocation)
      for (path, bytes) in expected where actual[path] != bytes {
        Issue.record(
          "after \(step): \(path) differs from a clean build:\n\(String(decoding: actual[path] ?? [], as: UTF8.self))\n--- clean ---\n\(String(decoding: bytes, as: UTF8.self))",
          sourceLocation: sourceLocation)
      }
      #expect(
        outcome.report.diagnostics == clean.diagnostics, "after \(step)",
        sourceLocation: sourceLocation)
      return actual
    } catch {
      #expect(
        !outcome.succeeded, "after \(step): expected a failure", sourceLocation: sourceLocation)
      #expect(
        outcome.report.diagnostics == error.diagnostics, "after \(step)",
        sourceLocation: sourceLocation)
      return nil
    }
  }

  static func map(_ files: [OutputFile]) -> [String: [UInt8]] {
    Dictionary(files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
  }

  @Test(
    "editing an article's text renders its page and the site-wide pages, and writes those that changed"
  )
  func articleEditRendersLittle() throws {
    let site = try ScratchSite(sampleSite)
    let builder = SitePipeline(paths: site.paths)
    #expect(builder.rebuild().succeeded)
    try site.edit("Content/articles/quiet.md", "Nothing here", "Still nothing here")
    let outcome = builder.rebuild(.paths([site.absolute("Content/articles/quiet.md")]))
    // One more word still reads in a minute and names no new term: what the home page shows of
    // the article is unchanged, and so is the glossary index's model (mention counts, the
    // glossary's map): neither page is even rendered.
    #expect(
      outcome.rendered == [
        "articles/quiet/index.html", "feed.xml", "search/d/0.js", "search/t/0.js", "search/w/0.js",
      ])
    #expect(
      outcome.written.map(\.path) == [
        "articles/quiet/index.html", "feed.xml", "search/d/0.js", "search/t/0.js", "search/w/0.js",
      ])
    #expect(outcome.changedSources == ["Content/articles/quiet.md"])
    #expect(
      outcome.logLine.hasPrefix(
        "rebuilt after Content/articles/quiet.md: 1 page written, 4 other files in "))

    // Naming a term changes the article's term count on the home page.
    try site.edit(
      "Content/articles/quiet.md", "Still nothing here", "Still nothing but the Quad here")
    let named = builder.rebuild(.paths([site.absolute("Content/articles/quiet.md")]))
    #expect(named.rendered.contains("index.html"))
    #expect(named.written.map(\.path).contains("index.html"))
    _ = try expectSameAsClean(named, builder, site, after: "naming a term")
  }

  @Test(
    "editing an entry's summary renders the entry, the entries linking to it, the index and the articles that mention it"
  )
  func entryEditRendersItsNeighbourhood() throws {
    let site = try ScratchSite(sampleSite)
    let builder = SitePipeline(paths: site.paths)
    #expect(builder.rebuild().succeeded)
    try site.edit(
      "Content/glossary/aukus.md", "summary: Australia, the UK and the US.",
      "summary: A pact of three.")
    let outcome = builder.rebuild(.paths([site.absolute("Content/glossary/aukus.md")]))
    #expect(
      outcome.rendered == [
        "articles/alliances/index.html", "articles/nexus/index.html", "glossary/aukus/index.html",
        "glossary/index.html", "glossary/quad/index.html", "search/entries.js", "search/t/0.js",
        "search/w/0.js",
      ])
    #expect(outcome.written.count == 7)
  }

  @Test(
    "editing an entry's body renders its own page, not the site-wide ones or the articles that mention it"
  )
  func entryBodyEditSparesArticles() throws {
    let site = try ScratchSite(sampleSite)
    let builder = SitePipeline(paths: site.paths)
    #expect(builder.rebuild().succeeded)
    try site.edit(
      "Content/glossary/aukus.md", "A pact, unlike the Quad.", "A pact of three navies.")
    let outcome = builder.rebuild(.paths([site.absolute("Content/glossary/aukus.md")]))
    // The index shows the entry's term and summary, not its body: its model is unchanged, and
    // so is the search index, which has no entry bodies.
    #expect(outcome.rendered == ["glossary/aukus/index.html"])
  }

  @Test("a change that affects no page writes nothing")
  func irrelevantChange() throws {
    let site = try ScratchSite(sampleSite)
    let builder = SitePipeline(paths: site.paths)
    #expect(builder.rebuild().succeeded)
    try site.write("Content/notes.txt", "not content")
    try site.write("Content/articles/draft.md~", "a backup")
    let outcome = builder.rebuild(
      .paths([site.absolute("Content/notes.txt"), site.absolute("Content/articles/draft.md~")]))
    #expect(outcome.succeeded)
    #expect(outcome.rendered.isEmpty)
    #expect(outcome.written.isEmpty)
  }

  @Test("a failed rebuild reports the clean build's diagnostics and keeps the last good site")
  func failureKeepsSite() throws {
    let site = try ScratchSite(sampleSite)
    let builder = SitePipeline(paths: site.paths)
    #expect(builder.rebuild().succeeded)
    let before = builder.files
    try site.edit(
      "Content/glossary/quad.md", "summary: Four democracies talking security.",
      "summary: [unclosed")
    let outcome = builder.rebuild(.paths([site.absolute("Content/glossary/quad.md")]))
    #expect(!outcome.succeeded)
    #expect(
      outcome.report.diagnostics.contains {
        $0.path == "Content/glossary/quad.md" && $0.severity == .error
      })
    #expect(outcome.logLine.hasPrefix("rebuild failed after Content/glossary/quad.md: "))
    #expect(builder.files == before)
  }

  @Test("the content loader gives ContentLoader's result, diagnostics included, on a messy folder")
  func loaderParity() throws {
    let site = try ScratchSite(
      sampleSite + """

        -- Content/articles/Bad Name.md --
        ---
        title: Bad
        ---
        x
        -- Content/articles/quiet.txt --
        Quiet twin

        Same slug as quiet.md.
        -- Content/articles/orphan.yml --
        date: 2024-01-01
        -- Content/articles/notes.rtf --
        rich
        -- Content/glossary/readme.txt --
        stray
        -- Content/glossary/dup.md --
        ---
        term: quad
        category: concept
        summary: Clashes with the Quad.
        ---
        -- Content/annotations/ghost.yml --
        - quote: x
          kind: context
          note: y
        -- Content/annotations/readme.md --
        stray
        """)
    let loader = ContentLoader(directory: site.paths.content, displayRoot: "Content")
    let incremental = ContentCache(loader: loader)
    func expectParity(_ changes: ChangeSet, sourceLocation: SourceLocation = #_sourceLocation) {
      let expected = loader.load()
      let actual = incremental.load(changes)
      #expect(actual.diagnostics == expected.diagnostics, sourceLocation: sourceLocation)
      #expect(
        actual.content?.articles == expected.content?.articles, sourceLocation: sourceLocation)
      #expect(
        actual.content?.glossary == expected.content?.glossary, sourceLocation: sourceLocation)
      #expect(
        actual.content?.annotations == expected.content?.annotations, sourceLocation: sourceLocation
      )
      #expect(actual.content?.config == expected.content?.config, sourceLocation: sourceLocation)
    }
    expectParity(.everything)
    #expect(!loader.load().diagnostics.isEmpty)
    for path in [
      "Content/glossary/dup.md", "Content/annotations/ghost.yml", "Content/articles/Bad Name.md",
    ] {
      try site.remove(path)
      expectParity(.paths([site.absolute(path)]))
    }
    try site.remove("Content/articles/quiet.txt")
    expectParity(.everything)
  }

  @Test("changes to a whole folder, or to the content folder itself, are picked up")
  func folderChanges() throws {
    let site = try ScratchSite(sampleSite)
    let builder = SitePipeline(paths: site.paths)
    #expect(builder.rebuild().succeeded)
    let glossary = site.url("Content/glossary")
    let aside = site.url("glossary-aside")
    try FileManager.default.moveItem(at: glossary, to: aside)
    try site.write(
      "Content/glossary/quad.md",
      try String(contentsOf: aside.appendingPathComponent("quad.md"), encoding: .utf8))
    try site.write(
      "Content/glossary/aukus.md",
      try String(contentsOf: aside.appendingPathComponent("aukus.md"), encoding: .utf8))
    var outcome = builder.rebuild(.paths([glossary.path]))
    #expect(try expectSameAsClean(outcome, builder, site, after: "glossary folder replaced") != nil)
    try site.edit(
      "Content/articles/alliances.md", " and the Shanghai Cooperation Organisation met", " met")
    outcome = builder.rebuild(.paths([site.absolute("Content")]))
    #expect(try expectSameAsClean(outcome, builder, site, after: "content folder touched") != nil)
  }
}

@Suite("The mention index, kept up to date article by article")
struct MentionIndexTests {
  typealias ArticleSites = (
    slug: String, version: Int, sites: [(entryID: String, site: MentionSite)]
  )

  /// What SiteGenerator.mentionIndex computes: every article's sites, merged in order.
  static func merged(_ articles: [ArticleSites]) -> [String: [MentionSite]] {
    var index: [String: [MentionSite]] = [:]
    for article in articles {
      for (entryID, site) in article.sites { index[entryID, default: []].append(site) }
    }
    return index
  }

  @Test(
    "after any sequence of edits it equals the index merged from scratch, and names the lists that changed"
  )
  func matchesFullMerge() {
    var generator = SystemRandomNumberGenerator()
    let entries = ["a", "b", "c", "d", "e"]
    func sites(_ slug: String, _ seed: Int) -> [(entryID: String, site: MentionSite)] {
      (0..<Int.random(in: 0...4, using: &generator)).map { paragraph in
        let entry = entries.randomElement(using: &generator) ?? "a"
        return (
          entry,
          MentionSite(
            slug: slug, articleTitle: "T\(seed)", paragraph: paragraph + 1,
            excerptHTML: "\(entry)\(seed)")
        )
      }
    }
    var articles: [ArticleSites] = (0..<8).map { ("s\($0)", $0, sites("s\($0)", $0)) }
    var index = MentionIndex()
    var version = 100
    var previous = Self.merged(articles)
    #expect(index.update(articles) == Set(previous.keys))
    #expect(index.lists == previous)
    for _ in 0..<300 {
      version += 1
      switch Int.random(in: 0..<10, using: &generator) {
      case 0:
        articles.insert(
          ("n\(version)", version, sites("n\(version)", version)),
          at: Int.random(in: 0...articles.count, using: &generator))
      case 1 where articles.count > 1:
        articles.remove(at: Int.random(in: 0..<articles.count, using: &generator))
      case 2: articles.shuffle(using: &generator)
      case 3: break  // nothing changed
      default:
        let position = Int.random(in: 0..<articles.count, using: &generator)
        let slug = articles[position].slug
        articles[position] = (slug, version, sites(slug, Int.random(in: 0..<3, using: &generator)))
      }
      let changed = index.update(articles)
      let expected = Self.merged(articles)
      #expect(index.lists == expected)
      let differing = Set(expected.keys).union(previous.keys).filter {
        expected[$0] != previous[$0]
      }
      #expect(differing.isSubset(of: changed))
      previous = expected
    }
  }
}
