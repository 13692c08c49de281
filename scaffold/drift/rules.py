"""The rules ``scaffold drift`` reports (a module of its own: importing it costs nothing)."""

from __future__ import annotations

#: Rule IDs drift reports, with a one-line summary.
RULES: dict[str, str] = {
    "DRIFT001": "a field Go sends is missing from the TS type",
    "DRIFT002": "a TS field that Go never sends",
    "DRIFT003": "field type differs from what Go sends",
    "DRIFT004": "optional mismatch (omitempty ↔ `?`)",
    "DRIFT005": "nullability mismatch (pointer, slice or map ↔ `| null`)",
    "DRIFT006": "enum members differ (Go consts / oneof ↔ TS union)",
    "DRIFT007": 'a TS field for a Go field tagged json:"-"',
    "DRIFT008": "array vs scalar",
    "DRIFT010": "a Go type drift cannot resolve (warning)",
    "DRIFT011": "a TS type drift cannot resolve (warning)",
    "DRIFT012": "a file that cannot be read or does not parse (warning)",
    "DRIFT013": "a Go type with its own MarshalJSON: wire shape unknown (warning)",
    "DRIFT014": "a paired type name not found (warning)",
    "DRIFT015": "several types with one name; the first is compared (warning)",
    "DRIFT016": "a path given on the command line yields no type",
    "DRIFT020": "a struct or type the spec declares is missing from the code",
    "DRIFT021": "a field the spec declares is missing from the code",
    "DRIFT022": "a field in the code that the spec does not declare",
    "DRIFT023": "a field differs from the spec",
    "DRIFT030": "a db-tagged field names a column the table does not have",
    "DRIFT031": "a NULL column read into a field that cannot hold NULL",
}

__all__ = ["RULES"]
