/// A template bound to the schema of the page it renders: every name is already a position in
/// a record, so rendering is array indexing and byte copying, with no lookups by name and no
/// dynamic casts.
public struct CompiledTemplate: Sendable {
  let nodes: [CompiledNode]

  /// Renders a page from its model's record.
  public func render(_ record: TemplateRecord) -> [UInt8] {
    var renderer = TemplateRenderer()
    renderer.output.reserveCapacity(16_384)
    renderer.stack.append(.record(record))
    renderer.render(nodes, indentation: [])
    return renderer.output
  }
}

/// Where a name's value is: candidate contexts from the innermost out (Mustache looks further
/// out when an inner context leaves a name out), each as a stack level and a path of positions.
struct ValueLookup: Sendable {
  var candidates: [(level: Int, path: [Int])]
}

indirect enum CompiledNode: Sendable {
  case bytes([UInt8])
  case value(ValueLookup, escaped: Bool)
  /// `{{#name}}`: a list repeats the body for each item, a flag shows it when true, any other
  /// value shows it once; items and values become the innermost context for the body.
  case section(ValueLookup, body: [CompiledNode])
  case invertedSection(ValueLookup, body: [CompiledNode])
  /// A number in a language's own digits (the ten digits' bytes).
  case localizedNumber(ValueLookup, digits: [[UInt8]])
  /// An interface string with a singular form: `one` when the count takes it, else `other`.
  case plural(ValueLookup, rule: PluralRule, one: [CompiledNode], other: [CompiledNode])
  /// A partial's nodes; `indentation` when it stood alone on an indented line.
  case partial(indentation: [UInt8], body: [CompiledNode])
}

struct TemplateRenderer {
  var output: [UInt8] = []
  var stack: [TemplateValue] = []

  func resolve(_ lookup: ValueLookup) -> TemplateValue {
    for candidate in lookup.candidates {
      var value = stack[candidate.level]
      for position in candidate.path {
        guard case .record(let record) = value else {
          value = .absent
          break
        }
        value = record.values[position]
      }
      if case .absent = value { continue }
      return value
    }
    return .absent
  }

  /// Renders a block. With an indentation (a standalone partial's, accumulated), output that
  /// follows a line break within the block is indented, token by token, as swift-mustache does.
  mutating func render(_ nodes: [CompiledNode], indentation: [UInt8]) {
    guard !indentation.isEmpty else {
      for node in nodes { render(node, indentation: indentation) }
      return
    }
    var lastByte: UInt8?
    for node in nodes {
      let start = output.count
      render(node, indentation: indentation)
      guard output.count > start else { continue }
      if lastByte == UInt8(ascii: "\n") { output.insert(contentsOf: indentation, at: start) }
      lastByte = output.last
    }
  }

  private mutating func render(_ node: CompiledNode, indentation: [UInt8]) {
    switch node {
    case .bytes(let bytes):
      output.append(contentsOf: bytes)
    case .value(let lookup, let escaped):
      write(resolve(lookup), escaped: escaped)
    case .section(let lookup, let body):
      let value = resolve(lookup)
      switch value {
      case .absent: break
      case .flag(let on): if on { render(body, indentation: indentation) }
      case .list(let items):
        for item in items {
          stack.append(item)
          render(body, indentation: indentation)
          stack.removeLast()
        }
      default:
        stack.append(value)
        render(body, indentation: indentation)
        stack.removeLast()
      }
    case .invertedSection(let lookup, let body):
      switch resolve(lookup) {
      case .absent, .flag(false): render(body, indentation: indentation)
      case .list(let items) where items.isEmpty: render(body, indentation: indentation)
      default: break
      }
    case .localizedNumber(let lookup, let digits):
      guard case .number(let number) = resolve(lookup) else { break }
      for byte in String(number).utf8 {
        if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
          output.append(contentsOf: digits[Int(byte - UInt8(ascii: "0"))])
        } else {
          output.append(byte)
        }
      }
    case .plural(let lookup, let rule, let one, let other):
      guard case .number(let count) = resolve(lookup) else {
        render(other, indentation: indentation)
        break
      }
      render(rule.isOne(count) ? one : other, indentation: indentation)
    case .partial(let own, let body):
      render(body, indentation: indentation + own)
    }
  }

  private mutating func write(_ value: TemplateValue, escaped: Bool) {
    switch value {
    case .absent, .record, .list: break
    case .text(let text):
      if escaped {
        HTMLEscaping.appendTemplateEscaped(text, to: &output)
      } else {
        output.append(contentsOf: text.utf8)
      }
    case .html(let html): output.append(contentsOf: html.utf8)
    case .number(let number): output.append(contentsOf: String(number).utf8)
    case .flag(let on): output.append(contentsOf: (on ? "true" : "false").utf8)
    }
  }
}
