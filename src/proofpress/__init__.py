"""Proofpress: prove DEV-style posts before they ship.

The engine (reading, schema, rules, word counts) runs without MkDocs; the MkDocs
adapter in :mod:`proofpress.hooks` only translates build events into calls.
"""

__version__ = "0.1.0"
