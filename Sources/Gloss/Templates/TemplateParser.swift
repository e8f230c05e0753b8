/// Parses Mustache text into `TemplateSyntax`. Whitespace follows swift-mustache 2, the engine
/// Gloss themes were first written for, byte for byte: a section, comment or set-delimiter tag
/// alone on its line takes the line with it; a partial alone on its line keeps its indentation
/// and passes it on. Lambdas, transforms and template inheritance are not part of the theme
/// language and are reported as errors.
struct TemplateParser {
  private let characters: [Character]
  private var index = 0
  private var line = 1
  private var lineStart = 0
  private var open: [Character] = ["{", "{"]
  private var close: [Character] = ["}", "}"]

  init(_ text: String) {
    characters = Array(text)
  }

  static func parse(_ text: String) throws(TemplateSyntaxError) -> [TemplateSyntax] {
    var parser = TemplateParser(text)
    return try parser.parseBlock(section: nil, atLineStart: true)
  }

  private var position: TemplatePosition {
    TemplatePosition(line: line, column: index - lineStart + 1)
  }

  private var atEnd: Bool { index >= characters.count }

  private func error(_ message: String, at position: TemplatePosition) -> TemplateSyntaxError {
    TemplateSyntaxError(message: message, position: position)
  }

  private mutating func advance() {
    if characters[index].isNewline {
      line += 1
      lineStart = index + 1
    }
    index += 1
  }

  private func matches(_ delimiter: [Character], at offset: Int) -> Bool {
    guard offset + delimiter.count <= characters.count else { return false }
    for (step, character) in delimiter.enumerated() where characters[offset + step] != character {
      return false
    }
    return true
  }

  private mutating func skipSpaces() {
    while !atEnd, characters[index].isWhitespace, !characters[index].isNewline { advance() }
  }

  private mutating func skipWhitespace() {
    while !atEnd, characters[index].isWhitespace { advance() }
  }

  /// Spaces and tabs to the end of the line: consumed with the line break when they are all
  /// that is left (the tag stood alone).
  private mutating func consumeRestOfLineIfBlank() -> Bool {
    if atEnd { return true }
    var probe = index
    while probe < characters.count, characters[probe] == " " || characters[probe] == "\t" {
      probe += 1
    }
    guard probe < characters.count else {
      // swift-mustache reads a tag at the very end after trailing spaces as not standalone.
      return false
    }
    guard characters[probe].isNewline else { return false }
    while index <= probe { advance() }
    return true
  }

  /// (section name, its position) for the innermost open section, or nil at the top.
  private mutating func parseBlock(
    section: (name: String, at: TemplatePosition)?, atLineStart: Bool
  ) throws(TemplateSyntaxError) -> [TemplateSyntax] {
    var nodes: [TemplateSyntax] = []
    var newLine = atLineStart
    var whitespaceBefore = ""
    while !atEnd {
      if newLine {
        whitespaceBefore = ""
        while !atEnd, characters[index] == " " || characters[index] == "\t" {
          whitespaceBefore.append(characters[index])
          advance()
        }
      }
      // Text up to a tag or a line break.
      var text = ""
      var tagStart: TemplatePosition?
      while !atEnd {
        let character = characters[index]
        if character.isNewline { break }
        if matches(open, at: index) {
          tagStart = position
          for _ in open { advance() }
          break
        }
        text.append(character)
        advance()
      }
      if !atEnd, tagStart == nil, characters[index].isNewline {
        nodes.append(.text(whitespaceBefore + text + String(characters[index])))
        whitespaceBefore = ""
        advance()
        newLine = true
        continue
      }
      if !text.isEmpty {
        nodes.append(.text(whitespaceBefore + text))
        whitespaceBefore = ""
        newLine = false
      }
      // Spaces alone after the last line break are dropped, as swift-mustache does.
      guard let tagStart else { break }
      if atEnd { throw error("tag is not closed with '\(String(close))'", at: tagStart) }
      var standalone = false
      let sigil = characters[index]
      switch sigil {
      case "#", "^":
        advance()
        let name = try readName(tagStart)
        standalone = newLine && consumeRestOfLineIfBlank()
        if !standalone, !whitespaceBefore.isEmpty {
          nodes.append(.text(whitespaceBefore))
        }
        whitespaceBefore = ""
        let body = try parseBlock(section: (name, tagStart), atLineStart: standalone)
        nodes.append(.section(name: name, inverted: sigil == "^", body: body, at: tagStart))
        // As in swift-mustache, the opening tag decides whether the line after the closing one
        // starts fresh.
        newLine = standalone
        continue
      case "/":
        advance()
        let name = try readName(tagStart)
        guard let section, name == section.name else {
          if let section {
            throw error(
              "section closed with the wrong name: '\(name)' closes '\(section.name)' (opened at line \(section.at.line))",
              at: tagStart)
          }
          throw error("'\(name)' closes a section that was never opened", at: tagStart)
        }
        standalone = newLine && consumeRestOfLineIfBlank()
        if !standalone, !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
        return nodes
      case "!":
        advance()
        try skipComment(tagStart)
        standalone = newLine && consumeRestOfLineIfBlank()
        if !standalone, !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
        whitespaceBefore = ""
      case "=":
        advance()
        try setDelimiters(tagStart)
        standalone = newLine && consumeRestOfLineIfBlank()
        if !standalone, !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
        whitespaceBefore = ""
      case ">":
        advance()
        skipWhitespace()
        let name = try readName(tagStart, allowSlash: true)
        if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
        standalone = newLine && consumeRestOfLineIfBlank()
        nodes.append(
          .partial(name: name, indentation: standalone ? whitespaceBefore : nil, at: tagStart))
        whitespaceBefore = ""
      case "{", "&":
        if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
        whitespaceBefore = ""
        advance()
        let name = try readName(tagStart, closingBrace: sigil == "{")
        nodes.append(.variable(name: name, raw: true, at: tagStart))
      case "<", "$":
        throw error(
          "template inheritance ('{{\(sigil)…}}') is not supported in Gloss themes; use partials",
          at: tagStart)
      default:
        if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
        whitespaceBefore = ""
        let name = try readName(tagStart)
        nodes.append(.variable(name: name, raw: false, at: tagStart))
      }
      newLine = standalone
    }
    if let section {
      throw error("section '\(section.name)' is never closed", at: section.at)
    }
    return nodes
  }

  private static let nameCharacters = Set(
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")

  private mutating func readName(
    _ tagStart: TemplatePosition, allowSlash: Bool = false, closingBrace: Bool = false
  ) throws(TemplateSyntaxError) -> String {
    skipWhitespace()
    var name = ""
    while !atEnd,
      Self.nameCharacters.contains(characters[index]) || (allowSlash && characters[index] == "/")
    {
      name.append(characters[index])
      advance()
    }
    skipWhitespace()
    if !atEnd, characters[index] == "(" {
      throw error("transforms ('name(…)') are not supported in Gloss themes", at: tagStart)
    }
    if closingBrace {
      guard !atEnd, characters[index] == "}" else {
        throw error("tag is not closed with '}\(String(close))'", at: tagStart)
      }
      advance()
    }
    guard matches(close, at: index) else {
      throw error("tag is not closed with '\(String(close))'", at: tagStart)
    }
    for _ in close { advance() }
    guard !name.isEmpty else { throw error("tag has no name", at: tagStart) }
    return name
  }

  private mutating func skipComment(_ tagStart: TemplatePosition) throws(TemplateSyntaxError) {
    while !atEnd {
      if matches(close, at: index) {
        for _ in close { advance() }
        return
      }
      advance()
    }
    throw error("comment is never closed with '\(String(close))'", at: tagStart)
  }

  private mutating func setDelimiters(_ tagStart: TemplatePosition) throws(TemplateSyntaxError) {
    skipWhitespace()
    var start: [Character] = []
    while !atEnd, !characters[index].isWhitespace {
      start.append(characters[index])
      advance()
    }
    skipWhitespace()
    var end: [Character] = []
    while !atEnd, !characters[index].isWhitespace, characters[index] != "=" {
      end.append(characters[index])
      advance()
    }
    skipWhitespace()
    guard !start.isEmpty, !end.isEmpty, !atEnd, characters[index] == "=" else {
      throw error("invalid set-delimiter tag", at: tagStart)
    }
    advance()
    guard matches(close, at: index) else { throw error("invalid set-delimiter tag", at: tagStart) }
    for _ in close { advance() }
    open = start
    close = end
  }
}
