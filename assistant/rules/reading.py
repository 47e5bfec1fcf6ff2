"""What a reader noticed in an existing report (.docx/.pdf/.html/.txt): deviations, inferred values, unreadable tables."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.model import Document
from assistant.rules.registry import Hit, RuleRun, rule


def _notes(doc: Document, kind: str, suggestion: str) -> Iterator[Hit]:
    """A hit for each reading note of ``kind``, with the rule's suggestion."""
    for note in doc.reading:
        if note.kind == kind:
            yield Hit(message=note.message, location=note.location, evidence=note.evidence,
                      status="uncertain" if kind in ("unreadable", "undetermined") else "fail", suggestion=suggestion,
                      severity=note.severity)


@rule("RD1", "format", "warning", "表格结构与官方格式不符（增加小计行或列、合并或改动行、行标签或表头改字）")
def table_deviation(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    yield from _notes(doc, "deviation", "按官方格式（国办公开办函〔2021〕30号或〔2019〕60号）的表格行列填报，不增删行列、不改标签")


@rule("RD2", "completeness", "info", "未能从原文确定的报告信息（机关名称、年度），已按正文推断（依赖它们的校核只报“存疑”）")
def undetermined_meta(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    yield from _notes(doc, "undetermined", "标题应写明“机关名称＋年度＋政府信息公开工作年度报告”")


@rule("RD3", "completeness", "info", "表格内容无法可靠读出（如数字连写无法唯一拆分），相关校核无法进行")
def unreadable_table(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    yield from _notes(doc, "unreadable", "请提供原始 Word 文件或带表格线的网页，以便逐格读取")


@rule("RD4", "organ", "warning", "网页信息中的发布机关与报告机关不一致（疑为照搬或错挂）")
def source_organ(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    yield from _notes(doc, "source_organ", "核对报告由哪个机关发布，改正页面的来源或报告中的机关名称")


@rule("RD5", "completeness", "warning", "PDF 中有的页没有文字层（扫描件），其中的内容未能读取")
def textless_pages(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    for note in doc.reading:
        if note.kind == "textless":
            yield Hit(message=note.message, location=note.location,
                      suggestion="请提供 Word 原稿（.docx）或全部带文字层的 PDF，或先用 OCR 软件识别扫描页")
