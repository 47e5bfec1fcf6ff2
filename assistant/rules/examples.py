"""Rule examples as data: each rule's firing and quiet examples, kept beside its module in ``<module>.examples.yaml``.

An example is a small report built on the embedded sample (示范县青石镇人民政府, 2024, 2021 format) with:
- ``text``/``section``: the paragraphs of one section (default overview), ``title``, ``preamble``, ``closing``;
  ``sections``: [heading, paragraphs] pairs instead of the six standard sections;
- ``figures``: table cells to set ({"t4.review.corrected": 1}); ``meta``: organ_name, organ_kind, year …;
- ``report``: a whole report text, read as an existing report (organ, year and tables as a reader finds them);
  ``textless_pages``: with it, pages of the PDF it was read from that had no text layer;
- ``previous``: cells of last year's report (the sample with these cells set), for the cross-year rules;
  ``previous_text``: with it, last year's report has a narrative of that one ``section``;
- ``batch_units``: the names of the units of a batch the report is checked in (O7);
- ``notes``: the staff's notes added to the sample's, by aspect (L2; ``{only: [...]}`` instead of the sample's); ``fallbacks``: parts of a model draft replaced
  by the template (L1); ``model_text``: a model paragraph whose
  placeholders are filled (L3); ``drop``: input fields left empty before drafting (D.missing).
A firing example makes the rule report at least one failing finding (or the ``status`` it names; with ``findings``,
exactly the failing or uncertain findings it lists, each a severity, status and message); a quiet example makes it
report none. ``nianbao rules --id C3`` prints them; one test runs them all.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from assistant.model import SEVERITY_LABELS, STATUS_LABELS, Amount, Document, Draft, Fallback, Finding, Location, Report
from assistant.resources import data_dir

_HERE = Path(__file__).resolve().parent
EXAMPLE_FILES = (_HERE, _HERE.parent / "drafting")

# The standard six sections with short, rule-abiding text (the base every text example changes).
STANDARD_SECTIONS: list[tuple[str, str, list[str]]] = [
    ("overview", "一、总体情况", [
        "2024年，青石镇认真贯彻《中华人民共和国政府信息公开条例》，扎实做好主动公开、依申请公开、政府信息管理、"
        "政府信息公开平台建设和监督保障等工作，将政务公开纳入年度考核，开展社会评议，本年度未发生责任追究情况。"]),
    ("proactive", "二、主动公开政府信息情况", []),
    ("requests", "三、收到和处理政府信息公开申请情况", []),
    ("appeals", "四、政府信息公开行政复议、行政诉讼情况", []),
    ("problems", "五、存在的主要问题及改进情况", ["一是政策解读形式较为单一；二是部分村级公开内容更新不够及时。"]),
    ("other", "六、其他需要报告的事项", ["本年度未收取信息处理费。"]),
]


@dataclass(frozen=True)
class RuleExamples:
    rule: str
    firing: tuple[dict[str, Any], ...]
    quiet: tuple[dict[str, Any], ...]
    source: str  # the file that declares them


@cache
def load_examples() -> dict[str, RuleExamples]:
    """Every declared example, by rule id."""
    out: dict[str, RuleExamples] = {}
    for folder in EXAMPLE_FILES:
        for path in sorted(folder.glob("*.examples.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for rule_id, entry in data.items():
                if rule_id in out:
                    raise ValueError(f"{path.name}: rule {rule_id} has examples in {out[rule_id].source} too")
                out[str(rule_id)] = RuleExamples(
                    str(rule_id), tuple(_as_example(e) for e in entry.get("firing") or ()),
                    tuple(_as_example(e) for e in entry.get("quiet") or ()), path.name)
    return out


def _as_example(entry: Any) -> dict[str, Any]:
    return {"text": entry} if isinstance(entry, str) else dict(entry or {})


SAMPLE = "sample-town-2024"  # 示范县青石镇人民政府, 乡镇, 2024, 2021 format
ZHUTING = "zhuting-2020"  # 袁州区竹亭镇人民政府, 乡镇, 2020, 2019 format (``base: zhuting-2020``)


@cache
def _sample_data(name: str = SAMPLE) -> dict[str, Any]:
    with (data_dir("examples") / f"{name}.yaml").open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def _report(meta: dict[str, Any] | None = None, figures: dict[str, Any] | None = None,
            drop: list[str] | None = None, base: str = SAMPLE, notes: dict[str, list[str]] | None = None) -> Report:
    from assistant.readers.inputfile import report_from_data

    data = copy.deepcopy(_sample_data(base))
    data["meta"].update({k: v for k, v in (meta or {}).items() if v is not None})
    for aspect, items in (notes or {}).items():  # notes added to the sample's ({only: [...]}: instead of them)
        kept = [] if isinstance(items, dict) else data["notes"].get(aspect) or []
        data.setdefault("notes", {})[aspect] = [*kept, *(items["only"] if isinstance(items, dict) else items)]
    for dotted in drop or ():
        *parents, last = dotted.split(".")
        node = data
        for key in parents:
            node = node.get(key) or {}
        if isinstance(node, dict):
            node.pop(last, None)
    report = report_from_data(data, "规则示例")
    for path, value in (figures or {}).items():
        report.tables.set(path, Amount(**value) if isinstance(value, dict) else value)
    return report


def example_document(example: dict[str, Any]) -> Document:
    """The document an example describes (see the module docstring)."""
    if "report" in example:
        from assistant.readers.existing import document_from_lines
        from assistant.readers.files import NotedLines
        from assistant.readers.pdf import note_textless_pages

        lines = NotedLines(str(example["report"]).split("\n"))
        note_textless_pages(lines, list(example.get("textless_pages", ())))  # a PDF's pages without a text layer
        return document_from_lines(lines, "规则示例")
    base = example.get("base", SAMPLE)
    report = _report(example.get("meta"), example.get("figures"), base=base, notes=example.get("notes"))
    section = example.get("section", "overview")
    paragraphs = example.get("text")
    sections = [{"heading": h, "paragraphs": ps} for h, ps in example.get("sections", ())]
    if base != SAMPLE and paragraphs is None and not sections:
        paragraphs = [f"{report.meta.year}年，我镇扎实推进政府信息公开工作。"] if section == "overview" else None
    for key, heading, standard in STANDARD_SECTIONS if not sections else ():
        body = standard
        if key == section and paragraphs is not None:
            body = [paragraphs] if isinstance(paragraphs, str) else list(paragraphs)
        sections.append({"heading": heading, "key": key, "paragraphs": body})
    default_title = f"{report.meta.organ_name}{report.meta.year}年政府信息公开工作年度报告"
    draft = Draft(title=example.get("title", default_title), preamble=example.get("preamble", []),
                  sections=sections, closing=example.get("closing", []))
    draft.provenance.fallbacks = [Fallback(**f) for f in example.get("fallbacks", ())]
    doc = Document(report=report, draft=draft, batch_units=tuple(example.get("batch_units", ())))
    if "previous" in example:
        previous_base = example.get("previous_base", base)
        previous = _report({"year": report.meta.year - 1 if previous_base == base else None,
                            **example.get("previous_meta", {})}, example["previous"], base=previous_base)
        doc.previous = Document(report=previous)
        if "previous_text" in example:  # last year's narrative: this year's with one section's paragraphs replaced
            before = example["previous_text"]
            doc.previous.draft = draft.model_copy(deep=True, update={"title": default_title.replace(
                str(report.meta.year), str(previous.meta.year))})
            for past in doc.previous.draft.sections:  # only that section is compared
                past.paragraphs = ([before] if isinstance(before, str) else list(before)) if past.key == section else []
    return doc


def example_findings(rule_id: str, example: dict[str, Any]) -> list[Finding]:
    """The findings of rule ``rule_id`` on an example."""
    if "drop" in example:  # the drafter's own findings (D.missing), before G1 takes over the gaps in the text
        from assistant.drafting import get_drafter, missing_fact_findings

        report = _report(example.get("meta"), example.get("figures"), example["drop"])
        return [f for f in missing_fact_findings(report, get_drafter("template").draft(report)) if f.rule == rule_id]
    if "model_text" in example:  # a model's paragraph with placeholders (L3)
        from assistant.drafting.llm import placeholder_finding
        from assistant.facts import FactSheet

        report = _report(example.get("meta"))
        text, unknown = FactSheet(report).fill_known(str(example["model_text"]))
        found = [placeholder_finding("overview", 0, fid) for fid in unknown]
        if rule_id.startswith("M"):  # the firewall's checks on model text (assistant/drafting/firewall.py)
            from assistant.drafting.firewall import FirewallContext, check_paragraph, fill_tracked

            section = example.get("section", "overview")
            firewall = FirewallContext(report, FactSheet(report), section)
            filled, spans, _unknown = fill_tracked(str(example["model_text"]), firewall.facts)
            found += check_paragraph(firewall, 0, filled, spans)
            if rule_id == "M13":  # the section's required elements, against the template's text of it
                from assistant.drafting.firewall import element_findings
                from assistant.drafting.template import TemplateDrafter

                base = TemplateDrafter().draft(report)
                template = base.preamble if section == "preamble" else base.section(section).paragraphs  # type: ignore[union-attr]
                found += element_findings(section, [filled], template)
        return [f for f in found if f.rule == rule_id]
    from assistant.pipeline import check_document

    return [f for f in check_document(example_document(example)) if f.rule == rule_id]


def fires(rule_id: str, example: dict[str, Any]) -> bool:
    """Whether the rule reports what a firing example expects (a failure, or the status the example names; with
    ``findings``, exactly those failing or uncertain findings: severity, status and message)."""
    found = example_findings(rule_id, example)
    if "findings" in example:
        return claimed(found) == expected_findings(example)
    wanted = example.get("status", "fail")
    return any(f.status == wanted for f in found)


def expected_findings(example: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The exact findings a firing example lists: (severity, status, message), status "fail" unless named."""
    return [(str(e["severity"]), str(e.get("status", "fail")), str(e["message"])) for e in example["findings"]]


def claimed(findings: list[Finding]) -> list[tuple[str, str, str]]:
    """(severity, status, message) of the findings that claim something (failing or uncertain)."""
    return [(f.severity, f.status, f.message) for f in findings if f.status in ("fail", "uncertain")]


def is_quiet(rule_id: str, example: dict[str, Any]) -> bool:
    """Whether the rule reports nothing on a quiet example: no failure, and no question (uncertain) either."""
    return not any(f.status in ("fail", "uncertain") for f in example_findings(rule_id, example))


def describe(example: dict[str, Any]) -> str:
    """A one-line Chinese description of an example, for ``nianbao rules --id``."""
    parts = []
    if "report" in example:
        parts.append("整篇报告：" + " ".join(str(example["report"]).split("\n")[:3]) + " …")
    if "text" in example:
        text = example["text"]
        where = Location(section=example.get("section", "overview")).describe()
        parts.append(f"［{where}］" + ("".join(text) if isinstance(text, list) else text))
    for key, label in (("title", "标题"), ("preamble", "开头"), ("closing", "落款"), ("model_text", "模型文字")):
        if key in example:
            value = example[key]
            parts.append(f"{label}：" + ("".join(value) if isinstance(value, list) else str(value)))
    for key, label in (("meta", "机关信息"), ("figures", "表格"), ("previous", "上年度表格")):
        if key in example:
            parts.append(f"{label}：" + ("，".join(f"{_cell_label(k)}＝{_value(v)}" for k, v in example[key].items())
                                        or "与本年相同"))
    if "notes" in example:
        parts.append("工作情况说明：" + "；".join(n for items in example["notes"].values()
                                            for n in (items["only"] if isinstance(items, dict) else items)))
    if "fallbacks" in example:
        parts.append("模板替换：" + "；".join(f["reason"] for f in example["fallbacks"]))
    if "drop" in example:
        parts.append(("输入中未填写：" + "、".join(example["drop"])) if example["drop"] else "输入完整")
    if "status" in example:
        parts.append(f"（结果为“{STATUS_LABELS[example['status']]}”）")
    if "findings" in example:
        parts.append("应报告：" + "；".join(f"〔{SEVERITY_LABELS.get(sev, sev)}〕{message}"
                                          for sev, _status, message in expected_findings(example)))
    return "；".join(parts) or "示例报告原样"


def _cell_label(path: str) -> str:
    from assistant.formats import load_format

    if not path.startswith(("t2.", "t3.", "t4.")):
        return path
    for version in (2021, 2019):
        try:
            label = load_format(version).label(path)
        except (KeyError, ValueError, StopIteration):
            continue
        if label != path:
            return label
    return path


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return f"{value.get('value')}{value.get('unit', '')}"
    return "空白" if value is None else str(value)


__all__ = ["RuleExamples", "load_examples", "example_document", "example_findings", "fires", "is_quiet",
           "expected_findings", "claimed", "describe", "STANDARD_SECTIONS"]
