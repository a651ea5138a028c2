"""The site hook's events: the proven posts become the DEV-style site.

The events live in :mod:`proofpress.site.mkdocs_site`; its ``__all__`` names them.
"""

from proofpress.site.mkdocs_site import *  # noqa: F403
from proofpress.site.mkdocs_site import __all__ as __all__
