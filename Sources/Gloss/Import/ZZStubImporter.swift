import Foundation
// TEMPORARY stub until the real importer lands.
public struct ImportedArticle: Sendable, Equatable {
  public var title: String
  public var byline: String?
  public var authorNote: String?
  public var paragraphs: [String]
  public var body: String
}
public enum PlainTextImporter {
  public static func importText(_ text: String) -> ImportedArticle {
    let lines = text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    guard let title = lines.first else { return ImportedArticle(title: "", paragraphs: [], body: "") }
    let paras = Array(lines.dropFirst(2).dropLast())
    return ImportedArticle(title: title, byline: lines.count > 1 ? lines[1] : nil, authorNote: lines.last, paragraphs: paras, body: paras.joined(separator: "\n\n") + "\n")
  }
  public static func markdownDocument(for article: ImportedArticle) -> String { "---\ntitle: \"\(article.title)\"\n---\n\n" + article.body }
}
