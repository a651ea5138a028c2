"""MkDocs hook: the DEV-style site from the proven posts (logic in ``proofpress``)."""

from proofpress.hooks.site import *  # noqa: F403
