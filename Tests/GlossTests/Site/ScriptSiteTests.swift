import Foundation
import Testing

@testable import Gloss

@Suite("A Chinese article links its glossary terms")
struct ScriptSiteTests {
  @Test("习近平 and 北约 link to their entries, their previews appear, and no entry goes unmentioned")
  func chineseArticle() throws {
    let site = try TestSite(
      """
      -- Content/site.yml --
      title: 词汇表
      base_url: https://example.org/
      language: zh
      link_policy: every
      -- Content/articles/a.md --
      ---
      title: 北约峰会
      ---
      习近平在会见时表示，北约不应东扩；他还谈到了北约组织的未来和ＮＡＴＯ的作用。
      """
        + entry("xi-jinping", term: "习近平", body: "中国国家主席。")
        + entry("nato", term: "北约", aliases: ["NATO"], body: "北大西洋公约组织。")
        + entry("nato-org", term: "北约组织", body: "较长的词条。"))
    let report = try site.build()
    #expect(report.diagnostics.map(\.description) == [])
    let html = try site.read("Site/articles/a/index.html")
    func link(_ id: String, _ text: String) -> String {
      #"<a class="term" href="../../glossary/\#(id)/index.html" data-term="\#(id)" aria-describedby="tip-\#(id)">\#(text)</a>"#
    }
    #expect(html.contains(link("xi-jinping", "习近平") + "在会见时表示，"))
    #expect(html.contains("，" + link("nato", "北约") + "不应东扩"))
    // The longer entry is not split by the shorter one; full-width ＮＡＴＯ is the alias NATO.
    #expect(html.contains("谈到了" + link("nato-org", "北约组织") + "的未来"))
    #expect(html.contains("和" + link("nato", "ＮＡＴＯ") + "的作用"))
    // The previews of every linked entry are on the page.
    #expect(html.contains(#"<div id="tip-xi-jinping">About 习近平.</div>"#))
    #expect(html.contains(#"<div id="tip-nato">About 北约.</div>"#))
    #expect(html.contains(#"<div id="tip-nato-org">About 北约组织.</div>"#))
  }

  @Test("only the entry no article mentions is warned about, not the Chinese ones")
  func warningOnlyForTrulyUnmentionedEntries() throws {
    let site = try TestSite(
      minimalSite + "\n"
        + "-- Content/articles/a.md --\n---\ntitle: A\n---\n习近平会见了北约秘书长。\n"
        + entry("xi-jinping", term: "习近平") + entry("nato", term: "北约")
        + entry("aukus", term: "AUKUS"))
    let report = try site.build()
    #expect(
      report.diagnostics.map(\.description) == [
        "Content/glossary/aukus.md:2:7: warning: no article mentions 'AUKUS' and no mentioned entry links to it in see_also"
      ])
  }
}
