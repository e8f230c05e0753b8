/// The page servers show for an address the site lacks.
public struct NotFoundPage: TemplateModel {
  public var common: PageCommon

  public static let templateFields = TemplateFields<Self>("404 page", .embedding { $0.common })
}
