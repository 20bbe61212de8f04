"""Suite-wide settings: quiet Material's end-of-life banner in every build a test runs."""

import os

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
