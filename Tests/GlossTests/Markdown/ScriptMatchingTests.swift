import Testing

@testable import Gloss

/// The matched substrings, in order, with the entry each belongs to.
private func found(_ terms: [String], in text: String, matchCase: Bool = false) -> [String] {
  let patterns = terms.enumerated().map {
    TermPattern(text: $1, entryID: "e\($0)", matchCase: matchCase)
  }
  let bytes = Array(text.utf8)
  return TermMatcher(patterns: patterns).matches(in: text).map {
    String(decoding: bytes[$0.range], as: UTF8.self)
  }
}

@Suite("Term matching in every script")
struct ScriptMatchingTests {

  // MARK: Chinese

  @Test func chineseTermsMatchWithoutWordBoundaries() {
    #expect(
      found(["习近平", "北约"], in: "习近平在会见时表示，北约不应东扩。") == ["习近平", "北约"])
    #expect(found(["北约"], in: "反对北约东扩") == ["北约"])
  }

  @Test func chineseLongestMatchNeverSplitsALongerEntry() {
    #expect(found(["北约", "北约组织"], in: "北约组织成员国") == ["北约组织"])
    #expect(found(["北约组织", "北约"], in: "北约峰会与北约组织") == ["北约", "北约组织"])
    // Overlaps resolve leftmost first: 约组 starts inside 北约's match.
    #expect(found(["约组", "北约"], in: "北约组织") == ["北约"])
    #expect(found(["中国", "国人", "中国人民"], in: "中国人民和中国人") == ["中国人民", "中国"])
  }

  @Test func traditionalAndCompatibilityIdeographsAreVerbatim() {
    // No simplified/traditional folding: they are different spellings, listed as aliases.
    #expect(found(["北約"], in: "北约与北約") == ["北約"])
    #expect(found(["𠀋"], in: "甲𠀋乙") == ["𠀋"])
  }

  @Test func variationSelectorsAreIgnoredAndStayInsideTheLink() {
    #expect(found(["葛城"], in: "葛\u{E0100}城市") == ["葛\u{E0100}城"])
    #expect(found(["北约"], in: "北约\u{FE00}组织") == ["北约\u{FE00}"])
    #expect(found(["北约\u{FE00}"], in: "北约") == ["北约"])
  }

  // MARK: Mixed Latin and CJK

  @Test func latinTermsNeedBoundariesOnlyAgainstLettersOfSpacedScripts() {
    #expect(found(["NATO"], in: "在NATO的框架下") == ["NATO"])
    #expect(found(["AUKUS"], in: "AUKUS协议") == ["AUKUS"])
    #expect(found(["AUKUS"], in: "AUKUSx协议 xAUKUS协议") == [])
    #expect(found(["G20"], in: "G20峰会和G200") == ["G20"])
  }

  @Test func mixedTermsMatchInsideChineseText() {
    #expect(found(["AUKUS协议"], in: "签署AUKUS协议后") == ["AUKUS协议"])
    #expect(found(["5G网络"], in: "建设5G网络") == ["5G网络"])
  }

  @Test func latinSuffixesStillApplyBeforeCJK() {
    #expect(found(["NATO"], in: "NATO's立场") == ["NATO's"])
  }

  // MARK: Japanese

  @Test func japaneseKanaAndKanjiMatchWithoutBoundaries() {
    #expect(found(["東京", "東京都"], in: "東京都の知事と東京の人") == ["東京都", "東京"])
    #expect(found(["ウクライナ"], in: "ロシアはウクライナへ侵攻した") == ["ウクライナ"])
    #expect(found(["ひらがな"], in: "これはひらがなです") == ["ひらがな"])
    #expect(found(["日米同盟"], in: "日米同盟の強化") == ["日米同盟"])
  }

  @Test func halfWidthKatakanaFoldsToFullWidth() {
    #expect(found(["ナトー"], in: "ﾅﾄｰの会議") == ["ﾅﾄｰ"])
    #expect(found(["ﾅﾄｰ"], in: "ナトーの会議") == ["ナトー"])
    // Voiced kana: half-width with ﾞ, precomposed and decomposed are one spelling.
    #expect(found(["ガス"], in: "ｶﾞｽと カ\u{3099}ス") == ["ｶﾞｽ", "カ\u{3099}ス"])
    #expect(found(["パン"], in: "ﾊﾟﾝ") == ["ﾊﾟﾝ"])
  }

  @Test func kanaTermsDoNotEndInsideAVoicedKana() {
    // カ must not match the first half of カ + U+3099 (ガ written decomposed).
    #expect(found(["カ"], in: "カ\u{3099}ス") == [])
    #expect(found(["カ"], in: "ガス") == [])
  }

  // MARK: Korean

  @Test func koreanTermsMatchBeforeParticles() {
    #expect(found(["나토"], in: "나토는 동맹이다. 나토가, 나토의 결정, 나토에서") == ["나토", "나토", "나토", "나토"])
    #expect(found(["북한"], in: "북한은 북한이 북한을 북한으로부터") == ["북한", "북한", "북한", "북한"])
    #expect(found(["서울"], in: "서울로 간다") == ["서울"])
  }

  @Test func koreanParticlesMustFitTheFinalSyllable() {
    // 는/가/를 follow vowels, 은/이/을 consonants.
    #expect(found(["나토"], in: "나토은 나토이 나토을") == [])
    #expect(found(["북한"], in: "북한는 북한가 북한를") == [])
  }

  @Test func koreanParticlesChainUpToThree() {
    #expect(found(["나토"], in: "나토에서는 나토에게도 나토까지의") == ["나토", "나토", "나토"])
    #expect(found(["나토"], in: "나토에서는도의") == [])
  }

  @Test func koreanTermsStillNeedBoundaries() {
    // Not a particle: 나토리 is another word; 한 inside 대한민국 does not match.
    #expect(found(["나토"], in: "나토리 반나토") == [])
    #expect(found(["한국"], in: "대한국인") == [])
    #expect(found(["나토"], in: "(나토)") == ["나토"])
  }

  // MARK: Thai, Lao, Khmer, Myanmar

  @Test func thaiTermsMatchWithoutSpaces() {
    #expect(found(["กรุงเทพ"], in: "ฉันอยู่ที่กรุงเทพมหานคร") == ["กรุงเทพ"])
    #expect(
      found(["กรุงเทพ", "กรุงเทพมหานคร"], in: "ฉันอยู่ที่กรุงเทพมหานคร") == ["กรุงเทพมหานคร"])
  }

  @Test func thaiTermsNeverCutAVowelOrToneMark() {
    // ก + ิ (U+0E34) is one character: ก alone must not match it.
    #expect(found(["ก"], in: "กิน") == [])
    #expect(found(["นาโต"], in: "นาโต้") == [])  // ้ (tone mark) joins โต
    #expect(found(["นาโต้"], in: "องค์การนาโต้ประชุม") == ["นาโต้"])
  }

  @Test func laoKhmerAndMyanmarMatchWithoutSpaces() {
    #expect(found(["ນາໂຕ"], in: "ອົງການນາໂຕປະຊຸມ") == ["ນາໂຕ"])
    #expect(found(["ណាតូ"], in: "អង្គការណាតូ") == ["ណាតូ"])
    #expect(found(["နေတိုး"], in: "အဖွဲ့နေတိုးအစည်းအဝေး") == ["နေတိုး"])
  }

  // MARK: Full-width forms

  @Test func fullWidthLatinFoldsToASCII() {
    #expect(found(["NATO"], in: "ＮＡＴＯ和ｎａｔｏ") == ["ＮＡＴＯ", "ｎａｔｏ"])
    #expect(found(["ＮＡＴＯ"], in: "NATO") == ["NATO"])
    #expect(found(["G20"], in: "Ｇ２０峰会") == ["Ｇ２０"])
    // Full-width letters are Latin letters for boundaries.
    #expect(found(["NATO"], in: "ＮＡＴＯＳＴ") == [])
  }

  @Test func matchCaseComparesFullWidthLettersByTheirCase() {
    #expect(found(["WHO"], in: "ＷＨＯ ｗｈｏ Who", matchCase: true) == ["ＷＨＯ"])
  }

  // MARK: Arabic script

  @Test func arabicFoldsTatweelAndDiacritics() {
    #expect(found(["الناتو"], in: "قال حلف الناتـــو إن") == ["الناتـــو"])
    #expect(found(["الناتو"], in: "اَلنَّاتُو") == ["اَلنَّاتُو"])
    #expect(found(["اَلنَّاتُو"], in: "الناتو") == ["الناتو"])
  }

  @Test func trailingDiacriticsBelongToTheMatch() {
    // The link covers the last letter's harakat: it never cuts a character.
    #expect(found(["محمد"], in: "قال محمدٌ ذلك") == ["محمدٌ"])
  }

  @Test func arabicHamzaAndPersianLetterVariantsFold() {
    #expect(found(["اسرائیل"], in: "إسرائيل") == ["إسرائيل"])
    #expect(found(["پاکستان"], in: "پاكستان") == ["پاكستان"])  // keheh ک = kaf ك
    #expect(found(["ایران"], in: "إيران") == ["إيران"])
  }

  @Test func arabicStillNeedsWordBoundaries() {
    #expect(found(["ناتو"], in: "الناتو") == [])
    #expect(found(["ناتو"], in: "«ناتو»") == ["ناتو"])
    // Alef maksura stays distinct from yeh.
    #expect(found(["على"], in: "علي") == [])
  }

  @Test func urduMatchesWithItsOwnLetters() {
    #expect(found(["پاکستان"], in: "پاکِستان کی حکومت") == ["پاکِستان"])
    #expect(found(["حکومت"], in: "پاکستان کی حكومت نے") == ["حكومت"])
  }

  // MARK: Latin with diacritics, Cyrillic, Greek, Devanagari

  @Test func latinWithDiacriticsKeepsItsBoundaries() {
    #expect(found(["São Paulo"], in: "em São Paulo, SÃO PAULO") == ["São Paulo", "SÃO PAULO"])
    #expect(found(["Curaçao"], in: "Curaçaoan Curaçao's") == ["Curaçao's"])
    #expect(found(["Sao"], in: "São") == [])
    #expect(found(["Reykjavík"], in: "Reykjavíkur") == [])
  }

  @Test func otherSpacedScriptsKeepTheirBoundaries() {
    #expect(found(["НАТО"], in: "НАТО и НАТОвский") == ["НАТО"])
    #expect(found(["ΝΑΤΟ"], in: "το ΝΑΤΟ, ΝΑΤΟϊκός") == ["ΝΑΤΟ"])
    #expect(found(["नाटो"], in: "नाटो का नाटोवाद") == ["नाटो"])
    // A combining vowel sign (ि) is part of the word: no match inside it.
    #expect(found(["भारत"], in: "भारती भारत") == ["भारत"])
  }

  @Test func cyrillicTermBesideChineseIsBounded() {
    #expect(found(["НАТО"], in: "在НАТО的") == ["НАТО"])
  }

  // MARK: Offsets

  @Test func rangesCoverTheOriginalTextExactly() {
    let text = "ＮＡＴＯ与北约组织、الناتـو ونَاتُو"
    let matcher = TermMatcher(patterns: [
      TermPattern(text: "NATO", entryID: "nato"), TermPattern(text: "北约组织", entryID: "nato-zh"),
      TermPattern(text: "الناتو", entryID: "nato-ar"),
    ])
    let bytes = Array(text.utf8)
    let pieces = matcher.matches(in: text).map {
      ($0.entryID, String(decoding: bytes[$0.range], as: UTF8.self))
    }
    #expect(pieces.map(\.0) == ["nato", "nato-zh", "nato-ar"])
    #expect(pieces.map(\.1) == ["ＮＡＴＯ", "北约组织", "الناتـو"])
  }

  @Test func foldingTableAgreesWithUnicode() {
    // Every kana decomposition is canonical: Swift compares strings canonically.
    for (composed, base) in ScriptFolding.kanaDecomposition {
      #expect(
        String(Unicode.Scalar(composed)!) == String(Unicode.Scalar(base)!) + "\u{3099}")
    }
    for (composed, base) in ScriptFolding.kanaSemiVoicedDecomposition {
      #expect(
        String(Unicode.Scalar(composed)!) == String(Unicode.Scalar(base)!) + "\u{309A}")
    }
    #expect(ScriptFolding.kanaDecomposition.count == 48)
    #expect(ScriptFolding.kanaSemiVoicedDecomposition.count == 10)
    #expect(ScriptFolding.halfWidthKatakana.count == 0xFF9F - 0xFF61 + 1)
    #expect(ScriptFolding.fold("ｱｲｳｴｵ") == "アイウエオ")
  }
}
