"""Chinese whatever the browser's language: Gradio picks the language of its own strings ("Drop File Here", "Clear",
"Copy", ...) from ``navigator.language`` when its page starts, so a clerk whose browser is set to English would read
English. This middleware puts a small script at the very top of every HTML page that makes the page see zh-CN
before Gradio's code runs (the browser's own settings are not touched)."""

from __future__ import annotations

from typing import Any

PAGE_LOCALE = "zh-CN"
LOCALE_SCRIPT = (
    "<script>(() => { for (const [name, value] of [['language', '" + PAGE_LOCALE + "'], "
    "['languages', ['" + PAGE_LOCALE + "', 'zh']]]) { try { Object.defineProperty(navigator, name, "
    "{ get: () => value, configurable: true }); } catch (e) {} } })();</script>"
).encode()
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
