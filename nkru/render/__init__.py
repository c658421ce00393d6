"""The output layer: the only place that formats.

A command builds a ``Listing`` (``nkru.render.listing``) once; any format in the registry
(``nkru.render.formats``) renders it, and ``nkru.render.emit`` writes it. The core never
imports this package.
"""
