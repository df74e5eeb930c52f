"""Intake: read plans, resolutions and spreadsheets, and turn them into ledger rows.

The readers and parsers in this package (``readers``, ``resolution``, ``matrix``, ``parsing``)
are pure Python and import no Django; the import services build on them.
"""
