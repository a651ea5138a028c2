"""MkDocs hook: prove every post before anything renders (logic in ``proofpress``)."""

from proofpress.hooks.check import *  # noqa: F403
