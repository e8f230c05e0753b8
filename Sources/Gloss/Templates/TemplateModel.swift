/// A typed model that templates can show: a Swift struct whose fields are named for the theme
/// once, in `templateFields`. The schema that templates are checked against and the record they
/// render from both come from that one list, so the two cannot drift apart.
public protocol TemplateModel: Equatable, Sendable {
  static var templateFields: TemplateFields<Self> { get }
}

extension TemplateModel {
  public static var templateSchema: TemplateSchema { templateFields.schema }

  /// The model's values in the order of its schema.
  public var templateRecord: TemplateRecord {
    TemplateRecord(values: Self.templateFields.getters.map { $0(self) })
  }
}

/// A model's template names with their types and how to read each one.
public struct TemplateFields<Model>: Sendable {
  public let schema: TemplateSchema
  let getters: [@Sendable (Model) -> TemplateValue]

  /// - Parameter groups: the fields, in groups (a shared part's, then the model's own).
  public init(_ name: String, _ groups: [TemplateField<Model>]...) {
    let fields = groups.flatMap { $0 }
    schema = TemplateSchema(
      name: name,
      fields: fields.map { TemplateFieldInfo(name: $0.name, type: $0.type, optional: $0.optional) })
    getters = fields.map(\.get)
  }
}

/// One template name of a model.
public struct TemplateField<Model>: Sendable {
  let name: String
  let type: TemplateType
  let optional: Bool
  let get: @Sendable (Model) -> TemplateValue

  public static func text(_ name: String, _ get: @escaping @Sendable (Model) -> String) -> Self {
    Self(name: name, type: .text, optional: false) { .text(get($0)) }
  }

  public static func text(_ name: String, _ get: @escaping @Sendable (Model) -> String?) -> Self {
    Self(name: name, type: .text, optional: true) { get($0).map(TemplateValue.text) ?? .absent }
  }

  public static func html(_ name: String, _ get: @escaping @Sendable (Model) -> String) -> Self {
    Self(name: name, type: .html, optional: false) { .html(get($0)) }
  }

  public static func html(_ name: String, _ get: @escaping @Sendable (Model) -> String?) -> Self {
    Self(name: name, type: .html, optional: true) { get($0).map(TemplateValue.html) ?? .absent }
  }

  public static func number(_ name: String, _ get: @escaping @Sendable (Model) -> Int) -> Self {
    Self(name: name, type: .number, optional: false) { .number(get($0)) }
  }

  public static func number(_ name: String, _ get: @escaping @Sendable (Model) -> Int?) -> Self {
    Self(name: name, type: .number, optional: true) { get($0).map(TemplateValue.number) ?? .absent }
  }

  public static func flag(_ name: String, _ get: @escaping @Sendable (Model) -> Bool) -> Self {
    Self(name: name, type: .flag, optional: false) { .flag(get($0)) }
  }

  /// A flag that is either true or left out: Mustache cannot compare, so singular wording
  /// ("1 note") needs one, and a left-out name reads as false.
  public static func flagIfTrue(_ name: String, _ get: @escaping @Sendable (Model) -> Bool) -> Self
  {
    Self(name: name, type: .flag, optional: true) { get($0) ? .flag(true) : .absent }
  }

  public static func texts(_ name: String, _ get: @escaping @Sendable (Model) -> [String]) -> Self {
    Self(name: name, type: .list(.text), optional: false) { .list(get($0).map(TemplateValue.text)) }
  }

  public static func object<Child: TemplateModel>(
    _ name: String, _ get: @escaping @Sendable (Model) -> Child
  ) -> Self {
    Self(name: name, type: .object(Child.templateSchema), optional: false) {
      .record(get($0).templateRecord)
    }
  }

  public static func object<Child: TemplateModel>(
    _ name: String, _ get: @escaping @Sendable (Model) -> Child?
  ) -> Self {
    Self(name: name, type: .object(Child.templateSchema), optional: true) {
      get($0).map { .record($0.templateRecord) } ?? .absent
    }
  }

  public static func list<Child: TemplateModel>(
    _ name: String, _ get: @escaping @Sendable (Model) -> [Child]
  ) -> Self {
    Self(name: name, type: .list(.object(Child.templateSchema)), optional: false) {
      .list(get($0).map { .record($0.templateRecord) })
    }
  }

  /// The fields of a part shared by several models (every page's common part), read through
  /// `part`.
  public static func embedding<Part: TemplateModel>(
    _ part: @escaping @Sendable (Model) -> Part
  ) -> [Self] {
    let fields = Part.templateFields
    return zip(fields.schema.fields, fields.getters).map { info, getter in
      Self(name: info.name, type: info.type, optional: info.optional) { getter(part($0)) }
    }
  }

  /// The fields of a part that some pages have and others lack (a concept map): all left out
  /// when the part is.
  public static func embeddingIfPresent<Part: TemplateModel>(
    _ part: @escaping @Sendable (Model) -> Part?
  ) -> [Self] {
    let fields = Part.templateFields
    return zip(fields.schema.fields, fields.getters).map { info, getter in
      Self(name: info.name, type: info.type, optional: true) { model in
        part(model).map(getter) ?? .absent
      }
    }
  }
}

extension Array {
  /// `TemplateField.embedding`, where a group of fields is expected.
  public static func embedding<Model, Part: TemplateModel>(
    _ part: @escaping @Sendable (Model) -> Part
  ) -> Self where Element == TemplateField<Model> {
    TemplateField<Model>.embedding(part)
  }

  /// `TemplateField.embeddingIfPresent`, where a group of fields is expected.
  public static func embeddingIfPresent<Model, Part: TemplateModel>(
    _ part: @escaping @Sendable (Model) -> Part?
  ) -> Self where Element == TemplateField<Model> {
    TemplateField<Model>.embeddingIfPresent(part)
  }
}
