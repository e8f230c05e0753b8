// Every test here builds its sites with the shared builder.
@_exported import GlossTestSupport
