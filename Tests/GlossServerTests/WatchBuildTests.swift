import Foundation
import Testing

@testable import Gloss

/// `gloss build --watch` writes what `SitePipeline` produces through
/// `IncrementalSiteWriter`; these tests hold its output folder to what `gloss build` writes.
@Suite("Writing incremental builds to Site/")
struct WatchBuildTests {
  @Test("each good rebuild leaves Site/ equal to a clean build, touching only changed files")
  func writesChangedFiles() throws {
    let site = try ScratchSite(sampleSite)
    let builder = SitePipeline(paths: site.paths)
    let writer = IncrementalSiteWriter(output: site.paths.output, displayPath: "Site")
    func step(_ changes: ChangeSet) throws -> RebuildOutcome {
      let outcome = builder.rebuild(changes)
      try writer.apply(outcome, files: builder.files)
      return outcome
    }
    func expectClean(sourceLocation: SourceLocation = #_sourceLocation) throws {
      let clean = try ScratchSite("")
      for file in try Builder(paths: site.paths).generate().0.files {
        try clean.write("Site/" + file.path, bytes: file.bytes)
      }
      #expect(site.snapshot("Site") == clean.snapshot("Site"), sourceLocation: sourceLocation)
    }

    #expect(try step(.everything).succeeded)
    try expectClean()

    let home = site.url("Site/index.html")
    let homeInode =
      try FileManager.default.attributesOfItem(atPath: home.path)[.systemFileNumber] as? Int
    try site.edit(
      "Content/glossary/aukus.md", "summary: Australia, the UK and the US.",
      "summary: Three navies.")
    let outcome = try step(.paths([site.absolute("Content/glossary/aukus.md")]))
    #expect(outcome.succeeded)
    try expectClean()
    let homeAfter =
      try FileManager.default.attributesOfItem(atPath: home.path)[.systemFileNumber] as? Int
    #expect(homeInode == homeAfter, "an unchanged page is left alone")

    try site.remove("Content/articles/quiet.md")
    #expect(
      try step(.paths([site.absolute("Content/articles/quiet.md")])).removed == [
        "articles/quiet/index.html", "search/d/2.js",
      ])
    try expectClean()
    #expect(
      !FileManager.default.fileExists(atPath: site.url("Site/articles/quiet").path),
      "its empty folder goes too")
  }

  @Test("a failed rebuild leaves Site/ untouched")
  func failureWritesNothing() throws {
    let site = try ScratchSite(sampleSite)
    let builder = SitePipeline(paths: site.paths)
    let writer = IncrementalSiteWriter(output: site.paths.output)
    try writer.apply(builder.rebuild(), files: builder.files)
    let before = site.snapshot("Site")
    try site.edit("Content/glossary/quad.md", "category: organization", "category: nonsense")
    let outcome = builder.rebuild(.paths([site.absolute("Content/glossary/quad.md")]))
    #expect(!outcome.succeeded)
    try writer.apply(outcome, files: builder.files)
    #expect(site.snapshot("Site") == before)
  }

  @Test("the first good build replaces whatever the output folder held")
  func firstWriteReplaces() throws {
    let site = try ScratchSite(sampleSite)
    try site.write("Site/stale.html", "old")
    let builder = SitePipeline(paths: site.paths)
    let writer = IncrementalSiteWriter(output: site.paths.output)
    try writer.apply(builder.rebuild(), files: builder.files)
    #expect(!FileManager.default.fileExists(atPath: site.url("Site/stale.html").path))
    #expect(FileManager.default.fileExists(atPath: site.url("Site/index.html").path))
  }
}
