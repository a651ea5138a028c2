"""MkDocs hook modules shipped in the package.

A blog's ``mkdocs.yml`` lists two hook files of one import each::

    hooks:
      - hooks/check.py   # from proofpress.hooks.check import *
      - hooks/site.py    # from proofpress.hooks.site import *

The check hook proves every post and works alone on any MkDocs site; the site hook builds the
DEV-style site from the proven posts and refuses to run without the check hook.
"""
