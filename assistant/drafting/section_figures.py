"""Where a report tells each figure of its tables in words (each count once), for every drafter.

一、总体情况 tells the figures of tables 二 and 三 in the aspects they belong to, as real reports do:

- （一）主动公开: table 二's items other than documents (行政许可、行政处罚 … decided, 政府集中采购 …);
- （二）依申请公开: table 三 (received by applicant, carried over, handled by result, carried forward);
- （三）政府信息管理: table 二's documents (规章、行政规范性文件 made, repealed, in force).

二 and 三 only lead into their tables; 四 tells table 四 next to its table; 六 the 信息处理费. The template drafter
writes these places (:data:`FIGURE_ASPECTS` names its writers' aspects) and the model drafter is offered exactly these
figures per section (:func:`section_fact_ids`), so the two drafters agree on where a count is told.
"""

from __future__ import annotations

from assistant.formats import Column, TableFormat

# The aspects of 总体情况 that tell table figures, in their order.
FIGURE_ASPECTS = ("proactive", "on_request", "management")


def natural_person_column(fmt: TableFormat) -> Column:
    """Table 三's 自然人 column (the first applicant column outside the 法人或其他组织 group)."""
    return next(c for c in fmt.t3_columns if not c.group and not c.is_total)


def aspect_fact_ids(fmt: TableFormat, aspect: str) -> list[str]:
    """The fact ids of the table figures one aspect of 总体情况 tells (none for the others)."""
    if aspect == "proactive":
        return [f"t2.{row.key}.{col.key}" for block in fmt.t2_blocks[1:] for row in block.rows for col in block.columns]
    if aspect == "management":
        block = fmt.t2_blocks[0]
        return [f"t2.{row.key}.{col.key}" for row in block.rows for col in block.columns]
    if aspect == "on_request":
        by_applicant = [f"t3.new_received.{natural_person_column(fmt).key}", "t3.new_received.organizations"]
        rows = [f"t3.{key}.total" for key in fmt.t3_row_keys]
        groups = [f"t3.{key}.total" for key in fmt.t3_group_labels]
        return [*by_applicant, *rows, *groups]
    return []


def section_fact_ids(fmt: TableFormat, key: str) -> list[str]:
    """The fact ids of the figures a section tells in words (preamble, 二, 三 and 五: none)."""
    if key == "overview":
        return [fid for aspect in FIGURE_ASPECTS for fid in aspect_fact_ids(fmt, aspect)]
    if key == "appeals":
        return [f"t4.{group}.{col.key}" for group in ("review", "suit") for col in fmt.t4_columns]
    if key == "other":
        return ["fee.processing"]
    return []


__all__ = ["FIGURE_ASPECTS", "aspect_fact_ids", "natural_person_column", "section_fact_ids"]
