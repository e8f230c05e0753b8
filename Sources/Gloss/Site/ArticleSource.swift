import Foundation

/// Single-article entry points for `gloss import` and `gloss render`.
public enum ArticleSource {
  public static func readText(_ path: String) -> Result<String, Diagnostic> {
    SourceText.read(URL(fileURLWithPath: path), displayPath: path)
  }

  /// The body HTML of one article file, imported if it is plain text and linked with the
  /// glossary of `content` (when that folder exists).
  public static func renderFragment(file: String, content: String) throws(BuildFailure) -> String {
    let contentURL = URL(fileURLWithPath: content)
    var glossary: [GlossaryEntry] = []
    var policy = LinkPolicy.firstInArticle
    if FileManager.default.fileExists(atPath: contentURL.path) {
      let loaded = ContentLoader(directory: contentURL, displayRoot: content).load()
      guard let loadedContent = loaded.content else { throw BuildFailure(loaded.diagnostics) }
      glossary = loadedContent.glossary
      policy = loadedContent.config.linkPolicy
    }
    let url = URL(fileURLWithPath: file)
    let ext = url.pathExtension.lowercased()
    guard ext == "txt" || ext == "md" || ext == "markdown" else {
      throw BuildFailure([.error(file, "expected a .txt or .md article")])
    }
    var diagnostics = Diagnostics()
    let loader = ContentLoader(directory: contentURL, displayRoot: content)
    let slug = Slug.make(url.deletingPathExtension().lastPathComponent)
    guard
      let article = loader.loadArticle(
        url, slug: slug.isEmpty ? "article" : slug, path: file,
        format: ext == "txt" ? .text : .markdown, &diagnostics),
      !diagnostics.hasErrors
    else { throw BuildFailure(diagnostics.sorted) }
    let linker = GlossaryLinker(patterns: SiteGenerator.patterns(for: glossary))
    return MarkdownRenderer(linker: linker).render(
      article.markdown, policy: article.linkPolicy ?? policy
    ).html
  }
}
