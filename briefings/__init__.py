"""Briefings: a static site generator for curated news briefings.

The pipeline, one module per step: :mod:`.load` (files → articles and problems),
:mod:`.group` (articles → briefings, topics, tags, archive), :mod:`.render`
(site model → Markdown pages), then MkDocs through :mod:`.plugin`.
"""

__version__ = "0.1.0"
