/// What a build knows changed since the previous one.
public enum ChangeSet: Sendable, Hashable {
  /// Unknown: compare every file with what was loaded before (first build, lost events).
  case everything
  /// Absolute paths of files and folders that were created, written, moved or deleted.
  case paths(Set<String>)

  public static func + (lhs: ChangeSet, rhs: ChangeSet) -> ChangeSet {
    switch (lhs, rhs) {
    case (.paths(let a), .paths(let b)): .paths(a.union(b))
    default: .everything
    }
  }

  public var isEmpty: Bool {
    if case .paths(let paths) = self { return paths.isEmpty }
    return false
  }
}
