"""spec-scaffold: turn an approved tech spec into the first commit of the work."""

__version__ = "0.1.0"
