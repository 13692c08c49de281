"""Writers: a spec model → text in one of the spec's forms.

:mod:`.yaml` writes the YAML form (``scaffold convert --to yaml``), :mod:`.markdown`
the template's markdown (``--to md``) and the Go/TypeScript sources both use for
code. Readers (:mod:`scaffold.read`) never write; writers never read text.
"""
