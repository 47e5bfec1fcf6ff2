"""Outside reviewers' inputs (``tests/fixtures/review-*/``) and what the template drafter writes for them: the helpers
the tests on each reviewer's findings share."""

from __future__ import annotations

from pathlib import Path

from assistant.drafting.template import TemplateDrafter
from assistant.model import Draft, Report
from assistant.readers.inputfile import load_data, report_from_data

FIXTURES = Path(__file__).parent / "fixtures"


class ReviewInputs:
    """One reviewer's folder of inputs, each named by its file's stem ("07-clerk-notes")."""

    def __init__(self, folder: str) -> None:
        self.folder = FIXTURES / folder

    def report(self, name: str) -> Report:
        return report_from_data(load_data(self.folder / f"{name}.yaml"))

    def drafted(self, name: str) -> Draft:
        return TemplateDrafter().draft(self.report(name))

    def section(self, name: str, key: str) -> list[str]:
        """The paragraphs of one section of the draft (overview, proactive, …)."""
        found = self.drafted(name).section(key)
        assert found is not None, key
        return found.paragraphs
