import Gloss
import Hummingbird

/// Placeholder namespace; `gloss serve` lands here (issue: dev server).
public enum GlossServer {}
