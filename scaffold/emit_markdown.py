"""Moved to :mod:`scaffold.writers.markdown`; kept so existing imports work."""

from .writers.markdown import go_decls, go_source, to_markdown, ts_blocks, ts_source

__all__ = ["to_markdown", "go_source", "go_decls", "ts_source", "ts_blocks"]
