"""The DEV round trip: import posts written for DEV, and cross-post this site's posts to DEV.

``sources`` reads DEV posts (files, an export, the API), ``importer`` writes them as posts of
this site, ``publish`` sends live posts to DEV's API through ``api``; ``markdown`` finds the
links, images and headings both directions rewrite; ``commands`` is what the CLI calls.
"""
