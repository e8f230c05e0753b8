import Testing

@testable import GlossServer

@Suite struct GlossServerPlaceholder {
  @Test func builds() { #expect(Bool(true)) }
}
