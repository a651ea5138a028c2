# Managed by Proofpress: `proofpress init --refresh` rewrites it; delete this line to own it.
"""MkDocs hook: prove every post before anything renders (logic in ``proofpress``)."""

from proofpress.hooks.check import *  # noqa: F403
