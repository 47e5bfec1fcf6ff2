"""Chinese whatever the browser's language: Gradio picks the language of its own strings ("Drop File Here", "Clear",
"Copy", ...) from ``navigator.language`` when its page starts, so a clerk whose browser is set to English would read
English. This middleware puts a small script at the very top of every HTML page that makes the page see zh-CN
before Gradio's code runs (the browser's own settings are not touched).

A few of Gradio's strings are fixed in its code, outside its translations: accessibility labels (read aloud by
screen readers) and the message of an upload over the size limit. The same script puts them in Chinese as they
appear (:data:`FIXED_LABELS`, :data:`FIXED_MESSAGES`)."""

from __future__ import annotations

from typing import Any

PAGE_LOCALE = "zh-CN"
FIXED_LABELS = {  # Gradio's aria-label / title texts -> Chinese
    "Click to upload or drop files": "点击上传或拖放文件",
    "Static column": "不可编辑的列",
    "Table actions": "表格操作",
    "Open cell menu": "打开单元格菜单",
    "Dataframe": "表格",
    "chatbot conversation": "对话记录",
    "File upload": "上传文件",
    "More tabs": "更多标签页",
}
FIXED_MESSAGES = [  # (pattern of Gradio's English message, its Chinese, $1… for the parts kept)
    (r"File\(s\) exceed the maximum allowed size of ([^:]+?)\s*Mb: (.*)",
     "文件超过允许的大小（不超过 $1 MB），未上传：$2"),
]
_TRANSLATE = """
const labels = __LABELS__, messages = __MESSAGES__.map(([p, t]) => [new RegExp(p), t]);
const fix = (root) => {
  if (!root || root.nodeType !== 1) return;
  for (const el of [root, ...root.querySelectorAll('[aria-label], [title]')]) {
    for (const attr of ['aria-label', 'title']) {
      const v = el.getAttribute && el.getAttribute(attr);
      if (v && labels[v]) el.setAttribute(attr, labels[v]);
    }
  }
};
const fixText = (node) => {
  for (const [p, t] of messages) {
    if (node.nodeValue && p.test(node.nodeValue)) node.nodeValue = node.nodeValue.replace(p, t);
  }
};
new MutationObserver((records) => {
  for (const m of records) {
    if (m.type === 'attributes') fix(m.target);
    else if (m.type === 'characterData') fixText(m.target);
    for (const n of m.addedNodes || []) {
      if (n.nodeType === 3) fixText(n);
      else { fix(n); const w = document.createTreeWalker(n, NodeFilter.SHOW_TEXT); while (w.nextNode()) fixText(w.currentNode); }
    }
  }
}).observe(document, { subtree: true, childList: true, characterData: true, attributes: true,
                       attributeFilter: ['aria-label', 'title'] });
"""


def _script() -> str:
    import json

    translate = (_TRANSLATE.replace("__LABELS__", json.dumps(FIXED_LABELS, ensure_ascii=False))
                 .replace("__MESSAGES__", json.dumps(FIXED_MESSAGES, ensure_ascii=False)))
    return ("<script>(() => { for (const [name, value] of [['language', '" + PAGE_LOCALE + "'], "
            "['languages', ['" + PAGE_LOCALE + "', 'zh']]]) { try { Object.defineProperty(navigator, name, "
            "{ get: () => value, configurable: true }); } catch (e) {} } " + translate + "})();</script>")


LOCALE_SCRIPT = _script().encode()
_HEAD = b"<head>"


def with_locale_script(html: bytes) -> bytes:
    """The page with :data:`LOCALE_SCRIPT` first in its ``<head>`` (unchanged when it has none)."""
    at = html.find(_HEAD)
    if at < 0:
        return html
    end = at + len(_HEAD)
    return html[:end] + LOCALE_SCRIPT + html[end:]


class ChinesePages:
    """ASGI middleware: every ``text/html`` response gets :data:`LOCALE_SCRIPT`; anything else passes untouched
    (streams, files and the event stream are not buffered)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: dict | None = None
        chunks: list[bytes] = []

        async def send_wrapper(message: dict) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                content_type = dict(message.get("headers") or []).get(b"content-type", b"")
                if content_type.startswith(b"text/html"):
                    start = message  # held back until the whole page is here
                    return
                await send(message)
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = with_locale_script(b"".join(chunks))
                kept = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                await send({**start, "headers": [*kept, (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
            else:
                await send(message)

        await self.app(scope, receive, send_wrapper)
