import Foundation
import Testing
import Yams

/// The publishing recipes in README.md are the files the tests run: the nginx configuration
/// served by the sub-path browser test, and the GitHub Pages workflow checked here for what
/// Pages needs.
@Suite("Publishing recipes: README shows the files the tests run")
struct RecipeTests {
  static func file(_ path: String) throws -> String {
    try String(contentsOf: Repository.root.appendingPathComponent(path), encoding: .utf8)
  }

  /// The fenced blocks of README.md in a language.
  static func readmeBlocks(_ language: String) throws -> [String] {
    let readme = try file("README.md")
    var blocks: [String] = []
    var current: [Substring]?
    for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
      if current == nil, line == "```\(language)" {
        current = []
      } else if current != nil, line == "```" {
        blocks.append(current!.joined(separator: "\n") + "\n")
        current = nil
      } else if current != nil {
        current!.append(line)
      }
    }
    return blocks
  }

  @Test("README's nginx and GitHub Pages blocks are docs/recipes/, byte for byte")
  func readmeShowsTheFiles() throws {
    #expect(try Self.readmeBlocks("nginx") == [try Self.file("docs/recipes/nginx.conf")])
    #expect(try Self.readmeBlocks("yaml").contains(try Self.file("docs/recipes/github-pages.yml")))
  }

  @Test("the workflow builds with the address Pages gives, uploads Site/ and deploys it")
  func pagesWorkflow() throws {
    let workflow = try #require(
      try Yams.load(yaml: try Self.file("docs/recipes/github-pages.yml")) as? [String: Any])
    let permissions = try #require(workflow["permissions"] as? [String: String])
    #expect(permissions["pages"] == "write" && permissions["id-token"] == "write")
    let jobs = try #require(workflow["jobs"] as? [String: Any])
    let build = try #require(jobs["build"] as? [String: Any])
    let steps = try #require(build["steps"] as? [[String: Any]])
    let uses = steps.compactMap { $0["uses"] as? String }
    #expect(uses.contains("actions/checkout@v4"))
    #expect(uses.contains("actions/configure-pages@v5"))
    #expect(uses.contains("actions/upload-pages-artifact@v3"))
    let pagesStep = try #require(
      steps.first { ($0["uses"] as? String)?.hasPrefix("actions/configure-pages") == true })
    #expect(pagesStep["id"] as? String == "pages")
    // The build is the README's command, published under the Pages address.
    let runs = steps.compactMap { $0["run"] as? String }
    #expect(runs == [#"bash scripts/site --base-url "${{ steps.pages.outputs.base_url }}/""#])
    let upload = try #require(
      steps.first { ($0["uses"] as? String)?.hasPrefix("actions/upload-pages-artifact") == true })
    #expect((upload["with"] as? [String: Any])?["path"] as? String == "Site")
    let deploy = try #require(jobs["deploy"] as? [String: Any])
    #expect(deploy["needs"] as? String == "build")
    #expect((deploy["environment"] as? [String: Any])?["name"] as? String == "github-pages")
    let deploySteps = try #require(deploy["steps"] as? [[String: Any]])
    #expect(
      deploySteps.contains { ($0["uses"] as? String)?.hasPrefix("actions/deploy-pages@") == true })
  }
}
