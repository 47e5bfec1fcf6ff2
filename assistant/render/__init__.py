"""Renderers: Word document, review copy, findings."""
