"""The MkDocs hook modules a blog's ``hooks/*.py`` files import (one import each)."""
