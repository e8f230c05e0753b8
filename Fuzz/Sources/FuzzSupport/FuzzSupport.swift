import CFuzzDriver
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An invariant every input must keep. A broken one aborts, which libFuzzer records as a crash
/// and saves the input under `-artifact_prefix`.
public func require(_ condition: Bool, _ message: @autoclosure () -> String) {
  guard !condition else { return }
  FileHandle.standardError.write(Data("invariant broken: \(message())\n".utf8))
  abort()
}

public func string(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
  String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
}

/// Hands the process to libFuzzer with `target` as the function it calls for every input.
public func runFuzzer(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
  var argc = CommandLine.argc
  var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
  exit(LLVMFuzzerRunDriver(&argc, &argv, target))
}

/// The fuzz input as (patterns, text): the first line, split at `|`, names up to 12 spellings
/// (a leading `!` makes one case-sensitive); the rest is the text.
public func patternsAndText(_ input: String) -> (
  patterns: [(text: String, matchCase: Bool)], text: String
) {
  guard let newline = input.firstIndex(of: "\n") else { return ([], input) }
  var patterns: [(String, Bool)] = []
  for part in input[..<newline].split(separator: "|").prefix(12) {
    let matchCase = part.hasPrefix("!")
    let text = (matchCase ? part.dropFirst() : part).trimmingCharacters(in: .whitespacesAndNewlines)
    if !text.isEmpty { patterns.append((text, matchCase)) }
  }
  return (patterns, String(input[input.index(after: newline)...]))
}

/// Works on UTF-8 bytes, not Characters: a combining mark right after `>` would otherwise
/// fuse with it into one Character and hide the tag from `range(of:)`.
public enum TermLinkHTML {
  static let open = Array(#"<a class="term" "#.utf8)
  static let close = Array("</a>".utf8)

  static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
    var index = start
    while index <= haystack.count - needle.count {
      if haystack[index] == needle[0],
        haystack[index..<(index + needle.count)].elementsEqual(needle)
      {
        return index
      }
      index += 1
    }
    return nil
  }

  /// The HTML without the term links' `<a …>` and `</a>`, and how many there were.
  public static func strip(_ html: String) -> (String, Int) {
    let bytes = Array(html.utf8)
    var result: [UInt8] = []
    var count = 0
    var position = 0
    while let start = find(open, in: bytes, from: position),
      let tagEnd = bytes[start...].firstIndex(of: UInt8(ascii: ">")),
      let end = find(close, in: bytes, from: tagEnd)
    {
      result += bytes[position..<start]
      result += bytes[(tagEnd + 1)..<end]
      position = end + close.count
      count += 1
    }
    result += bytes[position...]
    return (String(decoding: result, as: UTF8.self), count)
  }

  /// A term link inside another link, inside code, or holding markup: nil when there is none.
  /// cmark writes every `<`, `>` and `&` of text escaped, so the tags seen here are real.
  public static func misplacedTermLink(_ html: String) -> String? {
    let bytes = Array(html.utf8)
    var open: [String] = []
    var position = 0
    while let lt = bytes[position...].firstIndex(of: UInt8(ascii: "<")) {
      guard let gt = bytes[lt...].firstIndex(of: UInt8(ascii: ">")) else { break }
      let tag = String(decoding: bytes[(lt + 1)..<gt], as: UTF8.self)
      position = gt + 1
      if tag.hasPrefix("/") {
        let name = String(tag.dropFirst())
        if let index = open.lastIndex(of: name) { open.removeSubrange(index...) }
        continue
      }
      if tag.hasPrefix("!") { continue }
      let name = String(tag.prefix { $0 != " " && $0 != "/" })
      if name == "a", tag.hasPrefix(#"a class="term" "#) {
        if let outer = open.last(where: { ["a", "code", "pre"].contains($0) }) {
          return "term link inside <\(outer)>"
        }
        // Only text and soft breaks belong inside a term link.
        if let end = find(close, in: bytes, from: position),
          bytes[position..<end].contains(UInt8(ascii: "<"))
        {
          return "markup inside a term link"
        }
      }
      if !["br", "hr", "img"].contains(name), !tag.hasSuffix("/") { open.append(name) }
    }
    return nil
  }
}
