"""End to end in headless Chromium (Debian's chromium, driven by Playwright): the 竹亭镇 example from loading to
the downloaded .docx. Screenshots of every tab are saved under the test's tmp dir for people to look at."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from docx import Document as WordDocument

from tests.ui_server import running_ui

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                                reason="Chromium is not installed (CI installs it)")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def test_load_draft_dismiss_and_download(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    shots = tmp_path / "screenshots"
    shots.mkdir()
    with running_ui(tmp_path / "ws") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="zh-CN")
        page.goto(url)
        status = page.locator("#nb-status")
        expect(status).to_contain_text("请新建单位", timeout=30000)

        page.get_by_role("button", name="载入示例：竹亭镇 2020 年度").click()
        expect(status).to_contain_text("已载入示例", timeout=30000)
        expect(page.locator("#nb-t3")).to_contain_text("本机关不掌握相关政府信息")
        page.screenshot(path=str(shots / "1-tables.png"), full_page=True)

        page.get_by_role("tab", name="起草").click()
        page.locator("#nb-draft").click()
        expect(status).to_contain_text("已起草", timeout=60000)
        expect(page.locator("#nb-section-1 textarea")).to_have_value(re.compile("本镇共收到政府信息公开申请1件"))
        page.screenshot(path=str(shots / "2-draft.png"), full_page=True)

        page.get_by_role("tab", name="问题清单").click()
        findings = page.locator("#nb-findings")
        expect(findings).to_contain_text("待复核")
        page.locator("#nb-pick input").click()
        page.get_by_role("option", name="1", exact=True).click()
        expect(page.locator("#nb-context")).not_to_be_empty()
        page.locator("#nb-decision").get_by_text("驳回").click()
        page.locator("#nb-comment textarea").fill("已核实，不是问题")
        page.locator("#nb-decide").click()
        expect(status).to_contain_text("已记录 1 条复核结论", timeout=30000)
        expect(findings).to_contain_text("已驳回")
        page.screenshot(path=str(shots / "3-findings.png"), full_page=True)

        page.get_by_role("tab", name="导出").click()
        page.locator("#nb-export-docx").click()
        expect(status).to_contain_text("已生成", timeout=60000)
        link = page.locator("#nb-export-file a").first
        with page.expect_download() as download_info:
            link.click()
        target = tmp_path / "downloaded.docx"
        download_info.value.save_as(target)
        page.screenshot(path=str(shots / "4-export.png"), full_page=True)

        page.get_by_role("tab", name="批量").click()
        page.screenshot(path=str(shots / "5-batch.png"), full_page=True)
        browser.close()

    word = WordDocument(str(target))
    texts = [p.text.replace("\n", "") for p in word.paragraphs]
    assert "袁州区竹亭镇人民政府2020年政府信息公开工作年度报告" in texts
    assert len(word.tables) == 3
    print("screenshots:", *sorted(str(p) for p in shots.iterdir()))
