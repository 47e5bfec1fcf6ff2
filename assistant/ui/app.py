"""The Gradio app: layout and wiring only; what happens is in handlers.py."""

from __future__ import annotations

import html
from typing import Any

import gradio as gr

from assistant.errors import InputError
from assistant.formats import section_titles
from assistant.model import CATEGORY_LABELS, NOTE_ASPECTS, ORGAN_KINDS, SEVERITY_LABELS, Contact, Finding, Report
from assistant.readers import INPUT_SUFFIXES, REPORT_SUFFIXES, suffix_list
from assistant.render.findings import summary_line
from assistant.ui import grids, handlers
from assistant.ui.escape import error_status, markdown_text, without_paths
from assistant.ui.login import LOCAL_USER, is_admin
from assistant.ui.tempfiles import discard_upload
from assistant.ui.workspace import Workspace

FINDING_HEADERS = ["序号", "严重程度", "类别", "规则", "位置", "说明", "复核", "备注", "指纹"]
SECTION_LABELS = ["标题与开头", *section_titles()]
META_FIELDS = [("organ_name", "机关名称"), ("short_name", "简称（如：竹亭镇）"), ("parent_government", "上级人民政府"),
               ("website", "电子版所在网站"), ("compiler", "编制单位")]
CONTACT_FIELDS = [(key, field.title or key) for key, field in Contact.model_fields.items()]  # 地址、邮编、电话、电子邮箱


def current_user(request: gr.Request | None) -> str:
    return (getattr(request, "username", None) or LOCAL_USER) if request else LOCAL_USER


def build_app(workspace: Workspace | None = None) -> gr.Blocks:
    """The whole UI. ``workspace`` defaults to ``NIANBAO_WORKSPACE`` (./workspace)."""
    ws = workspace or Workspace()

    with gr.Blocks(title="年报助手", analytics_enabled=False) as demo:
        unit_state = gr.State(None)
        gr.Markdown("## 年报助手 · 政府信息公开工作年度报告起草与校核")
        with gr.Row():
            unit_picker = gr.Dropdown(label="单位", choices=[], interactive=True, allow_custom_value=True, scale=3)
            refresh_btn = gr.Button("刷新单位列表", scale=1)
        status = gr.Markdown("", elem_id="nb-status")

        with gr.Tab("基本信息与表格", id="tab-tables"):
            with gr.Row():
                upload = gr.File(label=f"导入：输入文件、工作簿或上年年报（{suffix_list()}）",
                                 file_types=[*INPUT_SUFFIXES, *REPORT_SUFFIXES])
                example_btn = gr.Button("载入示例：竹亭镇 2020 年度")
            with gr.Row():
                url_box = gr.Textbox(label="或从网址导入上年年报（政府网站上的年报页面或 PDF/Word 附件链接）",
                                     placeholder="https://", scale=3, elem_id="nb-url")
                url_btn = gr.Button("从网址导入", scale=1, elem_id="nb-url-import")
            with gr.Row():
                meta_boxes = {key: gr.Textbox(label=label) for key, label in META_FIELDS[:2]}
                organ_kind = gr.Dropdown(label="机关类型", choices=list(ORGAN_KINDS), value="乡镇")
                year = gr.Number(label="报告年度", precision=0, value=2024)
            with gr.Row():
                meta_boxes |= {key: gr.Textbox(label=label) for key, label in META_FIELDS[2:]}
            with gr.Row():
                contact_boxes = {key: gr.Textbox(label=label) for key, label in CONTACT_FIELDS}
            gr.Markdown("总计列、（七）总计行和表四的总计由各分项自动计算。")
            t2 = gr.Dataframe(label=grids.table_label("t2"), headers=grids.t2_headers(), interactive=True,
                              static_columns=[0, 1, 2], elem_id="nb-t2")
            t3 = gr.Dataframe(label=grids.table_label("t3"), interactive=True,
                              static_columns=[0, 7], elem_id="nb-t3")
            t4 = gr.Dataframe(label=grids.table_label("t4"), interactive=True,
                              static_columns=[0, 5], elem_id="nb-t4")
            save_btn = gr.Button("保存并校核表格", variant="primary", elem_id="nb-save")
            figure_findings = gr.Dataframe(label="表格校核结果", headers=FINDING_HEADERS, interactive=False)

        with gr.Tab("起草", id="tab-draft"):
            with gr.Accordion("各方面的简要情况（每行一条）", open=True):
                note_boxes = {key: gr.Textbox(label=label, lines=2) for key, label in NOTE_ASPECTS.items()}
            with gr.Row():
                drafter = gr.Radio([("模板（离线）", "template"), ("语言模型", "llm")], value="template",
                                   label="起草方式（语言模型需先配置）")
                draft_btn = gr.Button("起草", variant="primary", elem_id="nb-draft")
            section_boxes = [gr.Textbox(label=label, lines=6, elem_id=f"nb-section-{i}") for i, label in
                             enumerate(SECTION_LABELS)]
            save_text_btn = gr.Button("保存修改并重新校核")
            def chat_fn(message: str, history: list, unit_id: Any, request: gr.Request) -> str:
                return chat_reply(ws, message, unit_id, request)

            gr.ChatInterface(
                fn=chat_fn,
                additional_inputs=[unit_state], title="对话修改",
                description="例如：“第五部分写得具体一些”“今年组织了2次培训，加到监督保障里”。数字只能在表格中修改。",
                api_name="chat",
            )

        with gr.Tab("问题清单", id="tab-findings"):
            with gr.Row():
                severity_filter = gr.Dropdown(["全部", *SEVERITY_LABELS.values()], value="全部", label="严重程度")
                category_filter = gr.Dropdown(["全部", *CATEGORY_LABELS.values()], value="全部", label="类别")
            findings_df = gr.Dataframe(headers=FINDING_HEADERS, interactive=False, elem_id="nb-findings")
            finding_pick = gr.Dropdown(label="查看问题（序号）", choices=[], elem_id="nb-pick")
            finding_html = gr.HTML(elem_id="nb-context")
            with gr.Row():
                decision = gr.Radio([("确认", "confirmed"), ("驳回", "dismissed")], label="复核结论",
                                    elem_id="nb-decision")
                comment = gr.Textbox(label="备注", elem_id="nb-comment")
                decide_btn = gr.Button("记录复核结论", elem_id="nb-decide")
            bulk_btn = gr.Button("全部确认（当前筛选）")

        with gr.Tab("导出", id="tab-export"):
            with gr.Row():
                docx_btn = gr.Button("导出 Word 文档", variant="primary", elem_id="nb-export-docx")
                review_btn = gr.Button("导出审阅稿（问题作批注）")
                json_btn = gr.Button("导出问题清单 JSON")
            export_file = gr.File(label="下载", elem_id="nb-export-file")

        with gr.Tab("批量", id="tab-batch"):
            batch_files = gr.File(label="上传工作簿、输入文件或 zip", file_count="multiple")
            batch_btn = gr.Button("批量起草")
            batch_result = gr.File(label="结果（zip，含汇总）")
            batch_status = gr.Markdown()

        # ----- wiring ---------------------------------------------------------------------------------------
        unit_outputs = [unit_state, unit_picker, status, *meta_boxes.values(), organ_kind, year,
                        *contact_boxes.values(), t2, t3, t4, figure_findings, *note_boxes.values(),
                        *section_boxes, findings_df, finding_pick]

        def show(view: handlers.UnitView, user: str, message: str = "") -> list[Any]:
            unit, report = view.unit, view.unit.report
            g2, g3, g4 = grids.report_grids(report)
            rows = handlers.findings_table(ws, unit, view.findings)
            figure_rows = [r for r, f in zip(rows, view.findings, strict=False) if _is_figure(f)]
            units = ws.units(user, is_admin(user))
            text = markdown_text(message or f"{unit.label}：{summary_line(view.findings)}")
            return [
                unit.id, gr.update(choices=[(u.label, u.id) for u in units], value=unit.id), text,
                *[getattr(report.meta, k) or "" for k in meta_boxes], report.meta.organ_kind, report.meta.year,
                *[getattr(report.meta.contact, k) or "" for k in contact_boxes],
                gr.update(value=g2, headers=grids.t2_headers()),
                gr.update(value=g3, headers=grids.t3_headers(report.fmt)),
                gr.update(value=g4, headers=grids.t4_headers(report.fmt)),
                figure_rows, *["\n".join(getattr(report.notes, k)) for k in note_boxes],
                *handlers.section_texts(unit.draft), rows, gr.update(choices=[r[0] for r in rows], value=None),
            ]

        def guarded(fn):  # noqa: ANN001, ANN202 - gradio callbacks
            def run(request: gr.Request, *args: Any) -> list[Any]:
                user = current_user(request)
                try:
                    view, message = fn(user, *args)
                except Exception as exc:  # noqa: BLE001 - a Chinese line, never Python's words
                    return ([gr.update()] * 2 + [error_status("**无法完成：** ", exc)]
                            + [gr.update()] * (len(unit_outputs) - 3))
                return show(view, user, message)
            return run

        def load_example(user: str, _unit_id: Any) -> tuple[handlers.UnitView, str]:
            return handlers.load_example(ws, user), "已载入示例：竹亭镇 2020 年度"

        def upload_file(user: str, file: Any) -> tuple[handlers.UnitView, str]:
            if file is None:
                raise InputError("没有选择文件")
            path = file if isinstance(file, str) else file.name
            try:
                views = handlers.prefill_from_file(ws, user, path)
            finally:
                discard_upload(path)
            others = f"等 {len(views)} 个单位（可在“单位”中切换）" if len(views) > 1 else ""
            return views[0], f"已导入：{views[0].unit.label}{others}"

        def import_url(user: str, address: str) -> tuple[handlers.UnitView, str]:
            if not (address or "").strip():
                raise InputError("请填写网址")
            view = handlers.prefill_from_file(ws, user, address.strip())[0]
            return view, f"已导入：{view.unit.label}"

        def pick_unit(user: str, unit_id: Any) -> tuple[handlers.UnitView, str]:
            return handlers.open_unit(ws, user, unit_id, is_admin(user)), ""

        def save_all(user: str, unit_id: Any, *values: Any) -> tuple[handlers.UnitView, str]:
            unit = handlers.open_unit(ws, user, unit_id).unit
            report = _form_report(unit.report, values, list(meta_boxes), list(contact_boxes), list(note_boxes))
            return handlers.save_report(ws, user, unit.id, report), "已保存"

        def draft_all(user: str, unit_id: Any, kind: str, *values: Any) -> tuple[handlers.UnitView, str]:
            save_all(user, unit_id, *values)
            view = handlers.draft_unit(ws, user, unit_id, kind)
            return view, "已起草"

        def save_texts(user: str, unit_id: Any, *texts: str) -> tuple[handlers.UnitView, str]:
            return handlers.save_sections(ws, user, unit_id, list(texts)), "已保存正文修改，已重新校核"

        form_inputs = [*meta_boxes.values(), organ_kind, year, *contact_boxes.values(), t2, t3, t4,
                       *note_boxes.values()]
        example_btn.click(guarded(load_example), [unit_state], unit_outputs, api_name="load_example")
        upload.upload(guarded(upload_file), [upload], unit_outputs, api_name="upload")
        url_btn.click(guarded(import_url), [url_box], unit_outputs, api_name="import_url")
        unit_picker.input(guarded(pick_unit), [unit_picker], unit_outputs, api_name="open_unit")
        save_btn.click(guarded(save_all), [unit_state, *form_inputs], unit_outputs, api_name="save")
        draft_btn.click(guarded(draft_all), [unit_state, drafter, *form_inputs], unit_outputs, api_name="draft")
        save_text_btn.click(guarded(save_texts), [unit_state, *section_boxes], unit_outputs, api_name="save_text")

        def refresh_units(request: gr.Request) -> Any:
            user = current_user(request)
            return gr.update(choices=[(u.label, u.id) for u in ws.units(user, is_admin(user))])

        refresh_btn.click(refresh_units, None, unit_picker, api_visibility="private")

        def restore(request: gr.Request) -> list[Any]:
            user = current_user(request)
            units = ws.units(user, is_admin(user))
            if not units:
                return [gr.update()] * 2 + ["请新建单位：导入文件或载入示例"] + [gr.update()] * (len(unit_outputs) - 3)
            return show(handlers.open_unit(ws, user, units[0].id, True), user)

        demo.load(restore, None, unit_outputs, api_visibility="private")

        def filtered(request: gr.Request, unit_id: Any, severity: str, category: str) -> Any:
            user = current_user(request)
            try:
                view = handlers.open_unit(ws, user, unit_id, is_admin(user))
            except InputError:
                return [], gr.update(choices=[])
            rows = handlers.findings_table(ws, view.unit, view.findings, severity, category)
            return rows, gr.update(choices=[r[0] for r in rows], value=None)

        for control in (severity_filter, category_filter):
            control.change(filtered, [unit_state, severity_filter, category_filter], [findings_df, finding_pick],
                           api_visibility="private")

        def show_finding(request: gr.Request, unit_id: Any, number: Any) -> str:
            user = current_user(request)
            if not unit_id or not number:
                return ""
            try:
                view = handlers.open_unit(ws, user, unit_id, is_admin(user))
                finding = handlers.finding_by_number(view, number)
            except InputError as exc:
                return f"<p>{html.escape(without_paths(str(exc)))}</p>"
            return handlers.finding_context(view.unit, finding)

        finding_pick.change(show_finding, [unit_state, finding_pick], finding_html, api_name="show_finding")

        def record(request: gr.Request, unit_id: Any, number: Any, verdict: str, note: str, severity: str,
                   category: str, bulk: bool = False) -> Any:
            user = current_user(request)
            admin = is_admin(user)
            try:
                view = handlers.open_unit(ws, user, unit_id, admin)
            except InputError as exc:
                return gr.update(), error_status("**无法完成：** ", exc)
            rows = handlers.findings_table(ws, view.unit, view.findings, severity, category)
            if bulk:
                chosen = [r[-1] for r in rows]
                verdict = "confirmed"
            else:
                if not number or not verdict:
                    return gr.update(), "请先选择一条问题和复核结论"
                try:
                    chosen = [handlers.finding_by_number(view, number).fingerprint]
                except InputError as exc:
                    return gr.update(), error_status("**无法完成：** ", exc)
            handlers.decide(ws, user, view.unit.id, chosen, verdict, note, admin)
            rows = handlers.findings_table(ws, view.unit, view.findings, severity, category)
            return rows, f"已记录 {len(chosen)} 条复核结论"

        def record_one(request: gr.Request, unit_id: Any, number: Any, verdict: str, note: str, severity: str,
                       category: str) -> Any:
            return record(request, unit_id, number, verdict, note, severity, category)

        def record_all(request: gr.Request, unit_id: Any, note: str, severity: str, category: str) -> Any:
            return record(request, unit_id, None, "confirmed", note, severity, category, bulk=True)

        decide_btn.click(record_one, [unit_state, finding_pick, decision, comment, severity_filter, category_filter],
                         [findings_df, status], api_name="decide")
        bulk_btn.click(record_all, [unit_state, comment, severity_filter, category_filter],
                       [findings_df, status], api_name="bulk_confirm")

        def export(kind: str):  # noqa: ANN202
            def run(request: gr.Request, unit_id: Any) -> Any:
                try:
                    user = current_user(request)
                    path = handlers.export(ws, user, unit_id, kind, admin=is_admin(user))
                except Exception as exc:  # noqa: BLE001
                    return None, error_status("**无法导出：** ", exc)
                return str(path), markdown_text(f"已生成：{path.name}")
            return run

        docx_btn.click(export("docx"), [unit_state], [export_file, status], api_name="export_docx")
        review_btn.click(export("review"), [unit_state], [export_file, status], api_name="export_review")
        json_btn.click(export("json"), [unit_state], [export_file, status], api_name="export_json")

        def run_batch(files: Any, progress: gr.Progress = gr.Progress()) -> Any:  # noqa: B008
            from assistant.ui.batch_tab import batch_zip

            uploads = [f if isinstance(f, str) else f.name for f in files or []]
            try:
                path, summary = batch_zip(uploads, progress)
            except Exception as exc:  # noqa: BLE001
                return None, error_status("**无法批量起草：** ", exc)
            finally:
                for upload in uploads:
                    discard_upload(upload)
            return str(path), summary

        batch_btn.click(run_batch, [batch_files], [batch_result, batch_status], api_name="batch")
    return demo


def _is_figure(finding: Finding) -> bool:
    return bool(finding.location.cell) or finding.category in ("arithmetic", "plausibility")


def _form_report(report: Report, values: tuple[Any, ...], meta_keys: list[str], contact_keys: list[str],
                 note_keys: list[str]) -> Report:
    """Rebuild a Report from the form's values (in the order of ``form_inputs``)."""
    queue = list(values)
    meta: dict[str, Any] = {k: (queue.pop(0) or None) for k in meta_keys}
    meta["organ_kind"] = queue.pop(0)
    year = queue.pop(0)
    meta["year"] = int(year) if year not in (None, "") else report.meta.year
    meta["contact"] = {k: (queue.pop(0) or None) for k in contact_keys}
    t2_rows, t3_rows, t4_rows = queue.pop(0), queue.pop(0), queue.pop(0)
    notes = {k: queue.pop(0) or "" for k in note_keys}
    if not meta.get("organ_name"):
        raise InputError("机关名称不能为空")
    return grids.report_with_grids(report, t2_rows, t3_rows, t4_rows, meta=meta, notes=notes)


def chat_reply(ws: Workspace, message: str, unit_id: Any, request: gr.Request | None) -> str:
    """The chat panel: revise a section or propose table changes through the model; plain words without one."""
    from assistant.ui.chat import reply

    return reply(ws, current_user(request), unit_id, message)
