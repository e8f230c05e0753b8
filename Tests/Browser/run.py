"""Runs the browser tests: `python3 Tests/Browser/run.py [name-fragment ...]`.
Prints one line per test and closes with `N passed, M failed`; exit status 1 on any failure."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402
import test_reading  # noqa: E402,F401  (registers its tests)
import test_conformance  # noqa: E402,F401
import test_publishing  # noqa: E402,F401
import test_search  # noqa: E402,F401
import test_languages  # noqa: E402,F401

if __name__ == "__main__":
    sys.exit(harness.run(sys.argv[1:]))
