"""The one-direction flow of design.md, as functions the CLI, the UI and batch all call.

reader -> Report -> figure rules -> drafter -> Draft -> text rules -> renderer
"""

from __future__ import annotations

from assistant.model import Document, Finding
from assistant.rules import run_rules


def check_figures(doc: Document) -> list[Finding]:
    """The figure rules only (tables, plausibility, format): what ``nianbao validate`` runs."""
    return run_rules(doc, ("figures",))


def check_document(doc: Document) -> list[Finding]:
    """Figure rules and, when the document has a narrative, the text rules."""
    scopes = ["figures"]
    if doc.narrative is not None:
        scopes.append("text")
    return run_rules(doc, scopes)
