"""A post's page in DEV's dialect: what the site renders from DEV's reading of a body.

- :mod:`.tree` turns DEV's reading (:mod:`proofpress.reading.body`) into the element tree
  Python-Markdown hands to MkDocs;
- :mod:`.extension` renders the dialect as a Python-Markdown extension
  (``markdown_extensions: [proofpress.dialect]``; the site hook adds it from the ``dialect``
  setting): Liquid cards (tags found by :mod:`proofpress.body.liquid`), emoji, DEV's anchors;
- :mod:`.slug` is DEV's heading slug.
"""

from __future__ import annotations

from proofpress.dialect.extension import makeExtension

__all__ = ["makeExtension"]
