import Testing

@testable import Gloss

/// Random texts built from glossary terms and filler, per script: every inserted term is found
/// exactly where it was put, a shorter entry never splits a longer one, and the answer does
/// not depend on the order of the glossary.
@Suite("Term matching in every script: properties")
struct ScriptPropertyTests {
  /// One script's glossary, the filler put between terms, and how a term may be written
  /// differently in the text (the part of the written form that the link must cover, then
  /// what follows it outside the link).
  struct Script: CustomTestStringConvertible, Sendable {
    var name: String
    var terms: [String]
    var filler: [String]
    var separator: String
    var write: @Sendable (String, inout SplitMix64) -> (linked: String, after: String)
    var testDescription: String { name }
  }

  static func pick<T>(_ items: [T], _ rng: inout SplitMix64) -> T { items[rng.below(items.count)] }

  static let scripts: [Script] = [
    Script(
      name: "Chinese", terms: ["北约", "北约组织", "习近平", "组织", "中华人民共和国", "人民"],
      filler: ["的", "了", "在", "是", "我", "有", "就", "不", "这", "上", "也", "很", "，", "。"],
      separator: "", write: { term, _ in (term, "") }),
    Script(
      name: "Japanese", terms: ["東京", "東京都", "ウクライナ", "ガス", "ひらがな", "日米同盟"],
      filler: ["の", "は", "を", "に", "へ", "と", "で", "も", "や", "よ", "ね", "、"],
      separator: "",
      write: { term, rng in
        // Katakana terms are sometimes written half-width.
        let halfWidth = ["ウクライナ": "ｳｸﾗｲﾅ", "ガス": "ｶﾞｽ"]
        if let narrow = halfWidth[term], rng.below(2) == 0 { return (narrow, "") }
        return (term, "")
      }),
    Script(
      name: "Korean", terms: ["나토", "북한", "서울", "대한민국"],
      filler: ["그리고", "정부", "오늘", "회의를", "열었다", "."], separator: " ",
      write: { term, rng in
        let last = term.unicodeScalars.last!.value
        let hasFinal = (last - 0xAC00) % 28 != 0
        let particles =
          hasFinal
          ? ["", "은", "이", "을", "과", "의", "에서", "으로부터", "에서는"]
          : ["", "는", "가", "를", "와", "의", "에서", "로", "에게도"]
        return (term, pick(particles, &rng))
      }),
    Script(
      name: "Thai", terms: ["กรุงเทพ", "กรุงเทพมหานคร", "นาโต้", "ประเทศไทย"],
      filler: ["ฉัน", "อยู่", "ที่", "และ", "ของ", " "], separator: "",
      write: { term, _ in (term, "") }),
    Script(
      name: "Arabic and Urdu", terms: ["الناتو", "إسرائيل", "محمد", "الأمم المتحدة", "پاکستان"],
      filler: ["قال", "في", "إن", "على", "من", "،"], separator: " ",
      write: { term, rng in
        // Harakat after letters, tatweel between them, and Persian/Arabic letter variants.
        var out = ""
        for scalar in term.unicodeScalars {
          var s = String(scalar)
          if scalar == "ي", rng.below(2) == 0 { s = "ی" }
          if scalar == "ک", rng.below(2) == 0 { s = "ك" }
          if scalar == "إ", rng.below(2) == 0 { s = "ا" }
          out += s
          if scalar != " ", rng.below(3) == 0 {
            out += pick(["\u{064E}", "\u{0650}", "\u{0651}"], &rng)
          }
          if scalar != " ", rng.below(6) == 0 { out += "\u{0640}" }
        }
        return (out, "")
      }),
    Script(
      name: "Latin with diacritics", terms: ["São Paulo", "Curaçao", "Reykjavík", "Ærø", "Łódź"],
      filler: ["the", "in", "and", "visit", ","], separator: " ",
      write: { term, rng in (rng.below(2) == 0 ? term.uppercased() : term, "") }),
    Script(
      name: "Mixed Latin and CJK", terms: ["NATO", "AUKUS协议", "北约", "G20", "峰会"],
      filler: ["在", "的", "和", "是", "，"], separator: "",
      write: { term, rng in
        // Latin sometimes full-width, as CJK typesetting often has it.
        guard rng.below(2) == 0, term.unicodeScalars.first!.isASCII else { return (term, "") }
        var wide = ""
        for scalar in term.unicodeScalars {
          wide.unicodeScalars.append(
            scalar.isASCII ? Unicode.Scalar(scalar.value + 0xFEE0)! : scalar)
        }
        return (wide, "")
      }),
  ]

  /// A text of `count` pieces, each a term or filler, with where each term was put.
  static func text(_ script: Script, seed: UInt64, count: Int) -> (
    text: String, expected: [TermMatch]
  ) {
    var rng = SplitMix64(seed: seed)
    var text = ""
    var expected: [TermMatch] = []
    for index in 0..<count {
      if index > 0 { text += script.separator }
      // Filler between two terms, so that each term stands alone.
      if index % 2 == 0 {
        text += pick(script.filler, &rng)
        continue
      }
      let k = rng.below(script.terms.count)
      let (linked, after) = script.write(script.terms[k], &rng)
      let start = text.utf8.count
      text += linked
      expected.append(TermMatch(entryID: "e\(k)", patternIndex: k, range: start..<text.utf8.count))
      text += after
    }
    return (text, expected)
  }

  static func patterns(_ script: Script) -> [TermPattern] {
    script.terms.enumerated().map { TermPattern(text: $1, entryID: "e\($0)") }
  }

  @Test(arguments: scripts)
  func everyInsertedTermIsFoundAtItsOffsets(script: Script) {
    let matcher = TermMatcher(patterns: Self.patterns(script))
    for seed in UInt64(1)...40 {
      let (text, expected) = Self.text(script, seed: seed, count: 41)
      #expect(matcher.matches(in: text) == expected, "seed \(seed): \(text)")
    }
  }

  @Test(arguments: scripts)
  func resultDoesNotDependOnGlossaryOrder(script: Script) {
    let patterns = Self.patterns(script)
    var rng = SplitMix64(seed: 99)
    for seed in UInt64(1)...20 {
      let (text, _) = Self.text(script, seed: seed, count: 41)
      let shuffled = patterns.shuffled(using: &rng)
      let a = TermMatcher(patterns: patterns).matches(in: text).map { "\($0.entryID)@\($0.range)" }
      let b = TermMatcher(patterns: shuffled).matches(in: text).map { "\($0.entryID)@\($0.range)" }
      #expect(a == b, "seed \(seed)")
      #expect(a.count == 20)
    }
  }

  /// Terms of scripts written without spaces, run together with no filler: the matches are
  /// exactly greedy leftmost-longest over the terms, so a shorter entry never matches inside
  /// or across a longer entry that starts first.
  @Test(arguments: [
    ["北约", "北约组织", "组织", "约组", "织成", "成员", "员国", "国"],
    ["東京", "東京都", "京都", "都", "ウクライナ", "ナ", "ライ"],
    ["กรุง", "กรุงเทพ", "เทพ", "เทพมหานคร", "มหา", "นคร"],
  ])
  func runTogetherTermsResolveLeftmostLongest(terms: [String]) {
    let matcher = TermMatcher(
      patterns: terms.enumerated().map { TermPattern(text: $1, entryID: $1) })
    var rng = SplitMix64(seed: 5)
    for _ in 0..<200 {
      var text = ""
      for _ in 0..<(1 + rng.below(12)) { text += Self.pick(terms, &rng) }
      let scalars = Array(text.unicodeScalars)
      var expected: [String] = []
      var i = 0
      while i < scalars.count {
        let rest = String(String.UnicodeScalarView(scalars[i...]))
        if let longest = terms.filter({ rest.unicodeScalars.starts(with: $0.unicodeScalars) })
          .max(by: { $0.unicodeScalars.count < $1.unicodeScalars.count })
        {
          expected.append(longest)
          i += longest.unicodeScalars.count
        } else {
          i += 1
        }
      }
      #expect(matcher.matches(in: text).map(\.entryID) == expected, "\(text)")
    }
  }
}
