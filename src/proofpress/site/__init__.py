"""The DEV-style site: URL layout, post catalog, page views, feeds and HTML sanitizing.

Nothing here reads front matter: it consumes the engine's validated ``Post`` and ``Author``
objects. ``proofpress.hooks.site`` translates MkDocs events into calls to these modules;
``hooks/site.py`` only re-exports its handlers.
"""
