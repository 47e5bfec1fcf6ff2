"""The Gradio app: layout and wiring only; what happens is in handlers.py.

One builder per area (units, tables, draft and chat, findings, export, preview, overview, batch); ``build_app`` puts
them together and wires the events. Every action answers next to its button; the page shows at once what was stored.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import gradio as gr

from assistant.errors import InputError
from assistant.model import CATEGORY_LABELS, NOTE_ASPECTS, ORGAN_KINDS, SEVERITY_LABELS, Contact, Finding, Report
from assistant.readers import INPUT_SUFFIXES, REPORT_SUFFIXES, suffix_list
from assistant.readers.prefill import CARRIED_MARK
from assistant.render.findings import summary_line
from assistant.ui import grids, handlers
from assistant.ui.downloads import links_html
from assistant.ui.escape import error_status, markdown_text, without_paths
from assistant.ui.login import LOCAL_USER, is_admin
from assistant.ui.preview import document_html
from assistant.ui.tempfiles import discard_upload
from assistant.ui.workspace import Workspace, shown_time

FINDING_HEADERS = list(handlers.FINDING_COLUMNS)
SECTION_LABELS = list(handlers.PART_LABELS)
META_FIELDS = [("organ_name", "机关名称"), ("short_name", "简称（如：竹亭镇）"), ("parent_government", "上级人民政府"),
               ("website", "电子版所在网站"), ("compiler", "编制单位"), ("parent_party", "上级党委（如：中共示范县委）")]
CONTACT_FIELDS = [(key, field.title or key) for key, field in Contact.model_fields.items()]  # 地址、邮编、电话、电子邮箱
OVERVIEW_HEADERS = ["编号", "单位", "年度", "填报人", "状态", "错误", "警告", "已复核", "更新时间"]
MESSAGE_BOXES = ("unit", "tables", "draft", "text", "findings", "export", "restore")

# Gradio's own strings that its Chinese translation lacks (the browser's language picks zh-CN).
GRADIO_ZH = {
    "chatbot": {"chatbot": "对话", "new_chat": "新对话", "message_placeholder": "输入修改要求…",
                "copy_message": "复制", "copied_message": "已复制", "additional_inputs": "更多选项"},
    "common": {"built_with_gradio": "", "use_via_api": "", "settings": "设置", "loading": "加载中",
               "complete": "完成", "progress": "进度", "upload": "上传", "download_all": "全部下载", "video": "视频",
               "webcam": "摄像头", "screen_studio": "录屏"},
    "dataframe": {"new_row": "新行", "new_column": "新列", "drop_to_upload": "将 CSV 或 TSV 文件拖放到此处，导入表格中的数字"},
}
I18N = gr.I18n(**{"zh-CN": GRADIO_ZH, "zh": GRADIO_ZH})  # type: ignore[arg-type]  # nested keys are accepted

CSS = """
footer, .api-docs, .show-api, .settings-link, .built-with { display: none !important; }
.progress-text, .meta-text, .meta-text-center, .timer, .eta-bar { display: none !important; }
.nb-msg p { margin: 0; }
#nb-saved.nb-unsaved .nb-saved::after { content: "，有未保存的修改"; color: #b45309; }
.nb-msg[data-working]::before { content: attr(data-working); color: #555; }
.nb-msg[data-working] p { display: none; }
#nb-unit-msg:not(:has(p)) { display: none !important; }  /* no empty gap above the tabs */
.nb-needs-unit[inert] { opacity: 0.5; }
.gradio-container { overflow: clip !important; }  /* clips as Gradio's hidden does, without stopping sticky */
#nb-save-row { position: sticky; bottom: 0; z-index: 20; background: var(--background-fill-primary); padding: 6px 0; }
.nb-no-unit-hint:not(:has(.nb-no-unit)) { display: none !important; }
.nb-no-unit { color: #b45309; font-weight: 600; margin: 4px 0; }
.nb-grid .cell-menu-button, .nb-grid .selection-button { display: none !important; }
.nb-grid thead, .nb-grid th { pointer-events: none; }
#nb-preview table { border-collapse: collapse; margin: 8px 0; }
#nb-preview td, #nb-preview th { border: 1px solid #999; padding: 2px 6px; font-size: 13px; }
#nb-preview .nb-carried { background: #fff3cd; }
"""

# Unsaved edits: typing in the form or the texts marks the page dirty; a save (the 已保存 stamp changes) clears it;
# leaving the page while dirty asks first.
def _totals_layout() -> str:
    """Where the grids' totals are, per table 三 row count (each format has its own): for the page script."""
    import json

    from assistant.formats import known_versions, load_format

    layout = {}
    for version in known_versions():
        fmt = load_format(version)
        layout[len(fmt.t3_rows)] = {
            "results": [i for i, r in enumerate(fmt.t3_rows) if r.result],
            "total_row": next(i for i, r in enumerate(fmt.t3_rows) if r.is_total),
        }
    return json.dumps(layout)


HEAD = """
<script>
// Live totals while typing: table 三's 总计 column and （七）总计 row, table 四's 总计, recomputed on screen from the
// cells (display only: the server recomputes them from the parts on every save).
const nbLayout = __LAYOUT__;
function nbNumber(cell) { const v = parseFloat((cell ? cell.innerText : '').replace(/,/g, '')); return isNaN(v) ? 0 : v; }
function nbSetCell(cell, value) {
  const span = cell && cell.querySelector('span');
  if (span && span.innerText.trim() !== String(value)) { span.innerText = String(value); }
}
function nbTotals() {
  for (const id of ['nb-t3', 'nb-t4']) {
    const grid = document.getElementById(id);
    if (!grid) continue;
    const at = (r, c) => grid.querySelector(`[data-testid="cell-${r}-${c}"]`);
    let rows = 0; while (at(rows, 0)) rows++;
    let cols = 0; while (at(0, cols)) cols++;
    if (!rows || !cols) continue;
    const layout = id === 'nb-t3' ? nbLayout[rows] : null;
    if (layout) {
      for (let c = 1; c < cols - 1; c++) {
        nbSetCell(at(layout.total_row, c), layout.results.reduce((sum, r) => sum + nbNumber(at(r, c)), 0));
      }
    }
    for (let r = 0; r < rows; r++) {
      let sum = 0; for (let c = 1; c < cols - 1; c++) sum += nbNumber(at(r, c));
      nbSetCell(at(r, cols - 1), sum);
    }
  }
}
let nbTotalsTimer = null;
new MutationObserver((records) => {
  if (records.some((m) => m.target.closest && m.target.closest('.nb-grid')
                       || (m.target.parentElement && m.target.parentElement.closest('.nb-grid')))) {
    clearTimeout(nbTotalsTimer);
    nbTotalsTimer = setTimeout(nbTotals, 30);
  }
}).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
// No unit open (the hint “请先新建单位” shows): the fields that need one are inert (nothing can be typed into them,
// so nothing typed can be lost); they come alive as soon as a unit opens.
function nbSyncInert() {
  const none = !!document.querySelector('.nb-no-unit-hint .nb-no-unit');
  for (const part of document.querySelectorAll('.nb-needs-unit')) { if (part.inert !== none) { part.inert = none; } }
}
new MutationObserver(nbSyncInert).observe(document.documentElement, { subtree: true, childList: true });
window.nbDirty = false;
function nbMarkDirty() {
  window.nbDirty = true;  // the 已保存 indicator says so too, until the next save
  const stamp = document.getElementById('nb-saved');
  if (stamp) { stamp.classList.add('nb-unsaved'); }
}
document.addEventListener('input', (e) => {
  if (e.target && e.target.closest && e.target.closest('.nb-form')) { nbMarkDirty(); }
}, true);
// Spreadsheet typing: a key typed on a selected cell replaces its value. Gradio opens the cell's editor on that
// first key but drops the key, and focuses the editor only at the next animation frame: keys, an Enter or a click
// that came before then went to the cell, not the editor, and the figure was lost without a word. So the keys typed
// in a grid while its editor is not focused are kept here (nbTyped) and put into the editor as soon as it exists; an
// Enter or Tab that comes before the editor waits for it, then goes to it; a click first puts them in.
let nbTyped = null, nbTypedGrid = null;
const NB_GIVE_UP = 100;  // microtasks, then 10 ms steps: Gradio builds the editor in a microtask after the key
function nbEditorIn(root) {
  // the open editor: the selected cell's (a closing editor may linger a moment beside the new one)
  const editors = [...root.querySelectorAll('.nb-grid textarea')];
  return editors.find((t) => t.closest('[aria-selected=true]')) || editors[editors.length - 1] || null;
}
function nbGridOf(target) {
  // the grid a key was typed in: the focused cell's, or the one whose editor is open while the focus is nowhere
  // (after Tab, between closing one editor and focusing the next)
  if (!target || target.tagName === 'TEXTAREA') return null;
  if (target === document.body) {
    const open = nbEditorIn(document);
    return open ? open.closest('.nb-grid') : null;
  }
  return target.closest ? target.closest('.nb-grid') : null;
}
function nbFillEditor(editor, focus = true) {
  editor.value = nbAscii(nbTyped);
  nbTyped = null;
  editor.dispatchEvent(new Event('input', { bubbles: true }));
  if (focus && document.activeElement !== editor) { editor.focus(); }
  if (document.activeElement === editor) { editor.setSelectionRange(editor.value.length, editor.value.length); }
}
function nbWhenEditor(grid, then, tries = 0) {
  const editor = nbEditorIn(grid);
  if (editor) { then(editor); return; }
  if (tries < NB_GIVE_UP / 2) { queueMicrotask(() => nbWhenEditor(grid, then, tries + 1)); }
  else if (tries < NB_GIVE_UP) { setTimeout(() => nbWhenEditor(grid, then, tries + 1), 10); }
  else { nbTyped = null; }  // no editor came (a 总计 cell is not editable): the keys were for nothing
}
document.addEventListener('keydown', (e) => {
  if (!e.isTrusted) return;  // the Enter or Tab passed on below
  const grid = nbGridOf(e.target);
  if (!grid) return;
  if (nbTypedGrid !== grid) { nbTyped = null; nbTypedGrid = grid; }
  // Delete or Backspace on a selected cell empties it with no editor and no input event: an edit all the same
  if ((e.key === 'Delete' || e.key === 'Backspace') && nbTyped === null) { nbMarkDirty(); }
  const editor = nbEditorIn(grid);
  if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
    nbTyped = (nbTyped || '') + e.key;
    if (editor) { e.preventDefault(); e.stopPropagation(); nbFillEditor(editor); }
    return;  // the first key: Gradio opens the editor, which takes nbTyped as soon as it has the focus
  }
  if (nbTyped === null) return;
  if (e.key === 'Escape') { nbTyped = null; return; }
  if (e.key === 'Backspace') { e.preventDefault(); e.stopPropagation(); nbTyped = nbTyped.slice(0, -1); return; }
  if (e.key !== 'Enter' && e.key !== 'Tab') {  // an arrow key and the like
    if (editor) { nbFillEditor(editor); } else { nbTyped = null; }
    return;
  }
  e.preventDefault();
  e.stopPropagation();
  const key = e.key, shiftKey = e.shiftKey;
  nbWhenEditor(grid, (ready) => {
    if (nbTyped !== null) { nbFillEditor(ready); }
    ready.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true }));
  });
}, true);
document.addEventListener('mousedown', () => {
  // a click ends the typing: what was typed goes into the open editor first (Gradio keeps it when it closes). The
  // editor is not closed here: closed by a key, Gradio focuses its cell, the page scrolls to it, and the button under
  // the mouse moved away before the button was released (a 保存 clicked at once was lost, seen under load).
  const editor = nbTypedGrid && nbEditorIn(nbTypedGrid);
  if (nbTyped !== null && editor) { nbFillEditor(editor, false); }
  nbTyped = null;
}, true);
// What is sent is what is on screen. Gradio hands a grid's figures to the events only when a cell's editor closes,
// through state of its own; an event that sends the grids (保存, 空白按0填写, 起草, switching units) reads them here,
// just before it is sent: each cell as shown, the open editor's text, or the keys typed before its editor came.
function nbCellShown(cell) {
  const editor = cell.querySelector('textarea');
  if (editor) return editor.value;
  if (nbTyped !== null && cell.getAttribute('aria-selected') === 'true' && cell.closest('.nb-grid') === nbTypedGrid) {
    return nbTyped;
  }
  const shown = cell.querySelector('span');
  return (shown ? shown.textContent : cell.textContent).trim();
}
function nbGridAsShown(elemId, value) {
  const grid = document.getElementById(elemId);
  if (!grid || !value || !Array.isArray(value.data)) return value;  // not on the page (another tab): as it is
  const data = value.data.map((row) => [...row]);
  for (const cell of grid.querySelectorAll('[role=gridcell][data-row][data-col]')) {
    const row = Number(cell.dataset.row), col = Number(cell.dataset.col);
    if (row < data.length && col < data[row].length) { data[row][col] = nbCellShown(cell); }
  }
  return { ...value, data };
}
function nbGridsAsShown(args, positions) {  // positions: {index of a grid among the event's inputs: its elem_id}
  const out = [...args];
  for (const [index, elemId] of Object.entries(positions)) { out[index] = nbGridAsShown(elemId, out[index]); }
  return out;
}
// Digits through a Chinese input method come full-width (１２) and, on a selected cell, not as keys but as the input
// method's text (composition and input events): they are taken as typed keys, in ASCII (12), and open the editor.
// In an open editor, full-width digits become ASCII as soon as the input method has finished.
function nbAscii(text) { return (text || '').normalize('NFKC'); }
function nbTypedByInputMethod(e) {
  const grid = nbGridOf(e.target);
  if (!grid || !e.data) return;
  if (nbTypedGrid !== grid) { nbTyped = null; nbTypedGrid = grid; }
  nbTyped = (nbTyped || '') + nbAscii(e.data);
  const editor = nbEditorIn(grid);
  if (editor) { nbFillEditor(editor); return; }
  const cell = e.target.closest('[role=gridcell]') || grid.querySelector('[role=gridcell][aria-selected=true]');
  if (cell) { cell.dispatchEvent(new KeyboardEvent('keydown', { key: 'F2', bubbles: true, cancelable: true })); }
  nbWhenEditor(grid, (ready) => { if (nbTyped !== null) { nbFillEditor(ready); } });
}
// A selected cell owns the typing. Gradio selects a clicked cell without taking the focus from the field typed in
// before (it cancels the mousedown) and focuses the cell a moment later; and a cell is not editable, so the input
// method's text went to the last field that was (本年收取信息处理费 became “0２”, the cell stayed 0). So the selected
// cell holds an invisible editable catcher (nbSink), focused from the mousedown on: keys reach the grid through it
// as before, and what an input method commits lands in it and is passed to the cell (nbTypedByInputMethod).
const nbSink = document.createElement('div');
nbSink.className = 'nb-ime-sink';
nbSink.contentEditable = 'true';
nbSink.setAttribute('aria-hidden', 'true');
nbSink.style.cssText = 'position:absolute;left:0;top:0;width:1px;height:1px;opacity:0;overflow:hidden;'
                     + 'pointer-events:none;caret-color:transparent;white-space:nowrap;';
let nbSinkComposing = false;
function nbCatchIn(cell) {
  if (nbSink.parentElement !== cell) { cell.appendChild(nbSink); }
  nbSink.textContent = '';
  if (document.activeElement !== nbSink) { nbSink.focus({ preventScroll: true }); }
}
function nbSelectedBodyCell(target) {
  const cell = target && target.closest && target.closest('.nb-grid [role=gridcell][data-row]');
  return cell && !target.closest('textarea') ? cell : null;
}
document.addEventListener('mousedown', (e) => {
  const cell = nbSelectedBodyCell(e.target);
  if (cell && !cell.querySelector('textarea')) { nbCatchIn(cell); }
}, true);
document.addEventListener('focusin', (e) => {
  const cell = e.target && e.target.matches && e.target.matches('.nb-grid [role=gridcell][data-row]') ? e.target : null;
  if (cell && !cell.querySelector('textarea')) { nbCatchIn(cell); }
}, true);
nbSink.addEventListener('compositionstart', () => { nbSinkComposing = true; });
nbSink.addEventListener('compositionend', (e) => {
  nbSinkComposing = false;
  nbSink.textContent = '';
  nbTypedByInputMethod(e);
});
nbSink.addEventListener('beforeinput', (e) => {
  if (nbSinkComposing || e.isComposing) return;  // the composition's text is taken whole at its end
  e.preventDefault();  // nothing stays in the catcher: a typed key went to the grid as a key, text goes below
  if (e.inputType === 'insertText' || e.inputType === 'insertReplacementText') { nbTypedByInputMethod(e); }
});
nbSink.addEventListener('keydown', (e) => {
  if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); }  // the grid has it
});
document.addEventListener('compositionend', (e) => {
  // an input method's commit on a selected cell that holds no catcher (an event sent to the cell itself)
  if (e.target !== nbSink && nbSelectedBodyCell(e.target) && e.target.tagName !== 'TEXTAREA') { nbTypedByInputMethod(e); }
}, true);
document.addEventListener('input', (e) => {
  const target = e.target;
  if (!target || target.tagName !== 'TEXTAREA' || !target.closest || !target.closest('.nb-grid')) return;
  if (!e.isComposing && target.value !== nbAscii(target.value)) { target.value = nbAscii(target.value); }
}, true);
document.addEventListener('compositionend', (e) => {
  const editor = e.target;
  if (editor.tagName === 'TEXTAREA' && editor.closest('.nb-grid') && editor.value !== nbAscii(editor.value)) {
    editor.value = nbAscii(editor.value);
    editor.dispatchEvent(new Event('input', { bubbles: true }));
  }
}, true);
document.addEventListener('focusin', (e) => {
  const editor = e.target;
  if (editor.tagName !== 'TEXTAREA' || !editor.closest('.nb-grid')) return;
  if (nbTyped !== null && editor.closest('.nb-grid') === nbTypedGrid) { nbFillEditor(editor); return; }
  editor.select();  // an editor opened by Tab, Enter or a double-click: what is typed replaces the old figure
}, true);
window.addEventListener('beforeunload', (e) => {
  const chat = document.querySelector('#nb-chat-input textarea');  // a request typed and not yet sent
  if (window.nbDirty || (chat && chat.value.trim())) { e.preventDefault(); e.returnValue = '有未保存的修改'; return '有未保存的修改'; }
});
</script>
""".replace("__LAYOUT__", _totals_layout())
CLEAR_DIRTY = ("() => { window.nbDirty = false; "
               "const stamp = document.getElementById('nb-saved'); if (stamp) { stamp.classList.remove('nb-unsaved'); } }")


def working(elem_id: str, text: str) -> str:
    """Client-side: show “正在…” next to the button at once (the inputs pass through unchanged)."""
    return (f"(...args) => {{ const box = document.getElementById('{elem_id}'); "
            f"if (box) {{ box.dataset.working = '{text}'; }} return args; }}")


def finished(elem_id: str) -> str:
    """Client-side: the “正在…” of :func:`working` goes once the answer is shown."""
    return f"() => {{ const box = document.getElementById('{elem_id}'); if (box) {{ delete box.dataset.working; }} }}"


VIEW_MARGIN_PX = 16  # room above a message scrolled into view, so that it does not touch the window's top edge


def brought_into_view(elem_id: str) -> str:
    """Client-side: once the answer is laid out, the page scrolls just enough to show the element (the result of 起草
    was left above the window when the notes panel over it folded; a message that is in view stays put)."""
    return (f"() => requestAnimationFrame(() => requestAnimationFrame(() => {{ "
            f"const box = document.getElementById('{elem_id}'); "
            f"const place = box && box.getBoundingClientRect(); "
            f"if (place && (place.top < 0 || place.bottom > window.innerHeight)) {{ "
            f"window.scrollBy(0, place.top - {VIEW_MARGIN_PX}); }} }}))")


def grids_as_shown(inputs: list[Any], page: Page, then: str | None = None) -> str:
    """Client-side, before an event that sends the grids: each grid's figures as on screen (``nbGridsAsShown`` in the
    page script), then the client-side function ``then`` (e.g. :func:`working`) on the inputs."""
    import json

    positions = {i: f"nb-{name}" for i, component in enumerate(inputs)
                 for name, grid in (("t2", page.t2), ("t3", page.t3), ("t4", page.t4)) if component is grid}
    shown = f"nbGridsAsShown(args, {json.dumps(positions)})"
    return f"(...args) => ({then})(...{shown})" if then else f"(...args) => {shown}"


def current_user(request: gr.Request | None) -> str:
    return (getattr(request, "username", None) or LOCAL_USER) if request else LOCAL_USER


def saved_stamp(unit_updated: str | None = None) -> str:
    """The “已保存 HH:MM” indicator (the time the unit was last stored)."""
    if not unit_updated:
        return ""
    when = shown_time(unit_updated)
    return f"<span class='nb-saved' data-stamp='{html.escape(unit_updated)}'>已保存 {when:%H:%M}</span>"


DOWNLOAD_LABEL = "下载"
NO_UNIT_HINT = ("<p class='nb-no-unit'>请先新建单位：在上方“单位”中填写机关名称，点“新建单位”（或导入文件、打开示例单位）。"
                "新建之前，这里的内容不能填写。</p>")
NO_UNIT = "请先新建或打开一个单位（在上方“单位”中新建、导入或打开示例），再填写表格。"
DRAFT_DOWNLOAD_LABEL = "下载：草稿（请勿印发），不是正式文档"
REVIEW_DOWNLOAD_LABEL = "下载：审阅稿（带批注，请勿印发）"


def message_html(text: str, ok: bool = True) -> str:
    """Feedback next to the button: a short line (as text, without server paths), red when the action failed."""
    if not text:
        return ""
    colour = "#137333" if ok else "#b3261e"
    return f"<p style='color:{colour}'>{html.escape(without_paths(text)).replace(chr(10), '<br>')}</p>"


def error_text(prefix: str, exc: BaseException) -> str:
    """A failed action in Chinese: a user's error (InputError) as its message, anything else without Python's words
    (logged on the server). Plain text: :func:`message_html` escapes it."""
    if isinstance(exc, InputError):
        return f"{prefix}{exc}"
    error_status("", exc)  # logs the traceback
    from assistant.errors import internal_error

    return prefix + internal_error(exc).replace("已跳过此单位", "操作未完成")


@dataclass
class Page:
    """The components the unit's view fills, by name (the order of ``unit_outputs`` is the order of the fields)."""

    unit_state: Any = None
    unit_picker: Any = None
    status: Any = None
    saved: Any = None
    messages: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    organ_kind: Any = None
    year: Any = None
    sign_date: Any = None
    fee: Any = None
    contact: dict[str, Any] = field(default_factory=dict)
    t2: Any = None
    t3: Any = None
    t4: Any = None
    blank_info: Any = None
    figure_findings: Any = None
    notes: dict[str, Any] = field(default_factory=dict)
    sections: list[Any] = field(default_factory=list)
    findings_df: Any = None
    finding_pick: Any = None
    preview: Any = None
    confirm_group: Any = None
    confirm_text: Any = None
    units_panel: Any = None  # the 单位 accordion: open while there is no unit, folded once one is open
    fill_zero: Any = None  # 空白按0填写: shown only while a cell is blank
    no_unit_hints: list[Any] = field(default_factory=list)  # 请先新建单位, atop each tab of the form

    def outputs(self) -> list[Any]:
        return [self.unit_state, self.unit_picker, self.status, self.saved, *self.messages.values(),
                *self.meta.values(), self.organ_kind, self.year, self.sign_date, self.fee, *self.contact.values(),
                self.t2, self.t3, self.t4, self.blank_info, self.figure_findings, *self.notes.values(),
                *self.sections, self.findings_df, self.finding_pick, self.preview, self.units_panel,
                *self.no_unit_hints, self.fill_zero]

    def form(self) -> list[Any]:
        return [*self.meta.values(), self.organ_kind, self.year, self.sign_date, self.fee, *self.contact.values(),
                self.t2, self.t3, self.t4, *self.notes.values()]

    def output_names(self) -> list[str]:
        """Names of the outputs as a client sees them (the session state, the 单位 panel's folding and the 空白按0填写
        button's showing are not sent)."""
        return ["unit_picker", "status", "saved", *[f"msg_{k}" for k in self.messages], *self.meta,
                "organ_kind", "year", "sign_date", "fee", *self.contact, "t2", "t3", "t4", "blank_info",
                "figure_findings", *[f"note_{k}" for k in self.notes], *[f"section_{i}" for i in range(7)],
                "findings", "finding_pick", "preview", *[f"no_unit_hint_{i}" for i in range(len(self.no_unit_hints))]]


def sign_date_label(year: int | None) -> str:
    """The 落款日期 field's label with an example in the report's year: a report is signed early in the next year."""
    from assistant.ui.handlers import default_report_year

    return f"落款日期（如 {(year or default_report_year()) + 1}年1月20日）"


def _fee_text(report: Report) -> str:
    fee = report.other_figures.processing_fee_yuan
    if fee is None:
        return ""
    return format(fee.normalize(), "f")


def parse_sign_date(text: Any) -> str | None:
    """落款日期 as typed (2025年1月20日, 2025-01-20, 2025/1/20, 2025.1.20) -> ISO; InputError naming the field."""
    text = grids.typed_text(str(text or ""))
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?", text)
    try:
        if not m:
            raise ValueError
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        raise InputError(f"落款日期：应为日期，如 2025年1月20日，实为“{text}”") from None


def parse_fee(text: Any) -> str | None:
    """本年收取信息处理费 as typed (120, １２０, 1,200元, 120.5) -> the amount's text; InputError naming the field."""
    fee = grids.typed_text(str(text or "")).removesuffix("元").strip()
    if not fee:
        return None
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", fee):
        if re.fullmatch(r"-[0-9]+(?:\.[0-9]+)?", fee):
            raise InputError(f"本年收取信息处理费（元）：不能为负数，实为 {fee}")
        raise InputError(f"本年收取信息处理费（元）：应为金额，如 0 或 120.5，实为“{str(text).strip()}”")
    return fee


def form_report(report: Report, values: tuple[Any, ...] | list[Any], page: Page) -> Report:
    """Rebuild a Report from the form's values (in the order of ``Page.form``)."""
    queue = list(values)
    meta: dict[str, Any] = {k: (str(queue.pop(0) or "").strip() or None) for k in page.meta}
    meta["organ_kind"] = queue.pop(0)
    year = grids.typed_text(str(queue.pop(0) or "")).removesuffix("年")  # a Textbox: blank with no unit open
    if year and not re.fullmatch(r"[0-9]{4}", year):
        raise InputError(f"报告年度：应为四位数字的年份，实为“{year}”")
    meta["year"] = int(year) if year else report.meta.year
    meta["sign_date"] = parse_sign_date(queue.pop(0))
    fee = parse_fee(queue.pop(0))
    meta["contact"] = {k: (str(queue.pop(0) or "").strip() or None) for k in page.contact}
    t2_rows, t3_rows, t4_rows = queue.pop(0), queue.pop(0), queue.pop(0)
    notes = {k: queue.pop(0) or "" for k in page.notes}
    if not meta.get("organ_name"):
        raise InputError("机关名称不能为空")
    edited = grids.report_with_grids(report, t2_rows, t3_rows, t4_rows, meta=meta, notes=notes)
    data = edited.model_dump(mode="json")
    data["other_figures"]["processing_fee_yuan"] = fee
    return Report.model_validate(data)


def build_app(workspace: Workspace | None = None) -> gr.Blocks:
    """The whole UI. ``workspace`` defaults to ``NIANBAO_WORKSPACE`` (./workspace)."""
    ws = workspace or Workspace()
    page = Page()

    with gr.Blocks(title="年报助手", analytics_enabled=False) as demo:
        page.unit_state = gr.State(None)
        gr.Markdown("## 年报助手 · 政府信息公开工作年度报告起草与校核")
        with gr.Row():
            page.unit_picker = gr.Dropdown(label="单位（切换单位会先保存当前单位的修改）", choices=[],
                                           interactive=True, allow_custom_value=True, scale=4, elem_id="nb-unit")
            page.saved = gr.HTML("", elem_id="nb-saved", scale=1)
        page.status = gr.Markdown("", elem_id="nb-status")
        page.messages["unit"] = gr.HTML(elem_id="nb-unit-msg", elem_classes="nb-msg")  # seen with the panel folded
        units = _units_area(page)
        with gr.Tabs() as tabs:
            with gr.Tab("基本信息与表格", id="tab-tables"):
                tables = _tables_tab(page)
            with gr.Tab("起草", id="tab-draft"):
                draft = _draft_tab(page)
            with gr.Tab("问题清单", id="tab-findings"):
                review = _findings_tab(page)
            with gr.Tab("全文预览", id="tab-preview"):
                page.preview = gr.HTML(elem_id="nb-preview")
            with gr.Tab("导出", id="tab-export"):
                export = _export_tab(page)
            with gr.Tab("全部单位（管理员）", id="tab-overview", visible=False) as overview_tab:
                overview = _overview_tab()
            with gr.Tab("批量", id="tab-batch"):
                batch = _batch_tab()
        overview["tabs"] = tabs  # the administrator lands on 全部单位 when no unit of theirs is open
        _wire(ws, page, units, tables, draft, review, export, overview, overview_tab, batch, demo)
    demo.nb_page = page  # type: ignore[attr-defined]  # for tests and the client's output names
    return demo


# --- the areas ------------------------------------------------------------------------------------------------------

def _units_area(page: Page) -> dict[str, Any]:
    c: dict[str, Any] = {}
    with gr.Accordion("单位：新建、导入、另存为下一年度、删除", open=True, elem_id="nb-units") as page.units_panel:
        with gr.Row():
            c["new_name"] = gr.Textbox(label="新建单位：机关名称", placeholder="如：某某县某某镇人民政府",
                                       elem_id="nb-new-name", scale=3)
            c["new_kind"] = gr.Dropdown(label="机关类型", choices=list(ORGAN_KINDS), value="乡镇",
                                        elem_id="nb-new-kind", scale=1)
            c["new_year"] = gr.Textbox(label="报告年度", value=lambda: str(handlers.default_report_year()),
                                       elem_id="nb-new-year", scale=1)  # on each page load
            c["new_btn"] = gr.Button("新建单位", variant="primary", elem_id="nb-new", scale=1)
        with gr.Row():
            c["upload"] = gr.File(label=f"或导入：输入文件、工作簿或上年年报（{suffix_list()}）",
                                  file_types=[*INPUT_SUFFIXES, *REPORT_SUFFIXES], elem_id="nb-upload", scale=3)
            with gr.Column(scale=2):
                c["example_btn"] = gr.Button("打开示例单位（竹亭镇 2020 年度，练习用）", elem_id="nb-example")
                c["next_year_btn"] = gr.Button("另存为下一年度", elem_id="nb-next-year")
                c["delete_btn"] = gr.Button("删除此单位…", variant="stop", elem_id="nb-delete")
        with gr.Row():
            c["url"] = gr.Textbox(label="或从网址导入上年年报（政府网站上的年报页面或 PDF/Word 附件链接）",
                                  placeholder="https://", scale=3, elem_id="nb-url")
            c["url_btn"] = gr.Button("从网址导入", scale=1, elem_id="nb-url-import")
        with gr.Group(visible=False, elem_id="nb-delete-confirm") as c["delete_group"]:
            c["delete_text"] = gr.Markdown()
            with gr.Row():
                c["delete_yes"] = gr.Button("确认删除", variant="stop", elem_id="nb-delete-yes")
                c["delete_no"] = gr.Button("取消", elem_id="nb-delete-no")
    return c


def _no_unit_hint(page: Page) -> None:
    """“请先新建单位” atop a tab whose fields need a unit; while it shows, the page script makes them inert."""
    page.no_unit_hints.append(gr.HTML(NO_UNIT_HINT, elem_classes="nb-no-unit-hint"))


def _tables_tab(page: Page) -> dict[str, Any]:
    c: dict[str, Any] = {}
    _no_unit_hint(page)
    with gr.Column(elem_classes="nb-needs-unit"):  # inert while there is no unit
        with gr.Column(elem_classes="nb-form"):
            with gr.Row():
                page.meta = {key: gr.Textbox(label=label, elem_id=f"nb-meta-{key}") for key, label in META_FIELDS[:2]}
                page.organ_kind = gr.Dropdown(label="机关类型", choices=list(ORGAN_KINDS), value="乡镇",
                                              elem_id="nb-kind")
                page.year = gr.Textbox(label="报告年度", value="", max_lines=1, elem_id="nb-year")  # blank with no unit
            with gr.Row():
                page.meta |= {key: gr.Textbox(label=label, elem_id=f"nb-meta-{key}") for key, label in META_FIELDS[2:]}
            with gr.Row():
                page.contact = {key: gr.Textbox(label=label, elem_id=f"nb-contact-{key}") for key, label in CONTACT_FIELDS}
            with gr.Row():
                page.sign_date = gr.Textbox(label=sign_date_label(None), elem_id="nb-sign-date")
                page.fee = gr.Textbox(label="本年收取信息处理费（元，未收取填 0）", elem_id="nb-fee")
            gr.Markdown("单击单元格即可填写。总计列、（七）总计行和表四的总计由各分项自动计算。表格的行和列是固定的。")
            page.blank_info = gr.Markdown(NO_UNIT, elem_id="nb-blank-info")
            c["fill_zero"] = page.fill_zero = gr.Button("空白按0填写", elem_id="nb-fill-zero", size="sm", visible=False)
            t2_headers, t3_headers, t4_headers = grids.empty_headers()  # the official labels, never Gradio's 1 2 3
            page.t2 = _grid("t2", [0, 1, 2], headers=t2_headers)
            page.t3 = _grid("t3", [0, 7], headers=t3_headers, column_widths=["260px", *["86px"] * 7])
            page.t4 = _grid("t4", [0, 5], headers=t4_headers)
        with gr.Row(elem_id="nb-save-row"):  # kept in view at the window's foot while the form scrolls
            c["save"] = gr.Button("保存并校核表格", variant="primary", elem_id="nb-save", scale=1)
            page.messages["tables"] = gr.HTML(elem_id="nb-tables-msg", elem_classes="nb-msg")
        page.figure_findings = gr.Dataframe(label="表格校核结果", headers=FINDING_HEADERS, interactive=False,
                                            buttons=[], wrap=True, column_widths=list(handlers.FINDING_COLUMNS.values()))
    return c


def _grid(table: str, static_columns: list[int], headers: list[str] | None = None,
          column_widths: list[str | int] | None = None) -> gr.Dataframe:
    """An official table's grid: fixed rows and columns, labels and totals not editable, the row labels pinned."""
    return gr.Dataframe(label=grids.table_label(table), headers=headers, static_columns=static_columns,
                        column_widths=column_widths, elem_id=f"nb-{table}", elem_classes="nb-grid",
                        interactive=False, buttons=[],  # editable once a unit is open (see ``show``)
                        pinned_columns=1, max_height=2000, wrap=True)


def _draft_tab(page: Page) -> dict[str, Any]:
    c: dict[str, Any] = {}
    _no_unit_hint(page)
    with gr.Column(elem_classes="nb-needs-unit"):  # inert while there is no unit
        with gr.Accordion(f"各方面的简要情况（每行一条；句首标“{CARRIED_MARK}”的是上年年报的原句：本年仍属实的删去"
                          f"“{CARRIED_MARK}”，否则改写；标着的句子不会写入正文）", open=True,
                          elem_id="nb-notes") as c["notes_panel"]:  # folded after a draft: the text comes next
            with gr.Column(elem_classes="nb-form"):
                page.notes = {key: gr.Textbox(label=label, lines=2, elem_id=f"nb-note-{key}")
                              for key, label in NOTE_ASPECTS.items()}
        with gr.Row():
            c["drafter"] = _drafter_choice()
            c["draft"] = gr.Button("起草", variant="primary", elem_id="nb-draft")
        page.messages["draft"] = gr.HTML(elem_id="nb-draft-msg", elem_classes="nb-msg")
        with gr.Group(visible=False, elem_id="nb-draft-confirm") as c["confirm_group"]:
            c["confirm_text"] = gr.Markdown()
            with gr.Row():
                c["confirm_yes"] = gr.Button("仍然起草（修改过的原文存入版本历史）", variant="stop", elem_id="nb-draft-yes")
                c["confirm_no"] = gr.Button("取消", elem_id="nb-draft-no")
        with gr.Column(elem_classes="nb-form"):
            page.sections = [gr.Textbox(label=label, lines=6, elem_id=f"nb-section-{i}")
                             for i, label in enumerate(SECTION_LABELS)]
        with gr.Row():
            c["save_text"] = gr.Button("保存修改并重新校核", elem_id="nb-save-text")
            page.messages["text"] = gr.HTML(elem_id="nb-text-msg", elem_classes="nb-msg")
        with gr.Accordion("版本历史（每部分的每次起草、修改、对话修改都保留，可恢复）", open=False, elem_id="nb-versions"):
            with gr.Row():
                c["part"] = gr.Dropdown([(label, i) for i, label in enumerate(SECTION_LABELS)], value=1, label="部分",
                                        elem_id="nb-version-part")
                c["version"] = gr.Dropdown([], label="版本", elem_id="nb-version-pick")
                c["restore"] = gr.Button("恢复这个版本", elem_id="nb-restore")
            page.messages["restore"] = gr.HTML(elem_id="nb-restore-msg", elem_classes="nb-msg")  # beside the button
            c["version_text"] = gr.Textbox(label="这个版本的内容", lines=4, interactive=False, elem_id="nb-version-text")
        gr.Markdown("### 对话修改\n例如：“第五部分写得具体一些”“今年组织了2次培训，加到监督保障里”。"
                    "修改立即显示在上面的正文和表格中；不满意可点“撤销对话的上一次修改”。")
        c["chatbot"] = gr.Chatbot(label="对话", elem_id="nb-chat", height=320, buttons=[])
        with gr.Row():
            c["chat_input"] = gr.Textbox(label="修改要求", show_label=False, placeholder="输入修改要求，按回车发送", scale=5,
                                         elem_id="nb-chat-input")
            c["chat_send"] = gr.Button("发送", variant="primary", scale=1, elem_id="nb-chat-send")
            c["chat_undo"] = gr.Button("撤销对话的上一次修改", scale=1, elem_id="nb-chat-undo")
    return c


def _drafter_choice() -> gr.Radio:
    """起草方式: the model is offered only when the server has one (a clerk cannot configure it)."""
    from assistant.ui.chat import model_configured

    if model_configured():
        return gr.Radio([("模板（离线）", "template"), ("语言模型", "llm")], value="template", label="起草方式",
                        elem_id="nb-drafter")
    return gr.Radio([("模板（离线）", "template")], value="template", elem_id="nb-drafter",
                    label="起草方式（未配置语言模型，用模板起草；需要时请系统管理员配置）")


def _findings_tab(page: Page) -> dict[str, Any]:
    c: dict[str, Any] = {}
    with gr.Row():
        c["severity"] = gr.Dropdown(["全部", *SEVERITY_LABELS.values()], value="全部", label="严重程度")
        c["category"] = gr.Dropdown(["全部", *CATEGORY_LABELS.values()], value="全部", label="类别")
        c["expert"] = gr.Checkbox(label="专家视图（显示规则编号等技术信息）", value=False, elem_id="nb-expert")
    gr.Markdown("单击一行查看这条问题。")
    page.findings_df = gr.Dataframe(headers=FINDING_HEADERS, interactive=False, elem_id="nb-findings", buttons=[],
                                    wrap=True, column_widths=list(handlers.FINDING_COLUMNS.values()))
    page.finding_pick = gr.Dropdown(label="查看问题（序号）", choices=[], elem_id="nb-pick")
    c["context"] = gr.HTML(elem_id="nb-context")
    with gr.Row():
        c["decision"] = gr.Radio([("确认", "confirmed"), ("驳回", "dismissed")], label="复核结论",
                                 elem_id="nb-decision")
        c["comment"] = gr.Textbox(label="备注（驳回须写明理由）", elem_id="nb-comment")
        c["decide"] = gr.Button("记录复核结论", elem_id="nb-decide")
    with gr.Row():
        c["bulk"] = gr.Button("全部确认（当前筛选）")
        page.messages["findings"] = gr.HTML(elem_id="nb-findings-msg", elem_classes="nb-msg")
    return c


def _export_tab(page: Page) -> dict[str, Any]:
    c: dict[str, Any] = {}
    with gr.Row():
        c["docx"] = gr.Button("导出 Word 文档", variant="primary", elem_id="nb-export-docx")
        c["review"] = gr.Button("导出审阅稿（问题作批注）", elem_id="nb-export-review")
        c["json"] = gr.Button("导出问题清单（机读格式）", elem_id="nb-export-json")
    page.messages["export"] = gr.HTML(elem_id="nb-export-msg", elem_classes="nb-msg")
    c["file"] = gr.HTML(elem_id="nb-export-file")  # links under a neutral address (downloads.py), no server path
    return c


def _overview_tab() -> dict[str, Any]:
    c: dict[str, Any] = {}
    gr.Markdown("所有单位的状态。单击一行打开该单位（可代为起草、复核、导出）。")
    c["refresh"] = gr.Button("刷新", elem_id="nb-overview-refresh", size="sm")
    c["table"] = gr.Dataframe(headers=OVERVIEW_HEADERS, interactive=False, elem_id="nb-overview", buttons=[],
                              wrap=True)
    c["chosen"] = gr.Number(visible=False)
    return c


def _batch_tab() -> dict[str, Any]:
    c: dict[str, Any] = {}
    c["files"] = gr.File(label="上传工作簿、输入文件或 zip", file_count="multiple", elem_id="nb-batch-files")
    c["run"] = gr.Button("批量起草", elem_id="nb-batch-run")
    c["status"] = gr.HTML(elem_id="nb-batch-msg", elem_classes="nb-msg")
    c["result"] = gr.HTML(elem_id="nb-batch-result")
    c["add"] = gr.Button("把这些单位加入工作区", elem_id="nb-batch-add")
    c["paths"] = gr.State([])
    return c


# --- wiring ---------------------------------------------------------------------------------------------------------

def _wire(ws: Workspace, page: Page, units: dict, tables: dict, draft: dict, review: dict, export: dict,
          overview: dict, overview_tab: Any, batch: dict, demo: gr.Blocks) -> None:
    unit_outputs = page.outputs()
    n_outputs = len(unit_outputs)
    message_index = {key: 4 + i for i, key in enumerate(page.messages)}

    def show(view: handlers.UnitView, user: str, message: str = "", where: str = "unit") -> list[Any]:
        unit, report = view.unit, view.unit.report
        carried = handlers.carried_from_last_year(ws, unit)
        g2, g3, g4 = grids.styled_grids(report, carried)
        rows = handlers.findings_table(ws, unit, view.findings)
        figure_rows = [r for r, f in zip(rows, view.findings, strict=False) if _is_figure(f)]
        units_list = ws.units(user, is_admin(user))
        blanks = handlers.blank_cells(report)
        blank_text = (f"表格中有 {len(blanks)} 个空白单元格（导入的原表未填）。如果都应为 0，请点“空白按0填写”。"
                      if blanks else "")
        blank_text = "\n\n".join(t for t in (markdown_text(handlers.carried_note(report, carried)), blank_text) if t)
        messages = [message_html(message) if key == where else "" for key in page.messages]
        return [
            unit.id, gr.update(choices=[(u.label + (f"（{u.owner}）" if u.owner != user else ""), u.id)
                                        for u in units_list], value=unit.id),
            f"**{markdown_text(unit.label)}**：{summary_line(view.findings)}{unreadable_note(ws, user)}",
            saved_stamp(unit.updated), *messages,
            *[getattr(report.meta, k) or "" for k in page.meta], report.meta.organ_kind, report.meta.year,
            gr.update(value=_date_text(report.meta.sign_date), label=sign_date_label(report.meta.year)), _fee_text(report),
            *[getattr(report.meta.contact, k) or "" for k in page.contact],
            gr.update(value=g2, headers=grids.t2_headers(), interactive=True),
            gr.update(value=g3, headers=grids.t3_headers(report.fmt), interactive=True),
            gr.update(value=g4, headers=grids.t4_headers(report.fmt), interactive=True),
            blank_text, figure_rows, *["\n".join(getattr(report.notes, k)) for k in page.notes],
            *handlers.section_texts(unit.draft), rows, gr.update(choices=[r[0] for r in rows], value=None),
            document_html(handlers.document(unit)), gr.update(open=False), *[""] * len(page.no_unit_hints),
            gr.update(visible=bool(blanks)),
        ]

    def failed(message: str, where: str) -> list[Any]:
        out: list[Any] = [gr.update() for _ in range(n_outputs)]
        out[message_index[where]] = message_html(f"无法完成：{message}", ok=False)
        return out

    def guarded(fn, where: str):  # noqa: ANN001, ANN202 - gradio callbacks
        def run(request: gr.Request, *args: Any) -> list[Any]:
            user = current_user(request)
            try:
                view, message = fn(user, *args)
            except Exception as exc:  # noqa: BLE001 - a Chinese line, never Python's words
                return failed(error_text("", exc), where)
            return show(view, user, message, where)
        return run

    def keep_texts(user: str, unit_id: Any, texts: tuple[Any, ...] | list[Any]) -> None:
        """Edits typed in the section boxes are stored (as a version) before anything else refreshes the page."""
        if not unit_id:
            return
        unit = ws.get(int(unit_id), user, is_admin(user))
        if unit is None or unit.draft is None:
            return
        texts = [str(t or "") for t in texts]
        if [handlers._normal(t) for t in texts] != [handlers._normal(t) for t in handlers.section_texts(unit.draft)]:
            handlers.save_sections(ws, user, unit.id, texts, is_admin(user))

    def keep_form(user: str, unit_id: Any, values: tuple[Any, ...]) -> None:
        """The form's unsaved edits are stored before the page shows another unit (InputError when they are wrong)."""
        if not unit_id:
            return
        unit = ws.get(int(unit_id), user, is_admin(user))
        if unit is None or not values or values[0] in (None, ""):
            return
        report = form_report(unit.report, values, page)
        if report != unit.report:
            ws.update_report(unit.id, report)

    n_form, n_sections = len(page.form()), len(page.sections)

    def leaving(fn):  # noqa: ANN001, ANN202 - store the current unit's edits, then do ``fn``
        def run(user: str, unit_id: Any, *args: Any) -> tuple[handlers.UnitView, str]:
            form, texts, rest = args[:n_form], args[n_form:n_form + n_sections], args[n_form + n_sections:]
            try:
                keep_texts(user, unit_id, texts)
                keep_form(user, unit_id, form)
            except InputError as exc:
                raise InputError(f"当前单位的修改有误，未切换：{exc}") from exc
            return fn(user, unit_id, *rest)
        return run

    # --- units ---
    def new_unit(user: str, _unit_id: Any, name: str, kind: str, year: Any) -> tuple[handlers.UnitView, str]:
        view = handlers.new_unit(ws, user, name, kind, year)
        return view, f"已新建：{view.unit.label}。表格已全部填 0，只需填写不为 0 的数字"

    def load_example(user: str, _unit_id: Any) -> tuple[handlers.UnitView, str]:
        return handlers.load_example(ws, user), "已打开示例单位（练习用，与您自己的单位分开保存）"

    def upload_file(user: str, _unit_id: Any, file: Any) -> tuple[handlers.UnitView, str]:
        if file is None:
            raise InputError("没有选择文件")
        path = file if isinstance(file, str) else file.name
        try:
            views = handlers.prefill_from_file(ws, user, path)
        finally:
            discard_upload(path)
        others = f"等 {len(views)} 个单位（可在“单位”中切换）" if len(views) > 1 else ""
        carried = handlers.carried_over_note(views[0].unit.report)
        return views[0], f"已导入：{views[0].unit.label}{others}" + (f"。{carried}" if carried else "")

    def import_url(user: str, _unit_id: Any, address: str) -> tuple[handlers.UnitView, str]:
        if not (address or "").strip():
            raise InputError("请填写网址")
        view = handlers.prefill_from_file(ws, user, address.strip())[0]
        carried = handlers.carried_over_note(view.unit.report)
        return view, f"已导入：{view.unit.label}" + (f"。{carried}" if carried else "")

    def pick_unit(user: str, _unit_id: Any, chosen: Any) -> tuple[handlers.UnitView, str]:
        return handlers.open_unit(ws, user, chosen, is_admin(user)), ""

    def next_year(user: str, unit_id: Any) -> tuple[handlers.UnitView, str]:
        view = handlers.save_as_next_year(ws, user, unit_id, is_admin(user))
        carried = handlers.carried_over_note(view.unit.report)
        return view, (f"已另存为：{view.unit.label}（上年的单位不变）。上年结转已按上年“结转下年度”填入，"
                      "现行有效件数取上年数，其余数字从 0 开始"
                      + (f"。{carried}" if carried else ""))

    def clear_new_name(name: str, unit_id: Any) -> Any:
        """The 新建单位 name box empties once its unit is open (ready for the next one)."""
        unit = ws.get(int(unit_id), "", admin=True) if unit_id else None
        done = unit is not None and unit.report.meta.organ_name == str(name or "").strip()
        return "" if done else gr.update()

    state_and_page = [page.unit_state, *page.form(), *page.sections]
    leaving_js = grids_as_shown(state_and_page, page)  # the grids come first in every event's inputs that leaves
    units["new_btn"].click(guarded(leaving(new_unit), "unit"),
                           [*state_and_page, units["new_name"], units["new_kind"], units["new_year"]],
                           unit_outputs, api_name="new_unit", js=leaving_js, show_progress="hidden").then(
        clear_new_name, [units["new_name"], page.unit_state], units["new_name"], api_visibility="private",
        show_progress="hidden")
    units["example_btn"].click(guarded(leaving(load_example), "unit"), state_and_page, unit_outputs,
                               api_name="load_example", js=leaving_js, show_progress="hidden")
    units["upload"].upload(guarded(leaving(upload_file), "unit"), [*state_and_page, units["upload"]], unit_outputs,
                           api_name="upload", js=leaving_js, show_progress="hidden").then(
        lambda: None, None, units["upload"], api_visibility="private", show_progress="hidden")  # read and gone
    units["url_btn"].click(guarded(leaving(import_url), "unit"), [*state_and_page, units["url"]], unit_outputs,
                           api_name="import_url", js=leaving_js, show_progress="hidden")
    page.unit_picker.input(guarded(leaving(pick_unit), "unit"), [*state_and_page, page.unit_picker], unit_outputs,
                           api_name="open_unit", js=leaving_js, show_progress="hidden")
    units["next_year_btn"].click(guarded(leaving(next_year), "unit"), state_and_page, unit_outputs,
                                 api_name="next_year", js=leaving_js, show_progress="hidden")

    def ask_delete(request: gr.Request, unit_id: Any) -> Any:
        user = current_user(request)
        try:
            unit = handlers.open_unit(ws, user, unit_id, is_admin(user)).unit
        except InputError as exc:
            return gr.update(visible=False), "", message_html(str(exc), ok=False)
        return (gr.update(visible=True),
                f"确定删除“{markdown_text(unit.label)}”吗？它的表格、正文、版本历史和复核记录都会删除，不能恢复。", "")

    def do_delete(request: gr.Request, unit_id: Any) -> list[Any]:
        user = current_user(request)
        try:
            label = handlers.delete_unit(ws, user, unit_id, is_admin(user))
        except InputError as exc:
            return [gr.update(visible=False), *failed(str(exc), "unit")]
        view = handlers.reopen_last(ws, user, is_admin(user))
        if view is None:
            empty = _empty_page(page, n_outputs, unreadable_note(ws, user))
            empty[message_index["unit"]] = message_html(f"已删除：{label}")
            return [gr.update(visible=False), *empty]
        return [gr.update(visible=False), *show(view, user, f"已删除：{label}", "unit")]

    units["delete_btn"].click(ask_delete, [page.unit_state],
                              [units["delete_group"], units["delete_text"], page.messages["unit"]],
                              api_name="ask_delete", show_progress="hidden")
    units["delete_yes"].click(do_delete, [page.unit_state], [units["delete_group"], *unit_outputs],
                              api_name="delete_unit", show_progress="hidden")
    units["delete_no"].click(lambda: gr.update(visible=False), None, units["delete_group"],
                             api_visibility="private", show_progress="hidden")

    # --- tables ---
    # a choice in a list sends no input event to the page script: it marks the page unsaved itself
    page.organ_kind.input(None, None, None, js="() => nbMarkDirty()", api_visibility="private",
                          show_progress="hidden")

    def save_all(user: str, unit_id: Any, *values: Any) -> tuple[handlers.UnitView, str]:
        admin = is_admin(user)
        unit = handlers.open_unit(ws, user, unit_id, admin).unit
        keep_texts(user, unit.id, values[n_form:])
        report = form_report(unit.report, values[:n_form], page)
        handlers.save_report(ws, user, unit.id, report, admin)
        filled = handlers.fill_gaps_from_form(ws, user, unit.id, admin)
        note = f"；正文中的{'、'.join(filled)}已填入" if filled else ""
        pasted = handlers.pasted_notes_note(report)
        return handlers.open_unit(ws, user, unit.id, admin), f"已保存，已重新校核{note}" + (f"。{pasted}" if pasted else "")

    tables_inputs = [page.unit_state, *page.form(), *page.sections]
    tables["save"].click(guarded(save_all, "tables"), tables_inputs, unit_outputs, api_name="save",
                         js=grids_as_shown(tables_inputs, page), show_progress="hidden").then(None, js=CLEAR_DIRTY)

    def fill_zero(user: str, unit_id: Any, *values: Any) -> tuple[handlers.UnitView, str]:
        save_all(user, unit_id, *values)
        view, n = handlers.fill_blanks_with_zero(ws, user, unit_id, is_admin(user))
        return view, f"已把 {n} 个空白单元格填为 0"

    tables["fill_zero"].click(guarded(fill_zero, "tables"), tables_inputs, unit_outputs, api_name="fill_zero",
                              js=grids_as_shown(tables_inputs, page), show_progress="hidden").then(None, js=CLEAR_DIRTY)

    # --- draft, texts, versions, chat ---
    def draft_all(user: str, unit_id: Any, kind: str, force: bool, *values: Any) -> tuple[handlers.UnitView, str]:
        admin = is_admin(user)
        unit = handlers.open_unit(ws, user, unit_id, admin).unit
        report = form_report(unit.report, values[:n_form], page)
        handlers.save_report(ws, user, unit.id, report, admin)
        texts = [str(t or "") for t in values[n_form:]]
        edited = handlers.edited_parts(ws, unit, texts)
        if edited and not force:
            raise NeedsConfirmation(edited)
        view = handlers.draft_unit(ws, user, unit.id, kind, admin, texts=texts)
        kept = f"；原来修改过的{('、'.join(edited))}已存入版本历史" if edited else ""
        said = [n for n in (handlers.carried_over_note(view.unit.report), handlers.pasted_notes_note(view.unit.report)) if n]
        return view, f"已起草{kept}" + "".join(f"。{n}" for n in said)

    class NeedsConfirmation(Exception):
        def __init__(self, parts: list[str]):
            super().__init__("、".join(parts))
            self.parts = parts

    def draft_event(force: bool):  # noqa: ANN202
        def run(request: gr.Request, unit_id: Any, kind: str, *values: Any) -> list[Any]:
            user = current_user(request)
            try:
                view, message = draft_all(user, unit_id, kind, force, *values)
            except NeedsConfirmation as ask:
                out = [gr.update()] * n_outputs
                text = (f"这些部分已经修改过（手工或对话）：**{'、'.join(ask.parts)}**。重新起草会替换全部正文；"
                        "修改过的原文会存入版本历史，可以随时恢复。")
                return [gr.update(visible=True), text, *out, gr.update()]
            except Exception as exc:  # noqa: BLE001
                return [gr.update(visible=False), "", *failed(error_text("", exc), "draft"), gr.update()]
            return [gr.update(visible=False), "", *show(view, user, message, "draft"), gr.update(open=False)]
        return run

    draft_inputs = [page.unit_state, draft["drafter"], *page.form(), *page.sections]
    draft_outputs = [draft["confirm_group"], draft["confirm_text"], *unit_outputs, draft["notes_panel"]]
    drafting = grids_as_shown(draft_inputs, page, then=working("nb-draft-msg", "正在起草…"))
    drafted = (f"() => {{ ({CLEAR_DIRTY})(); ({finished('nb-draft-msg')})(); "
               f"({brought_into_view('nb-draft-msg')})(); }}")
    draft["draft"].click(draft_event(False), draft_inputs, draft_outputs, api_name="draft", js=drafting,
                         show_progress="hidden").then(None, js=drafted)
    draft["confirm_yes"].click(draft_event(True), draft_inputs, draft_outputs, api_name="draft_anyway",
                               js=drafting, show_progress="hidden").then(None, js=drafted)
    draft["confirm_no"].click(lambda: (gr.update(visible=False), message_html("已取消，正文未改变")), None,
                              [draft["confirm_group"], page.messages["draft"]], api_visibility="private",
                              show_progress="hidden")

    def save_texts(user: str, unit_id: Any, *texts: str) -> tuple[handlers.UnitView, str]:
        return handlers.save_sections(ws, user, unit_id, list(texts), is_admin(user)), "已保存正文修改，已重新校核"

    draft["save_text"].click(guarded(save_texts, "text"), [page.unit_state, *page.sections], unit_outputs,
                             api_name="save_text", show_progress="hidden").then(None, js=CLEAR_DIRTY)

    def versions(unit_id: Any, part: Any) -> Any:
        choices = handlers.version_choices(ws, unit_id, int(part or 0)) if unit_id else []
        return gr.update(choices=choices, value=None), ""

    def version_text(unit_id: Any, part: Any, version_id: Any) -> str:
        if not unit_id or version_id is None:
            return ""
        return next((v.text for v in ws.versions(int(unit_id), int(part or 0)) if v.id == version_id), "")

    version_io = ([page.unit_state, draft["part"]], [draft["version"], draft["version_text"]])
    for box in page.sections:  # a draft, a restore or the chat changed the texts: their versions list follows
        box.change(versions, *version_io, api_visibility="private", show_progress="hidden",
                   trigger_mode="always_last")
    draft["part"].change(versions, [page.unit_state, draft["part"]], [draft["version"], draft["version_text"]],
                         api_visibility="private", show_progress="hidden")
    page.unit_state.change(versions, [page.unit_state, draft["part"]], [draft["version"], draft["version_text"]],
                           api_visibility="private", show_progress="hidden")
    draft["version"].change(version_text, [page.unit_state, draft["part"], draft["version"]], draft["version_text"],
                            api_visibility="private", show_progress="hidden")

    def restore(user: str, unit_id: Any, part: Any, version_id: Any) -> tuple[handlers.UnitView, str]:
        number = int(part or 0)
        version = next((v for v in ws.versions(int(unit_id), number) if str(v.id) == str(version_id)), None
                       ) if str(unit_id or "").isdigit() else None
        view = handlers.restore_version(ws, user, unit_id, number, version_id, is_admin(user))
        when = version.saved[11:16] if version is not None else ""
        return view, f"已恢复 {when} 的版本：“{SECTION_LABELS[number]}”已更新（原来的文字也存入了版本历史）"

    draft["restore"].click(guarded(restore, "restore"), [page.unit_state, draft["part"], draft["version"]],
                           unit_outputs, api_name="restore_version", show_progress="hidden").then(
        versions, [page.unit_state, draft["part"]], [draft["version"], draft["version_text"]])

    def chat_send(request: gr.Request, unit_id: Any, message: str, history: list, *texts: Any) -> list[Any]:
        from assistant.ui.chat import reply

        user = current_user(request)
        history = list(history or [])
        message = (message or "").strip()
        if not message:
            return [gr.update(), gr.update(), *[gr.update()] * n_outputs]
        try:
            keep_texts(user, unit_id, texts)
            answer = reply(ws, user, unit_id, message, admin=is_admin(user))
            view = handlers.open_unit(ws, user, unit_id, is_admin(user))
        except Exception as exc:  # noqa: BLE001
            answer, view = without_paths(error_text("无法完成：", exc)), None
        history += [{"role": "user", "content": message}, {"role": "assistant", "content": answer}]
        rest = show(view, user, "", "text") if view is not None else [gr.update()] * n_outputs
        return [history, "", *rest]

    chat_io = ([page.unit_state, draft["chat_input"], draft["chatbot"], *page.sections],
               [draft["chatbot"], draft["chat_input"], *unit_outputs])
    chatting = working("nb-text-msg", "正在请模型修改…")
    draft["chat_send"].click(chat_send, *chat_io, api_name="chat", js=chatting, show_progress="hidden").then(
        None, js=finished("nb-text-msg"))
    draft["chat_input"].submit(chat_send, *chat_io, api_visibility="private", js=chatting,
                               show_progress="hidden").then(None, js=finished("nb-text-msg"))

    def chat_undo(user: str, unit_id: Any) -> tuple[handlers.UnitView, str]:
        return handlers.undo_chat(ws, user, unit_id, is_admin(user))

    draft["chat_undo"].click(guarded(chat_undo, "text"), [page.unit_state], unit_outputs, api_name="chat_undo",
                             show_progress="hidden")

    # --- findings ---
    def filtered(request: gr.Request, unit_id: Any, severity: str, category: str, expert: bool) -> Any:
        user = current_user(request)
        try:
            view = handlers.open_unit(ws, user, unit_id, is_admin(user))
        except InputError:
            return gr.update(value=[], headers=FINDING_HEADERS), gr.update(choices=[])
        rows = handlers.findings_table(ws, view.unit, view.findings, severity, category, expert)
        columns = handlers.EXPERT_COLUMNS if expert else handlers.FINDING_COLUMNS
        return (gr.update(value=rows, headers=list(columns), column_widths=list(columns.values())),
                gr.update(choices=[r[0] for r in rows], value=None))

    filter_inputs = [page.unit_state, review["severity"], review["category"], review["expert"]]
    for control in (review["severity"], review["category"], review["expert"]):
        control.change(filtered, filter_inputs, [page.findings_df, page.finding_pick], api_visibility="private",
                       show_progress="hidden")

    def show_finding(request: gr.Request, unit_id: Any, number: Any) -> str:
        user = current_user(request)
        if not unit_id or not number:
            return ""
        try:
            view = handlers.open_unit(ws, user, unit_id, is_admin(user))
            finding = handlers.finding_by_number(view, number)
        except InputError as exc:
            return f"<p>{html.escape(without_paths(str(exc)))}</p>"
        history = ws.decision_history(view.unit.id).get(finding.fingerprint)
        return handlers.finding_context(view.unit, finding, history)

    page.finding_pick.change(show_finding, [page.unit_state, page.finding_pick], review["context"],
                             api_name="show_finding", show_progress="hidden")
    # another finding starts its review empty: a 驳回 reason written for one finding must not be saved with the next
    page.finding_pick.change(lambda: (None, ""), None, [review["decision"], review["comment"]],
                             api_visibility="private", show_progress="hidden")

    def pick_row(evt: gr.SelectData) -> Any:
        row = evt.row_value if evt is not None else None
        return gr.update(value=row[0]) if row else gr.update()

    page.findings_df.select(pick_row, None, page.finding_pick, api_visibility="private", show_progress="hidden")

    def record(request: gr.Request, unit_id: Any, number: Any, verdict: str, note: str, severity: str,
               category: str, expert: bool, bulk: bool = False) -> Any:
        user = current_user(request)
        admin = is_admin(user)
        try:
            view = handlers.open_unit(ws, user, unit_id, admin)
            if bulk:
                chosen = [view.findings[int(r[0]) - 1].fingerprint
                          for r in handlers.findings_table(ws, view.unit, view.findings, severity, category)]
                verdict = "confirmed"
            else:
                if not number or not verdict:
                    raise InputError("请先选择一条问题和复核结论")
                chosen = [handlers.finding_by_number(view, number).fingerprint]
            handlers.decide(ws, user, view.unit.id, chosen, verdict, note, admin)
        except InputError as exc:
            return gr.update(), message_html(f"无法完成：{exc}", ok=False), gr.update(), gr.update()
        rows = handlers.findings_table(ws, view.unit, view.findings, severity, category, expert)
        status = f"**{markdown_text(view.unit.label)}**：{summary_line(view.findings)}{unreadable_note(ws, user)}"
        waived = handlers.dismissed_errors(ws, view.unit, view.findings)
        extra = f"；已驳回的 {len(waived)} 项错误不再阻止导出" if waived else ""
        context = show_finding(request, unit_id, number) if number else gr.update()
        return rows, message_html(f"已记录 {len(chosen)} 条复核结论{extra}"), status, context

    def record_one(request: gr.Request, unit_id: Any, number: Any, verdict: str, note: str, severity: str,
                   category: str, expert: bool) -> Any:
        return record(request, unit_id, number, verdict, note, severity, category, expert)

    def record_all(request: gr.Request, unit_id: Any, note: str, severity: str, category: str, expert: bool) -> Any:
        return record(request, unit_id, None, "confirmed", note, severity, category, expert, bulk=True)

    decided_outputs = [page.findings_df, page.messages["findings"], page.status, review["context"]]
    review["decide"].click(record_one, [page.unit_state, page.finding_pick, review["decision"], review["comment"],
                                        review["severity"], review["category"], review["expert"]],
                           decided_outputs, api_name="decide", show_progress="hidden")
    review["bulk"].click(record_all, [page.unit_state, review["comment"], review["severity"], review["category"],
                                      review["expert"]], decided_outputs, api_name="bulk_confirm",
                         show_progress="hidden")

    # --- export ---
    def export_event(kind: str):  # noqa: ANN202
        def run(request: gr.Request, unit_id: Any) -> Any:
            try:
                user = current_user(request)
                admin = is_admin(user)
                exported = handlers.export(ws, user, unit_id, kind, admin=admin)
                unit = handlers.open_unit(ws, user, unit_id, admin).unit
            except Exception as exc:  # noqa: BLE001
                return "", message_html(error_text("无法导出：", exc), ok=False)
            text, ok = handlers.export_message(unit, kind, exported)
            if kind != "json" and exported.blocking:
                label = DRAFT_DOWNLOAD_LABEL
            else:
                label = REVIEW_DOWNLOAD_LABEL if kind == "review" else DOWNLOAD_LABEL
            return links_html(exported.files, user, label), message_html(text, ok=ok)
        return run

    for kind, api in (("docx", "export_docx"), ("review", "export_review"), ("json", "export_json")):
        export[kind].click(export_event(kind), [page.unit_state], [export["file"], page.messages["export"]],
                           api_name=api, js=working("nb-export-msg", "正在生成…"),
                           show_progress="hidden").then(None, js=finished("nb-export-msg"))

    # --- overview (administrators) ---
    def overview_rows(request: gr.Request) -> Any:
        user = current_user(request)
        return handlers.overview_rows(ws) if is_admin(user) else []

    overview["refresh"].click(overview_rows, None, overview["table"], api_name="overview", show_progress="hidden")

    def chosen_row(evt: gr.SelectData) -> Any:
        row = evt.row_value if evt is not None else None
        return row[0] if row else None

    def open_chosen(user: str, unit_id: Any, chosen: Any) -> tuple[handlers.UnitView, str]:
        if not is_admin(user) or chosen in (None, ""):
            raise InputError("请在表中单击要打开的单位")
        return handlers.open_unit(ws, user, int(chosen), True), "已打开（管理员）"

    overview["table"].select(chosen_row, None, overview["chosen"], api_visibility="private",
                             show_progress="hidden").then(
        guarded(leaving(open_chosen), "unit"), [*state_and_page, overview["chosen"]], unit_outputs,
        api_visibility="private", show_progress="hidden")

    # --- batch ---
    def run_batch(request: gr.Request, files: Any, progress: gr.Progress = gr.Progress()) -> Any:  # noqa: B008
        from assistant.ui.batch_tab import batch_reports, batch_zip

        uploads = [f if isinstance(f, str) else f.name for f in files or []]
        try:
            path, summary = batch_zip(uploads, progress)
            reports = batch_reports(uploads)  # read now: the uploads are discarded below
        except Exception as exc:  # noqa: BLE001 - a Chinese line, never Python's words
            return "", message_html(error_text("无法批量起草：", exc), ok=False), []
        finally:
            for upload in uploads:
                discard_upload(upload)
        return links_html([path], current_user(request), "结果（zip，含汇总）"), message_html(summary), reports

    # the uploads are read and gone: the upload box empties (its links named the server's temp dir)
    batch["run"].click(run_batch, [batch["files"]], [batch["result"], batch["status"], batch["paths"]],
                       api_name="batch").then(lambda: None, None, batch["files"], api_visibility="private",
                                              show_progress="hidden")

    def add_batch(request: gr.Request, reports: list[str]) -> str:
        from assistant.ui.batch_tab import add_to_workspace

        user = current_user(request)
        try:
            added, skipped = add_to_workspace(ws, user, reports)
        except Exception as exc:  # noqa: BLE001
            return message_html(error_text("无法加入：", exc), ok=False)
        text = f"已加入工作区 {len(added)} 个单位（已起草）" + (f"；{len(skipped)} 个已在工作区中，未覆盖：{'、'.join(skipped)}"
                                                     if skipped else "")
        return message_html(text)

    batch["add"].click(add_batch, [batch["paths"]], batch["status"], api_name="batch_add", show_progress="hidden")

    # --- page load: the unit last worked on; the administrator's tab ---
    def restore_page(request: gr.Request) -> list[Any]:
        user = current_user(request)
        admin = is_admin(user)
        tab = gr.update(visible=admin)
        rows = handlers.overview_rows(ws) if admin else []
        view = handlers.reopen_last(ws, user, admin)
        if view is None and rows:  # an administrator with units to review: the overview, not “请先新建单位”
            empty = _empty_page(page, n_outputs, unreadable_note(ws, user))
            empty[2] = f"工作区共有 {len(rows)} 个单位" + unreadable_note(ws, user)
            empty[page.outputs().index(page.units_panel)] = gr.update(open=False)
            empty[message_index["unit"]] = message_html(f"管理员：请在下方“全部单位（管理员）”中选择要审阅的单位（共 {len(rows)} 个）")
            return [tab, rows, gr.Tabs(selected="tab-overview"), *empty]
        if view is None:
            empty = _empty_page(page, n_outputs, unreadable_note(ws, user))
            empty[message_index["unit"]] = message_html("请先新建单位（填写机关名称、类型、年度），或导入文件、打开示例单位")
            return [tab, rows, gr.update(), *empty]
        return [tab, rows, gr.update(), *show(view, user, "", "unit")]

    # the page says when it is ready (body[data-nb-ready]): what the load shows would replace what a click made before
    demo.load(restore_page, None, [overview_tab, overview["table"], overview["tabs"], *unit_outputs],
              api_visibility="private",
              show_progress="hidden").then(None, js="() => { document.body.dataset.nbReady = '1'; }")


def _empty_page(page: Page, n_outputs: int, note: str = "") -> list[Any]:
    """The page with no unit open: nothing to edit, the grids read-only and empty, and what to do first."""
    out: list[Any] = [gr.update() for _ in range(n_outputs)]
    out[0] = None
    out[1] = gr.update(choices=[], value=None)
    out[2] = "还没有单位" + note
    outputs = page.outputs()
    for grid, headers in zip((page.t2, page.t3, page.t4), grids.empty_headers(), strict=True):
        out[outputs.index(grid)] = gr.update(value=[], headers=headers, interactive=False)
    out[outputs.index(page.units_panel)] = gr.update(open=True)
    for hint in page.no_unit_hints:
        out[outputs.index(hint)] = NO_UNIT_HINT
    out[outputs.index(page.blank_info)] = NO_UNIT
    out[outputs.index(page.fill_zero)] = gr.update(visible=False)
    out[outputs.index(page.year)] = ""
    return out


def unreadable_note(ws: Workspace, user: str) -> str:
    """For the status line (Markdown): the user's stored units that no longer read back, which the list leaves out."""
    labels = ws.unreadable(user, is_admin(user))
    if not labels:
        return ""
    return "\n\n" + markdown_text(f"另有 {len(labels)} 个单位的已存数据无法读取，未列出：{'、'.join(labels)}")


def _date_text(value: date | None) -> str:
    from assistant.numbering import chinese_date

    return chinese_date(value) if value else ""


def _is_figure(finding: Finding) -> bool:
    """A finding about the tables (shown beside the grids): its rule's scope, as the registry declares it."""
    from assistant.rules.registry import scope_of

    return scope_of(finding.rule) == "figures"


def launch_settings() -> dict[str, Any]:
    """What ``launch`` needs for the page: Chinese strings for Gradio's own texts, the style and the page script."""
    return {"i18n": I18N, "css": CSS, "head": HEAD, "footer_links": []}
