# Managed by Proofpress: `proofpress init --refresh` rewrites it; delete this line to own it.
"""MkDocs hook: the DEV-style site, with Proofpress's packaged templates."""

from proofpress.hooks.site import *  # noqa: F403
