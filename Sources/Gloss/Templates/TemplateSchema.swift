/// What a template may name in one context, and what each name holds: the contract between
/// Gloss's typed page models and a theme's Mustache templates. Templates are checked against
/// it when the theme loads, so a misspelt name is an error instead of an empty string.
public final class TemplateSchema: Sendable {
  /// How messages name the context: "article", "entry", "home page".
  public let name: String
  public let fields: [TemplateFieldInfo]
  private let positions: [String: Int]

  init(name: String, fields: [TemplateFieldInfo]) {
    self.name = name
    self.fields = fields
    var positions: [String: Int] = [:]
    for (index, field) in fields.enumerated() where positions[field.name] == nil {
      positions[field.name] = index
    }
    self.positions = positions
  }

  /// Where a name's value sits in a record of this schema.
  func position(of name: String) -> Int? { positions[name] }
}

/// One name of a schema.
public struct TemplateFieldInfo: Sendable {
  public var name: String
  public var type: TemplateType
  /// Whether the value may be absent (shown with `{{#name}}…{{/name}}`).
  public var optional: Bool
}

/// What a name holds.
public indirect enum TemplateType: Sendable {
  /// Plain text: `{{name}}` escapes it.
  case text
  /// HTML the build made safe: only `{{{name}}}` may show it.
  case html
  case number
  /// Only for sections: `{{#name}}…{{/name}}` and `{{^name}}…{{/name}}`.
  case flag
  case object(TemplateSchema)
  case list(TemplateType)

  var description: String {
    switch self {
    case .text: "text"
    case .html: "HTML"
    case .number: "a number"
    case .flag: "a flag"
    case .object(let schema): "an object (\(schema.name))"
    case .list(let element): "a list of \(element.plural)"
    }
  }

  private var plural: String {
    switch self {
    case .text: "texts"
    case .html: "HTML fragments"
    case .number: "numbers"
    case .flag: "flags"
    case .object(let schema): "\(schema.name) objects"
    case .list: "lists"
    }
  }

  /// "text", "HTML", "number", "flag", "object", "[object]": for the generated contract.
  var shortName: String {
    switch self {
    case .text: "text"
    case .html: "HTML"
    case .number: "number"
    case .flag: "flag"
    case .object(let schema): schema.name
    case .list(let element): "[\(element.shortName)]"
    }
  }
}
