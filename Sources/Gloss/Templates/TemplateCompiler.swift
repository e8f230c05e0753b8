/// Binds parsed templates to the schema of the page they render, checking every name on the
/// way: an unknown variable, section or partial, text written raw or HTML written escaped, all
/// become errors in compiler form with a suggestion, before any page is rendered.
struct TemplateCompiler {
  /// Parsed templates by name ("article", "partials/head"), with the path messages show.
  let templates: [String: (syntax: [TemplateSyntax], path: String)]
  private(set) var diagnostics: [Diagnostic] = []
  private var seen = Set<String>()

  init(templates: [String: (syntax: [TemplateSyntax], path: String)]) {
    self.templates = templates
  }

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
      path, line: position.line, column: position.column, message)
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
        nodes.append(.value(lookup, escaped: !raw))
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
