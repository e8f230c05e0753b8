import Foundation
import Testing

@testable import Gloss

@Suite("The search index: search.json and search-index.js")
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
    let json = try site.read("Site/search.json")
    let index = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(index["version"] as? Int == 1)
    let articles = try #require(index["articles"] as? [[String: Any]])
    #expect(articles.count == 1)
    #expect(articles[0]["title"] as? String == #"A "note""#)
    #expect(articles[0]["url"] as? String == "articles/note/index.html")
    #expect(articles[0]["summary"] as? String == "About alliances.")
    let paragraphs = try #require(articles[0]["paragraphs"] as? [[String: Any]])
    #expect(paragraphs.map { $0["n"] as? Int } == [1, 2])
    #expect(paragraphs.map { $0["text"] as? String } == ["The Quad met.", "Then AUKUS."])
    let entries = try #require(index["entries"] as? [[String: Any]])
    #expect(entries.map { $0["id"] as? String } == ["aukus", "quad"], "entries sorted by id")
    #expect(entries[1]["aliases"] as? [String] == ["QUAD"])
    #expect(entries[1]["url"] as? String == "glossary/quad/index.html")
    #expect(entries[1]["category_label"] as? String == "Concept")
    #expect(entries[1]["summary"] as? String == "About Quad.")
    #expect(entries[1]["match_case"] as? Bool == false)
  }

  @Test("search-index.js assigns the same JSON to a global, for pages opened from file://")
  func script() throws {
    let site = try TestSite(
      minimalSite + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\nQuad.\n"
        + entry("quad", term: "Quad"))
    try site.build()
    let json = try site.read("Site/search.json")
    let script = try site.read("Site/search-index.js")
    #expect(script == "window.GLOSS_SEARCH_INDEX = " + json.dropLast() + ";\n")
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
    #expect(try first.read("Site/search.json") == second.read("Site/search.json"))
    #expect(try first.read("Site/search-index.js") == second.read("Site/search-index.js"))
  }
}
