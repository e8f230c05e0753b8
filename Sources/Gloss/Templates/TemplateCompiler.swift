/// Binds parsed templates to the schema of the page they render, checking every name on the
/// way: an unknown variable, section or partial, text written raw or HTML written escaped, all
/// become errors in compiler form with a suggestion, before any page is rendered.
///
/// `{{t.key}}` shows the interface string `key` of the language being compiled (`strings`): a
/// short Mustache snippet that may name the context's values (`{{reading_minutes}} min read`),
/// compiled in place, its text escaped; a key English lacks is an error like an unknown name.
struct TemplateCompiler {
  /// Parsed templates by name ("article", "partials/head"), with the path messages show.
  let templates: [String: (syntax: [TemplateSyntax], path: String)]
  let strings: LanguageStrings
  let english: LanguageStrings
  private(set) var diagnostics: [Diagnostic] = []
  private var seen = Set<String>()
  /// While a string is compiled: which, so that messages about it say where it is written.
  private var currentString: String?

  init(
    templates: [String: (syntax: [TemplateSyntax], path: String)],
    strings: LanguageStrings = .builtInEnglish, english: LanguageStrings = .builtInEnglish
  ) {
    self.templates = templates
    self.strings = strings
    self.english = english
  }

  static let stringPrefix = "t."

  /// One level of the context stack at compile time.
  private enum Context {
    case record(TemplateSchema)
    case scalar(TemplateType)
  }

  /// Compiles template `name` for pages of `schema`.
  mutating func compile(_ name: String, for schema: TemplateSchema) -> CompiledTemplate {
    guard let template = templates[name] else { return CompiledTemplate(nodes: []) }
    var partials: [String] = [name]
    let nodes = compile(
      template.syntax, path: template.path, stack: [.record(schema)], partials: &partials,
      indentation: "")
    return CompiledTemplate(nodes: nodes)
  }

  private mutating func report(_ path: String, _ position: TemplatePosition, _ message: String) {
    let diagnostic = Diagnostic.error(
      path, line: position.line, column: position.column, message + (currentString ?? ""))
    // A partial shown on several pages would otherwise report the same mistake once per page.
    if seen.insert("\(path):\(position.line):\(position.column)").inserted {
      diagnostics.append(diagnostic)
    }
  }

  /// `indentation`: what the partials this code sits in add up to. Where it is not empty, the
  /// renderer indents token by token, so text lines stay separate nodes.
  private mutating func compile(
    _ syntax: [TemplateSyntax], path: String, stack: [Context], partials: inout [String],
    indentation: String
  ) -> [CompiledNode] {
    var nodes: [CompiledNode] = []
    for node in syntax {
      switch node {
      case .text(let text):
        nodes.append(.bytes(Array(text.utf8)))
      case .variable(let name, let raw, let at) where name.hasPrefix(Self.stringPrefix):
        nodes += compileString(
          String(name.dropFirst(Self.stringPrefix.count)), raw: raw, path: path, stack: stack,
          at: at)
      case .variable(let name, let raw, let at):
        guard let (lookup, type) = resolve(name, stack: stack, path: path, at: at, role: "name")
        else { continue }
        switch type {
        case .text, .number:
          if raw {
            report(
              path, at,
              "'\(name)' is \(type.description), not HTML: write {{\(name)}} so that it is escaped")
            continue
          }
        case .html:
          if !raw {
            report(
              path, at,
              "'\(name)' is HTML made safe by the build: write {{{\(name)}}}, or it shows as markup"
            )
            continue
          }
        case .flag, .object, .list:
          report(
            path, at,
            "'\(name)' is \(type.description) and cannot be written out; use {{#\(name)}}…{{/\(name)}}"
          )
          continue
        }
        if case .number = type, let digits = strings.digits {
          nodes.append(.localizedNumber(lookup, digits: digits.map { Array($0.utf8) }))
        } else {
          nodes.append(.value(lookup, escaped: !raw))
        }
      case .section(let name, let inverted, let body, let at):
        guard let (lookup, type) = resolve(name, stack: stack, path: path, at: at, role: "section")
        else { continue }
        if inverted {
          let inner = compile(
            body, path: path, stack: stack, partials: &partials, indentation: indentation)
          nodes.append(.invertedSection(lookup, body: inner))
          continue
        }
        var inner = stack
        switch type {
        case .flag: break
        case .object(let schema): inner.append(.record(schema))
        case .list(.object(let schema)): inner.append(.record(schema))
        case .list(let element): inner.append(.scalar(element))
        case .text, .html, .number: inner.append(.scalar(type))
        }
        let compiled = compile(
          body, path: path, stack: inner, partials: &partials, indentation: indentation)
        nodes.append(.section(lookup, body: compiled))
      case .partial(let name, let own, let at):
        guard let partial = templates[name] else {
          report(
            path, at,
            "unknown partial '\(name)'; no file templates/\(name).mustache"
              + suggestion(for: name, among: Array(templates.keys)))
          continue
        }
        guard !partials.contains(name) else {
          report(
            path, at,
            "partial '\(name)' includes itself (\(partials.joined(separator: " → ")) → \(name))")
          continue
        }
        partials.append(name)
        let body = compile(
          partial.syntax, path: partial.path, stack: stack, partials: &partials,
          indentation: indentation + (own ?? ""))
        partials.removeLast()
        nodes.append(.partial(indentation: Array((own ?? "").utf8), body: body))
      }
    }
    return indentation.isEmpty ? Self.merged(nodes) : nodes
  }

  /// The nodes of string `key` in the language compiled, for the context `stack`: its text
  /// escaped, its names looked up like the template's own; with a singular form, a choice by the
  /// first number it names.
  private mutating func compileString(
    _ key: String, raw: Bool, path: String, stack: [Context], at: TemplatePosition
  ) -> [CompiledNode] {
    guard english.strings[key] != nil, let forms = strings.strings[key] else {
      let known = english.strings.keys.map { Self.stringPrefix + $0 }
      let file = english.path.isEmpty ? "the theme has no strings/en.yml" : "not in \(english.path)"
      report(
        path, at,
        "unknown string '\(Self.stringPrefix + key)'; \(file)"
          + suggestion(for: Self.stringPrefix + key, among: known))
      return []
    }
    if raw {
      report(
        path, at,
        "'\(Self.stringPrefix + key)' is text: write {{\(Self.stringPrefix + key)}} so that it is escaped"
      )
      return []
    }
    let line = strings.lines[key] ?? english.lines[key] ?? 0
    currentString = " (in string '\(key)' of \(strings.path):\(line))"
    defer { currentString = nil }
    func compileForm(_ text: String) -> (nodes: [CompiledNode], firstNumber: ValueLookup?) {
      let syntax: [TemplateSyntax]
      do {
        syntax = try TemplateParser.parse(text)
      } catch {
        report(path, at, "string '\(key)' does not parse: \(error.message)")
        return ([], nil)
      }
      var nodes: [CompiledNode] = []
      var firstNumber: ValueLookup?
      for node in syntax {
        switch node {
        case .text(let text):
          var bytes: [UInt8] = []
          HTMLEscaping.appendTemplateEscaped(text, to: &bytes)
          nodes.append(.bytes(bytes))
        case .variable(let name, let raw, _) where !raw && !name.hasPrefix(Self.stringPrefix):
          guard let (lookup, type) = resolve(name, stack: stack, path: path, at: at, role: "name")
          else { continue }
          switch type {
          case .number:
            if firstNumber == nil { firstNumber = lookup }
            if let digits = strings.digits {
              nodes.append(.localizedNumber(lookup, digits: digits.map { Array($0.utf8) }))
            } else {
              nodes.append(.value(lookup, escaped: true))
            }
          case .text:
            nodes.append(.value(lookup, escaped: true))
          default:
            report(
              path, at,
              "string '\(key)' may name only text and numbers; '\(name)' is \(type.description)")
          }
        default:
          report(
            path, at,
            "string '\(key)' may hold only text and {{names}}, no sections, partials or raw values")
        }
      }
      return (Self.merged(nodes), firstNumber)
    }
    let other = compileForm(forms.other)
    guard let one = forms.one, strings.plural != .other else { return other.nodes }
    let singular = compileForm(one)
    guard let count = other.firstNumber else {
      report(path, at, "string '\(key)' has a singular form but names no number to choose it by")
      return other.nodes
    }
    return [.plural(count, rule: strings.plural, one: singular.nodes, other: other.nodes)]
  }

  /// Finds a (possibly dotted) name in the context stack, innermost first, as Mustache does.
  private mutating func resolve(
    _ name: String, stack: [Context], path: String, at: TemplatePosition, role: String
  ) -> (ValueLookup, TemplateType)? {
    let top = stack.count - 1
    if name == "." {
      guard case .scalar(let type) = stack[top] else {
        report(
          path, at,
          "'{{.}}' names the current \(innermostSchema(stack)?.name ?? "page") object, which cannot be written out; name one of its fields"
        )
        return nil
      }
      return (ValueLookup(candidates: [(top, [])]), type)
    }
    let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard !parts.contains(where: \.isEmpty) else {
      report(path, at, "'\(name)' is not a valid name")
      return nil
    }
    var candidates: [(level: Int, path: [Int])] = []
    var resolvedType: TemplateType?
    for level in stride(from: top, through: 0, by: -1) {
      guard case .record(let schema) = stack[level], let first = schema.position(of: parts[0])
      else { continue }
      var type = schema.fields[first].type
      var positions = [first]
      var failed = false
      for (offset, part) in parts.enumerated().dropFirst() {
        guard case .object(let inner) = type else {
          report(
            path, at,
            "'\(parts[..<offset].joined(separator: "."))' is \(type.description) and has no field '\(part)'"
          )
          failed = true
          break
        }
        guard let position = inner.position(of: part) else {
          report(
            path, at,
            "unknown \(role) '\(part)' in \(inner.name) context"
              + suggestion(for: part, among: inner.fields.map(\.name)))
          failed = true
          break
        }
        positions.append(position)
        type = inner.fields[position].type
      }
      if failed { return nil }
      if let resolvedType {
        // An outer context with the same name is only a fallback when it holds the same kind.
        if resolvedType.shortName == type.shortName { candidates.append((level, positions)) }
      } else {
        resolvedType = type
        candidates.append((level, positions))
      }
    }
    guard let resolvedType else {
      let visible = stack.compactMap { context -> [String]? in
        if case .record(let schema) = context { return schema.fields.map(\.name) }
        return nil
      }.flatMap { $0 }
      report(
        path, at,
        "unknown \(role) '\(parts[0])' in \(innermostSchema(stack)?.name ?? "page") context"
          + suggestion(for: parts[0], among: visible))
      return nil
    }
    return (ValueLookup(candidates: candidates), resolvedType)
  }

  private func innermostSchema(_ stack: [Context]) -> TemplateSchema? {
    for context in stack.reversed() {
      if case .record(let schema) = context { return schema }
    }
    return nil
  }

  /// " (did you mean 'title'?)" for the closest name within a small edit distance, or "".
  private func suggestion(for name: String, among names: [String]) -> String {
    // A third of the name's last part may differ: "partials/nav" is not a typo of "partials/head".
    let limit = max(1, (name.split(separator: "/").last?.count ?? name.count) / 3)
    let best = Set(names).map { ($0, editDistance(name, $0)) }
      .filter { $0.1 <= limit }
      .min { ($0.1, $0.0) < ($1.1, $1.0) }
    return best.map { " (did you mean '\($0.0)'?)" } ?? ""
  }

  /// Adjacent text joined into one copy.
  private static func merged(_ nodes: [CompiledNode]) -> [CompiledNode] {
    var result: [CompiledNode] = []
    for node in nodes {
      if case .bytes(let bytes) = node, case .bytes(let previous)? = result.last {
        result[result.count - 1] = .bytes(previous + bytes)
      } else {
        result.append(node)
      }
    }
    return result
  }
}
