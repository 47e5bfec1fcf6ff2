"""Helpers for the browser tests: Debian's Chromium driven by Playwright, a recorder of a user's clicks, keystrokes and
the time of each step (with a screenshot per step), and a loopback model that revises the way a model would."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                                    reason="Chromium is not installed (CI installs it)")
TIMEOUT = 60000  # ms: a draft on a busy shared machine

ADDED = "下一步将继续提升政府信息公开质量。"  # what the loopback model adds to a section it is asked to revise
CHAT_CHANGES = {"t3.new_received.natural_person": 3, "t3.granted.natural_person": 2,
                "t3.unable_not_held.natural_person": 1}


CONTRADICTION = "全年共收到政府信息公开申请99件。"  # a figure no table holds
# How the loopback model misbehaves, as real providers do (set by a test, cleared after it): "contradict" (a revision
# that adds CONTRADICTION, also to every repair request), "timeout" (answers after TIMEOUT_SLEEP seconds, beyond the
# server's NIANBAO_LLM_TIMEOUT), "not_json" (a 200 whose body is an HTML error page), "empty" (an empty message).
MISBEHAVIOUR: dict[str, str] = {}
MODEL_TIMEOUT = 4  # the UI server's per-request timeout in these tests (seconds)
TIMEOUT_SLEEP = MODEL_TIMEOUT + 3
_last_revision: list[list[str]] = []


def revising_model(body: dict[str, Any]) -> dict[str, Any]:
    """The loopback model of the browser tests: a revision request gets its paragraphs back with ADDED at the end of
    the last one; a table request gets CHAT_CHANGES; unless a test set a :data:`MISBEHAVIOUR`."""
    user = body["messages"][-1]["content"]
    first = user.splitlines()[0]
    mode = MISBEHAVIOUR.get("mode")
    if mode == "timeout":
        return {"sleep": TIMEOUT_SLEEP, "content": json.dumps({"paragraphs": ["（太晚的回答）"]}, ensure_ascii=False)}
    if mode == "not_json":
        return {"raw": b"<html><body>502 Bad Gateway</body></html>"}
    if mode == "empty":
        return {"content": ""}
    if mode == "contradict":
        if "部分的现稿" in first:
            paragraphs = re.findall(r"^第\d+段：(.*)$", user, re.M)
            paragraphs[-1] += CONTRADICTION
            _last_revision[:] = [paragraphs]
        return {"content": json.dumps({"paragraphs": _last_revision[0]}, ensure_ascii=False)}  # repairs: the same
    if "部分的现稿" in first:
        paragraphs = re.findall(r"^第\d+段：(.*)$", user, re.M)
        paragraphs[-1] += ADDED
        return {"content": json.dumps({"paragraphs": paragraphs}, ensure_ascii=False)}
    if first.startswith("用户用文字说明了本年度的一些统计数字"):
        return {"content": json.dumps({"changes": CHAT_CHANGES}, ensure_ascii=False)}
    return {"content": json.dumps({"paragraphs": ["（未预期的请求）"]}, ensure_ascii=False)}


@dataclass
class Step:
    name: str
    seconds: float
    clicks: int
    keys: int


@dataclass
class Recorder:
    """Drives a page the way a person does and counts it: every click, every key; a screenshot after each step."""

    page: Any
    shots: Path
    clicks: int = 0
    keys: int = 0
    steps: list[Step] = field(default_factory=list)

    def click(self, selector: Any, **kwargs: Any) -> None:
        target = self.page.locator(selector) if isinstance(selector, str) else selector
        target.click(**kwargs)
        self.clicks += 1

    def type(self, selector: Any, text: str, enter: bool = False) -> None:
        """Click into a field and type ``text`` key by key (Enter counts as a key)."""
        self.click(selector)
        self.page.keyboard.type(text)
        self.keys += len(text)
        if enter:
            self.page.keyboard.press("Enter")
            self.keys += 1

    def cell(self, grid: str, row: int, col: int, value: str) -> None:
        """Single-click a grid cell, type the value, press Enter (at a person's pace: the grid selects the cell on
        the click and opens its editor on the first key)."""
        self.click(f"#{grid} [data-testid='cell-{row}-{col}']")
        self.page.wait_for_timeout(150)
        self.page.keyboard.type(value, delay=40)
        self.page.keyboard.press("Enter")
        self.keys += len(value) + 1
        self.page.wait_for_timeout(150)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        clicks, keys, start = self.clicks, self.keys, time.monotonic()
        yield
        self.steps.append(Step(name, round(time.monotonic() - start, 2), self.clicks - clicks, self.keys - keys))
        self.page.screenshot(path=str(self.shots / f"{len(self.steps):02d}-{name}.png"), full_page=True)

    def report(self) -> str:
        lines = [f"{s.name}: {s.seconds:.1f} 秒, {s.clicks} 次点击, {s.keys} 次按键" for s in self.steps]
        lines.append(f"合计: {sum(s.seconds for s in self.steps):.1f} 秒, {self.clicks} 次点击, {self.keys} 次按键")
        return "\n".join(lines)


def textbox(elem_id: str) -> str:
    """The input of a Gradio Textbox by its elem_id."""
    return f"#{elem_id} textarea, #{elem_id} input"


def log_in(page: Any, url: str, user: str, password: str, recorder: Recorder | None = None) -> None:
    page.goto(url)
    name, secret = page.locator("input[type=text]").first, page.locator("input[type=password]").first
    if recorder is not None:
        recorder.type(name, user)
        recorder.type(secret, password)
        recorder.click(page.get_by_role("button", name="登录"))
    else:
        name.fill(user)
        secret.fill(password)
        page.get_by_role("button", name="登录").click()
    page.locator("#nb-unit").wait_for(timeout=TIMEOUT)
    # the page's load (the unit last worked on) has been shown: a click before then could be overwritten by it (CI,
    # under load: 载入示例 clicked before the load's answer came, which then showed the empty page)
    page.locator("body[data-nb-ready='1']").wait_for(state="attached", timeout=TIMEOUT)
