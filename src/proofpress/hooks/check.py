"""The check hook's events: prove every post before anything renders.

The events live in :mod:`proofpress.mkdocs_check`; its ``__all__`` names them.
"""

from proofpress.mkdocs_check import *  # noqa: F403
from proofpress.mkdocs_check import __all__ as __all__
