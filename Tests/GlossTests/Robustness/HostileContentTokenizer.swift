/// A small HTML tokenizer for tests: it reads markup the way a browser's tokenizer would in the
/// cases that matter for safety (tag and attribute names case-insensitive, three quoting styles,
/// character references decoded in attribute values, raw text inside `<script>`/`<style>`).
/// Not a full HTML5 parser; enough to say which elements and attributes a page really has.
enum HTMLTokenizer {
  struct Attribute: Equatable {
    var name: String
    var value: String
  }

  enum Token: Equatable {
    case start(name: String, attributes: [Attribute], selfClosing: Bool)
    case end(name: String)
    case text(String)
    case comment(String)
    case doctype(String)
  }

  static let voidElements: Set<String> = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
  ]
  static let rawTextElements: Set<String> = ["script", "style", "textarea", "title"]

  static func tokens(_ html: String) -> [Token] {
    let chars = Array(html.unicodeScalars)
    var tokens: [Token] = []
    var index = 0
    var text = ""

    func flushText() {
      if !text.isEmpty { tokens.append(.text(decode(text))) }
      text = ""
    }
    func isNameStart(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }
    func isSpace(_ c: Unicode.Scalar) -> Bool {
      c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}"
    }
    func startsWith(_ literal: String, at position: Int, caseInsensitive: Bool = false) -> Bool {
      let needle = Array(literal.unicodeScalars)
      guard position + needle.count <= chars.count else { return false }
      for (offset, scalar) in needle.enumerated() {
        let c = chars[position + offset]
        if caseInsensitive {
          if String(c).lowercased() != String(scalar).lowercased() { return false }
        } else if c != scalar {
          return false
        }
      }
      return true
    }

    while index < chars.count {
      let c = chars[index]
      guard c == "<", index + 1 < chars.count else {
        text.unicodeScalars.append(c)
        index += 1
        continue
      }
      let next = chars[index + 1]
      if startsWith("<!--", at: index) {
        flushText()
        var end = index + 4
        while end < chars.count, !startsWith("-->", at: end) { end += 1 }
        tokens.append(
          .comment(String(String.UnicodeScalarView(chars[(index + 4)..<min(end, chars.count)]))))
        index = min(end + 3, chars.count)
      } else if next == "!" || next == "?" {
        flushText()
        var end = index + 2
        while end < chars.count, chars[end] != ">" { end += 1 }
        tokens.append(
          .doctype(String(String.UnicodeScalarView(chars[(index + 2)..<min(end, chars.count)]))))
        index = min(end + 1, chars.count)
      } else if next == "/", index + 2 < chars.count, isNameStart(chars[index + 2]) {
        flushText()
        var end = index + 2
        var name = ""
        while end < chars.count, !isSpace(chars[end]), chars[end] != ">", chars[end] != "/" {
          name.unicodeScalars.append(chars[end])
          end += 1
        }
        while end < chars.count, chars[end] != ">" { end += 1 }
        tokens.append(.end(name: name.lowercased()))
        index = min(end + 1, chars.count)
      } else if isNameStart(next) {
        flushText()
        var position = index + 1
        var name = ""
        while position < chars.count, !isSpace(chars[position]), chars[position] != ">",
          chars[position] != "/"
        {
          name.unicodeScalars.append(chars[position])
          position += 1
        }
        name = name.lowercased()
        var attributes: [Attribute] = []
        var selfClosing = false
        while position < chars.count {
          while position < chars.count, isSpace(chars[position]) || chars[position] == "/" {
            if chars[position] == "/" { selfClosing = true }
            position += 1
          }
          guard position < chars.count, chars[position] != ">" else { break }
          selfClosing = false
          var attributeName = ""
          while position < chars.count, !isSpace(chars[position]), chars[position] != ">",
            chars[position] != "=",
            !(chars[position] == "/" && !attributeName.isEmpty)
          {
            attributeName.unicodeScalars.append(chars[position])
            position += 1
          }
          while position < chars.count, isSpace(chars[position]) { position += 1 }
          var value = ""
          if position < chars.count, chars[position] == "=" {
            position += 1
            while position < chars.count, isSpace(chars[position]) { position += 1 }
            if position < chars.count, chars[position] == "\"" || chars[position] == "'" {
              let quote = chars[position]
              position += 1
              while position < chars.count, chars[position] != quote {
                value.unicodeScalars.append(chars[position])
                position += 1
              }
              position += 1
            } else {
              while position < chars.count, !isSpace(chars[position]), chars[position] != ">" {
                value.unicodeScalars.append(chars[position])
                position += 1
              }
            }
          }
          attributes.append(Attribute(name: attributeName.lowercased(), value: decode(value)))
        }
        index = min(position + 1, chars.count)
        tokens.append(.start(name: name, attributes: attributes, selfClosing: selfClosing))
        if rawTextElements.contains(name) {
          var end = index
          while end < chars.count, !startsWith("</\(name)", at: end, caseInsensitive: true) {
            end += 1
          }
          let raw = String(String.UnicodeScalarView(chars[index..<end]))
          if !raw.isEmpty {
            tokens.append(.text(name == "title" || name == "textarea" ? decode(raw) : raw))
          }
          index = end
        }
      } else {
        text.unicodeScalars.append(c)
        index += 1
      }
    }
    flushText()
    return tokens
  }

  /// Character references, as a browser decodes them in text and attribute values.
  static func decode(_ text: String) -> String {
    guard text.contains("&") else { return text }
    let named: [String: String] = [
      "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
    ]
    var result = ""
    var rest = text[...]
    while let amp = rest.firstIndex(of: "&") {
      result += rest[..<amp]
      let after = rest[rest.index(after: amp)...]
      if let semicolon = after.firstIndex(of: ";"),
        after.distance(from: after.startIndex, to: semicolon) <= 10
      {
        let name = String(after[..<semicolon])
        var replacement: String?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
          replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map {
            String($0)
          }
        } else if name.hasPrefix("#") {
          replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
        } else {
          replacement = named[name]
        }
        if let replacement {
          result += replacement
          rest = after[after.index(after: semicolon)...]
          continue
        }
      }
      result += "&"
      rest = after
    }
    return result + rest
  }
}
