/// A value as templates see it. Page models turn themselves into these (`TemplateModel`), in
/// the order of their schema, so that a compiled template finds a name by position.
public enum TemplateValue: Sendable, Equatable {
  case absent
  case text(String)
  case html(String)
  case number(Int)
  case flag(Bool)
  case record(TemplateRecord)
  case list([TemplateValue])
}

/// The values of one context, in the order of its schema's fields.
public struct TemplateRecord: Sendable, Equatable {
  public var values: [TemplateValue]
}
