"""Build small existing-report inputs (.docx, HTML) in tests: the official grids of assistant.formats with merges."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.formats import GridCell, load_format
from assistant.model import Amount, Report

NARRATIVE = {
    "overview": ["2024年，我镇认真贯彻落实《条例》，主动公开、依申请公开、政府信息管理、平台建设、监督保障各项工作有序推进。"],
    "problems": ["一是政策解读形式单一。下一步，我镇将丰富解读形式。"],
    "other": ["本年度未收取信息处理费。"],
}


def cell_text(report: Report, cell: GridCell, blank: set[str]) -> str:
    if cell.path is None:
        return cell.text
    if cell.path in blank:
        return ""
    value = report.tables.get(cell.path)
    if isinstance(value, Amount):
        return format(value.value.normalize(), "f")
    return "" if value is None else str(value)


def grids(report: Report) -> dict[str, list[GridCell]]:
    fmt = load_format(report.table_format)
    return {"t2": fmt.t2_grid(), "t3": fmt.t3_grid(), "t4": fmt.t4_grid()}


def sections(report: Report) -> list[tuple[str, str, str | None]]:
    """(key, title, table) of the six sections."""
    return [(s.key, s.title, s.table) for s in load_format(report.table_format).sections]


def build_docx(report: Report, path: Path, blank: set[str] = frozenset(),  # type: ignore[assignment]
               split_header: bool = False) -> Path:
    """A Word report of ``report``'s figures: title, opening, six sections, merged-cell tables."""
    import docx

    document = docx.Document()
    meta = report.meta
    document.add_paragraph(f"{meta.organ_name}{meta.year}年政府信息公开工作年度报告")
    document.add_paragraph(f"本报告由{meta.organ_name}编制。统计期限自{meta.year}年1月1日至{meta.year}年12月31日。")
    for key, title, table in sections(report):
        document.add_paragraph(title)
        for text in NARRATIVE.get(key, []):
            document.add_paragraph(text)
        if table:
            cells = grids(report)[table]
            rows = max(c.row + c.rowspan for c in cells)
            cols = max(c.col + c.colspan for c in cells)
            t = document.add_table(rows=rows, cols=cols)
            for c in cells:
                target = t.cell(c.row, c.col)
                if c.rowspan > 1 or c.colspan > 1:
                    target = target.merge(t.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
                text = cell_text(report, c, blank)
                if split_header and c.kind == "header" and len(text) == 4:
                    text = "\n".join(text)  # 结\n果\n维\n持: a label broken per character
                target.text = text
    document.save(str(path))
    return path


def html_table(report: Report, table: str, blank: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    cells = grids(report)[table]
    rows: dict[int, list[GridCell]] = {}
    for c in cells:
        rows.setdefault(c.row, []).append(c)
    out = ['<table border="1" class="data">']
    for r in sorted(rows):
        out.append("<tr>")
        for c in sorted(rows[r], key=lambda x: x.col):
            span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1
                                                                            else "")
            text = cell_text(report, c, blank) or "&nbsp;"
            out.append(f"<td{span}>{text}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def build_html(report: Report, blank: set[str] = frozenset(),  # type: ignore[assignment]
               wrap: Callable[[str], str] | None = None) -> str:
    """A government page: navigation chrome, then the article in a layout table (tables nested in tables)."""
    meta = report.meta
    body = [f"<h1>{meta.organ_name}{meta.year}年政府信息公开工作年度报告</h1>",
            f"<p>本报告由{meta.organ_name}编制。统计期限自{meta.year}年1月1日至{meta.year}年12月31日。</p>"]
    for key, title, table in sections(report):
        body.append(f"<p><strong>{title}</strong></p>")
        body.extend(f"<p>{text}</p>" for text in NARRATIVE.get(key, []))
        if table:
            body.append(html_table(report, table, blank))
    article = "\n".join(body)
    if wrap is not None:
        article = wrap(article)
    chrome: Any = (
        "<div class='nav'><a href='/'>首页</a> &gt; <a href='/zwgk'>政务公开</a> &gt; 政府信息公开年报</div>"
        "<div class='side'><ul><li>政府信息公开指南</li><li>政府信息公开制度</li><li>法定主动公开内容</li></ul></div>"
    )
    return (f"<html><head><meta charset='utf-8'><title>{meta.year}年报_示范县人民政府</title>"
            f"<script>var x = '一、总体情况';</script></head><body>{chrome}"
            f"<table class='layout'><tr><td class='left'>栏目导航</td><td class='main'><div class='article'>{article}"
            f"</div></td></tr></table><div class='footer'>主办：示范县人民政府办公室 联系电话：0795-0000000</div>"
            f"</body></html>")


# --- random reports (page layout tests) ---------------------------------------------------------------------------

NOTE_POOL = {
    "proactive": ["通过门户网站专栏发布政府信息{n}条，通过政务微信公众号发布信息{m}条",
                  "在村务公开栏、社区公告栏公开惠民补贴发放、低保评议等信息",
                  "围绕乡村振兴、就业创业、医疗保障等重点领域做好政策解读，发布解读材料{n}篇",
                  "政务公开事项的办事依据、办事程序和办事结果通过多种形式向群众公开"],
    "on_request": ["严格按照法定时限答复，答复前与申请人电话沟通、确认申请内容",
                   "规范依申请公开受理、登记、审核、答复、归档各环节"],
    "management": ["落实“三审三校”和保密审查制度，公开前做好保密审查",
                   "对本机关行政规范性文件开展清理",
                   "安排专人负责政务资料的收集、整理和上报，对公开内容进行动态管理"],
    "platform": ["维护政府门户网站专栏，更新“政策文件”“财政预决算”等栏目",
                 "在便民服务中心设置政务公开查阅点，方便群众查阅",
                 "通过信息公告栏、电子信息屏等渠道发布政府信息"],
    "oversight": ["将政务公开纳入年度考核", "组织政务公开业务培训{k}次", "本年度未发生政府信息公开工作责任追究情况",
                  "对因未审查或审查不严导致不良影响或后果的，严肃追究责任"],
    "problems": ["政策解读形式较为单一，图解、视频解读较少", "部分公开内容更新不够及时",
                 "对信息公开工作认识不足，政府信息公开的尺度难以把握"],
    "measures": ["丰富政策解读形式，重要政策同步发布图解解读", "加强业务学习，提高信息员业务能力",
                 "拓宽宣传渠道，运用新媒体加大信息公开力度", "加强对基层公开栏的指导和督查"],
    "other": ["认真办理人大代表建议和政协委员提案，办理结果依法公开", "本年度未收取信息处理费"],
}
PLACE_NAMES = ["青石", "竹亭", "东街", "白云山", "新桥", "南湖", "长岭", "金沙河", "柳溪", "石门"]


def random_report_data(rng: Any, version: int) -> dict[str, Any]:
    """Input data of a random, consistent report in a format (``rng``: a ``random.Random``): tables whose
    勾稽关系 hold, notes of varied length, contact details with web and e-mail addresses and phone numbers."""
    fmt = load_format(version)
    small = lambda: rng.randint(0, 30)  # noqa: E731
    t2: dict[str, dict[str, Any]] = {}
    for _block, row, column in fmt.t2_cells():
        value: Any = {"count": small, "signed": lambda: rng.randint(-5, 5),
                      "amount": lambda: f"{rng.randint(0, 500000) / 100:.2f}"}[column.type]()
        t2.setdefault(row.key, {})[column.key] = 0 if row.key == "rules" else value  # towns make no 规章
    t3: dict[str, dict[str, int]] = {k: {} for k in fmt.t3_row_keys}
    for col in fmt.applicant_keys:
        results = {r: small() if rng.random() < 0.3 else 0 for r in fmt.result_keys}
        carried_forward = rng.randint(0, 3)
        handled = sum(results.values()) + carried_forward
        carried_over = rng.randint(0, handled)
        for r, n in results.items():
            t3[r][col] = n
        t3["result_total"][col] = sum(results.values())
        t3["carried_forward"][col] = carried_forward
        t3["carried_over"][col] = carried_over
        t3["new_received"][col] = handled - carried_over
    t4 = {g: {c: rng.randint(0, 3) for c in fmt.t4_part_keys} for g in fmt.t4_group_keys}
    place = rng.choice(PLACE_NAMES)
    kind = rng.choice(["乡镇", "街道"])
    organ = f"示范县{place}{'镇人民政府' if kind == '乡镇' else '街道办事处'}"
    year = rng.choice([2019, 2020] if version == 2019 else [2021, 2022, 2023, 2024])
    contact: dict[str, Any] = {"address": f"{organ}党政办公室", "phone": f"0795-{rng.randint(1000000, 9999999)}"}
    if rng.random() < 0.6:
        contact["email"] = f"{rng.choice(['xxgk', 'dzb', 'zwgk'])}{rng.randint(1, 99)}@example.gov.cn"
    notes = {aspect: [s.format(n=rng.randint(10, 300), m=rng.randint(5, 120), k=rng.randint(1, 9))
                      for s in rng.sample(pool, rng.randint(0, len(pool)))]
             for aspect, pool in NOTE_POOL.items()}
    meta: dict[str, Any] = {
        "organ_name": organ, "organ_kind": kind, "short_name": f"{place}{'镇' if kind == '乡镇' else '街道'}",
        "parent_government": "示范县人民政府", "year": year, "contact": contact,
        "website": rng.choice(["示范县人民政府门户网站（https://www.shifan.gov.cn/）",
                               f"示范县人民政府网站“政府信息公开”专栏（http://www.shifan.gov.cn/xxgk/{place}/）"]),
    }
    if rng.random() < 0.7:
        meta["sign_date"] = f"{year + 1}-01-{rng.randint(10, 31)}"
    return {"meta": meta, "tables": {"t2": t2, "t3": t3, "t4": t4}, "notes": notes}
