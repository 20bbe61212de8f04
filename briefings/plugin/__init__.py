"""The MkDocs adapter: plugin options (:mod:`.config`) and build events (:mod:`.plugin`)."""

from .plugin import BriefingsPlugin

__all__ = ["BriefingsPlugin"]
