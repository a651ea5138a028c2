# Managed by Proofpress: `proofpress init --refresh` rewrites it; delete this line to own it.
"""MkDocs hook: the DEV-style site from the proven posts (logic in ``proofpress``)."""

from proofpress.hooks.site import *  # noqa: F403
