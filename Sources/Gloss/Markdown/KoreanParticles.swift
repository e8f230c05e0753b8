/// Korean writes particles (조사) and the copula onto the noun they follow: 나토는, 나토에서,
/// 북한으로부터. A Hangul term still matches there, and the link covers the term alone, as
/// Korean Wikipedia links do. The particles are a fixed list (below); up to three may follow
/// one another (에서 + 는, 으로 + 부터 + 는), and each must fit the syllable before it: the
/// forms for a final consonant (은 이 을 과 으로 …) only after one, the forms for a vowel
/// (는 가 를 와 로 …) only after a vowel (로 also after ㄹ), so 나토는 and 북한은 match but
/// 나토은 and 북한는 do not.
enum KoreanParticles {
  enum Fits {
    case any
    case afterVowel
    case afterConsonant
    /// 로-forms: after a vowel or after ㄹ.
    case afterVowelOrRieul
  }

  static let maximumChain = 3

  /// The list, by which final they follow.
  static let particles: [(String, Fits)] = {
    let any = [
      "의", "에", "에서", "에게", "께", "께서", "한테", "도", "만", "까지", "부터", "조차", "마저", "보다", "처럼",
      "만큼", "마다", "뿐", "밖에", "하고", "이다", "이며", "이고", "입니다", "이었다", "인", "이란",
    ]
    let afterConsonant = [
      "은", "이", "을", "과", "으로", "으로서", "으로써", "이나", "이랑", "이든", "이라도", "이라고", "이라는",
    ]
    let afterVowel = ["는", "가", "를", "와", "나", "랑", "든", "라도", "라고", "라는", "란", "다", "였다", "며"]
    let ro = ["로", "로서", "로써"]
    return any.map { ($0, Fits.any) } + afterConsonant.map { ($0, .afterConsonant) }
      + afterVowel.map { ($0, .afterVowel) } + ro.map { ($0, .afterVowelOrRieul) }
  }()

  /// Particles as scalar arrays, grouped by first syllable for the lookup.
  static let byFirstSyllable: [UInt32: [(scalars: [UInt32], fits: Fits)]] = {
    var table: [UInt32: [(scalars: [UInt32], fits: Fits)]] = [:]
    for (text, fits) in particles {
      let scalars = text.unicodeScalars.map(\.value)
      table[scalars[0], default: []].append((scalars, fits))
    }
    return table
  }()

  static let longest = particles.map { $0.0.unicodeScalars.count }.max() ?? 0

  /// Whether `syllables` (the Hangul right after a term, up to the next non-word character)
  /// is a chain of particles, the first fitting `previous`, the term's last syllable.
  static func isParticleChain(_ syllables: [UInt32], after previous: UInt32) -> Bool {
    guard !syllables.isEmpty, syllables.count <= longest * maximumChain else { return false }
    return chain(syllables, from: 0, after: previous, depth: 0)
  }

  private static func chain(_ s: [UInt32], from i: Int, after previous: UInt32, depth: Int)
    -> Bool
  {
    if i == s.count { return true }
    guard depth < maximumChain, let candidates = byFirstSyllable[s[i]] else { return false }
    for (scalars, fits) in candidates where i + scalars.count <= s.count {
      guard s[i..<(i + scalars.count)].elementsEqual(scalars), fit(fits, after: previous) else {
        continue
      }
      if chain(s, from: i + scalars.count, after: scalars[scalars.count - 1], depth: depth + 1) {
        return true
      }
    }
    return false
  }

  /// Final consonant (jongseong) index of a Hangul syllable: 0 for none, 8 for ㄹ.
  private static func fit(_ fits: Fits, after syllable: UInt32) -> Bool {
    guard Scripts.isHangulSyllable(syllable) else { return false }
    let final = (syllable - 0xAC00) % 28
    switch fits {
    case .any: return true
    case .afterVowel: return final == 0
    case .afterConsonant: return final != 0
    case .afterVowelOrRieul: return final == 0 || final == 8
    }
  }
}
