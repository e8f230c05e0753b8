/// A Mustache template as parsed: text, tags and sections, each tag with its position for
/// messages. Partials stay names here; `TemplateCompiler` resolves them.
indirect enum TemplateSyntax: Sendable {
  case text(String)
  /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (raw).
  case variable(name: String, raw: Bool, at: TemplatePosition)
  case section(name: String, inverted: Bool, body: [TemplateSyntax], at: TemplatePosition)
  /// `{{> name}}`; `indentation` is set when the tag stands alone on its line.
  case partial(name: String, indentation: String?, at: TemplatePosition)
}

/// A 1-based line and column in a template file.
public struct TemplatePosition: Sendable, Hashable {
  public var line: Int
  public var column: Int
}

/// A template that does not parse, with where.
struct TemplateSyntaxError: Error {
  var message: String
  var position: TemplatePosition
}
