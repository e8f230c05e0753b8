import Foundation

/// Reads content files as text the way every later stage expects it: valid UTF-8, no byte-order
/// mark, `\n` line endings. Line numbers are unchanged by the normalisation, so diagnostics
/// still point into the file as the editor sees it.
enum SourceText {
  static func read(_ url: URL, displayPath: String) -> Result<String, Diagnostic> {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      return .failure(.error(displayPath, "cannot read file: \(reason(url, error))"))
    }
    return decode(Array(data), displayPath: displayPath)
  }

  /// Foundation's messages ("The operation could not be completed") do not say what is wrong.
  static func reason(_ url: URL, _ error: Error) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      return "no such file"
    }
    if isDirectory.boolValue { return "it is a folder, not a file" }
    let descriptor = open(url.path, O_RDONLY)
    guard descriptor >= 0 else { return String(cString: strerror(errno)) }
    close(descriptor)
    return error.localizedDescription
  }

  static func decode(_ bytes: [UInt8], displayPath: String) -> Result<String, Diagnostic> {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if let bad = firstInvalidUTF8(body) {
      let (line, column) = position(ofByte: bad, in: body)
      return .failure(
        .error(
          displayPath, line: line, column: column,
          String(format: "file is not valid UTF-8 (byte 0x%02X); save it as UTF-8", body[bad])))
    }
    if body.contains(0) {
      let nul = body.firstIndex(of: 0) ?? body.startIndex
      let (line, column) = position(ofByte: nul, in: body)
      return .failure(
        .error(
          displayPath, line: line, column: column, "file contains a NUL byte; is it a binary file?")
      )
    }
    let text = String(decoding: body, as: UTF8.self)
    guard body.contains(0x0D) else { return .success(text) }
    return .success(
      text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
  }

  /// Whether `text` is empty once whitespace and newlines are trimmed, without trimming: it
  /// stops at the first visible character instead of copying a whole article through NSString.
  static func isBlank(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { CharacterSet.whitespacesAndNewlines.contains($0) }
  }

  /// Index of the first byte that does not belong to a well-formed UTF-8 sequence.
  static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let lead = bytes[index]
      let length: Int
      var lowerSecond: UInt8 = 0x80
      var upperSecond: UInt8 = 0xBF
      switch lead {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        lowerSecond = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        upperSecond = 0x9F
      case 0xF0:
        length = 4
        lowerSecond = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        upperSecond = 0x8F
      default: return index
      }
      guard index + length <= bytes.endIndex else { return index }
      for offset in 1..<length {
        let byte = bytes[index + offset]
        let (low, high) = offset == 1 ? (lowerSecond, upperSecond) : (UInt8(0x80), UInt8(0xBF))
        if byte < low || byte > high { return index }
      }
      index += length
    }
    return nil
  }

  /// 1-based line and column (in characters counted as scalars) of a byte offset.
  static func position(ofByte offset: Int, in bytes: ArraySlice<UInt8>) -> (Int, Int) {
    var line = 1
    var column = 1
    var index = bytes.startIndex
    while index < offset, index < bytes.endIndex {
      let byte = bytes[index]
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
      index += 1
    }
    return (line, column)
  }
}

/// YAML front matter between `---` lines at the top of a Markdown file.
struct FrontMatter {
  var yaml: String
  /// File line of the first YAML line, to turn YAML positions into file positions.
  var yamlFirstLine: Int
  var body: String
  var bodyFirstLine: Int

  enum SplitError: Error { case unterminated }

  /// nil when the file has no front matter at all.
  static func split(_ text: String) throws(SplitError) -> FrontMatter? {
    // Only the front matter is cut into lines; the body, most of the file, is taken whole.
    var next: String.Index? = text.startIndex
    var lineNumber = 0
    // Lines as `split(separator: "\n", omittingEmptySubsequences: false)` cuts them: "\r\n" is
    // one Character, so it does not end a line.
    func nextLine() -> Substring? {
      guard let start = next else { return nil }
      lineNumber += 1
      var search = start
      while let newline = text.utf8[search...].firstIndex(of: 0x0A) {
        if newline > start, text.utf8[text.utf8.index(before: newline)] == 0x0D {
          search = text.utf8.index(after: newline)
          continue
        }
        next = text.utf8.index(after: newline)
        return text[start..<newline]
      }
      next = nil
      return text[start...]
    }
    guard let first = nextLine(), trimmed(first) == "---" else {
      return nil
    }
    var yaml: [Substring] = []
    while let line = nextLine() {
      let trimmed = trimmed(line)
      if trimmed == "---" || trimmed == "..." {
        let body = next.map { String(text[$0...]) } ?? ""
        return FrontMatter(
          yaml: yaml.joined(separator: "\n") + "\n", yamlFirstLine: 2, body: body,
          bodyFirstLine: lineNumber + 1)
      }
      yaml.append(line)
    }
    throw .unterminated
  }

  /// `line.trimmingCharacters(in: .whitespaces)` without Foundation's detour through NSString
  /// (which was a third of reading a glossary entry's front matter).
  static func trimmed(_ line: Substring) -> Substring {
    let scalars = line.unicodeScalars
    guard let first = scalars.firstIndex(where: { !CharacterSet.whitespaces.contains($0) }),
      let last = scalars.lastIndex(where: { !CharacterSet.whitespaces.contains($0) })
    else { return line[line.endIndex...] }
    return Substring(scalars[first...last])
  }
}
