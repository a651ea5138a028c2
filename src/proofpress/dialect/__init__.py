"""DEV's Markdown dialect: what a post written for DEV means, for the checker and the site.

- :mod:`.reading` reads a body as DEV does (markdown-it-py set up as Forem sets up Redcarpet):
  one parse for the checks' outline and for the page;
- :mod:`.tree` turns that reading into the element tree Python-Markdown hands to MkDocs;
- :mod:`.liquid` finds Liquid tags outside code (python-liquid's lexer) and pairs blocks;
- :mod:`.tags` holds every supported tag's grammar and what it points to;
- :mod:`.findings` says what DEV would refuse (unknown tags, malformed arguments);
- :mod:`.extension` renders the dialect as a Python-Markdown extension
  (``markdown_extensions: [proofpress.dialect]``; the site hook adds it from the ``dialect``
  setting).
"""

from __future__ import annotations

from typing import Any

DIALECTS = ("dev", "markdown")  # the site setting's values; dev is the default


def makeExtension(**kwargs: Any) -> Any:
    from proofpress.dialect.extension import DevDialect

    return DevDialect(**kwargs)
