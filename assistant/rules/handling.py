"""Handling rules: the text says applications were handled (均按时答复, 答复前与申请人沟通) while table 三 has none."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.drafting.note_text import tells_handling
from assistant.drafting.unfit_notes import no_applications
from assistant.rules.registry import Hit, RuleRun, rule
from assistant.rules.textscan import NARRATIVE, body, sentences, snippet

_SECTIONS = ("overview", "requests")  # where the year's handling is told (五 speaks of plans, 六 of other matters)


@rule("H1", "text_vs_table", "warning", "表三本年没有申请（新收0件、上年结转0件）时，正文不写申请已办理、已答复",
      scope="text", needs=(*NARRATIVE, "t3"))
def handling_without_applications(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    if not no_applications(doc.report):
        return
    for p in body(doc):
        if p.section not in _SECTIONS:
            continue
        for start, end, sentence in sentences(p.text):
            if tells_handling(sentence):
                yield Hit(
                    message="正文写了办理、答复申请的情况，但表三本年没有收到申请，也无上年结转",
                    location=p.location(start, end), evidence=snippet(p.text, start, end, width=40),
                    expected="本年未收到政府信息公开申请", found=sentence.strip()[:60],
                    suggestion="核对表三：确有申请的，改正表三；确无申请的，删去这句，写明“本年度未收到政府信息公开申请”",
                )
