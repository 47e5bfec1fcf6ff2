"""The UI's API through gradio_client against the real server: draft -> check -> export; a restart keeps
everything; two users neither block each other nor see each other's units."""

from __future__ import annotations

import functools
import tempfile
import threading
from pathlib import Path

import pytest
from docx import Document as WordDocument
from gradio_client import Client

from assistant.ui.app import build_app
from assistant.ui.workspace import Workspace
from tests.ui_server import download_links, fetch_downloads, running_ui


@functools.cache
def output_names() -> list[str]:
    """The unit outputs' names as a client sees them (the session state is not sent)."""
    with tempfile.TemporaryDirectory() as folder:
        return build_app(Workspace(folder)).nb_page.output_names()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def names() -> list[str]:
    return output_names()


class Outputs:
    """A unit's outputs by name: ``out["status"]``, ``out.form()``, ``out.sections()``."""

    def __init__(self, names: list[str], values: list | tuple):
        self.names, self.values = names, list(values)

    def __getitem__(self, name: str) -> object:
        return self.values[self.names.index(name)]

    def form(self) -> list:
        """The form's inputs (meta, kind, year, date, fee, contact, the three grids, notes), as sent back."""
        start, end = self.names.index("organ_name"), self.names.index("blank_info")
        notes = [v for n, v in zip(self.names, self.values, strict=True) if n.startswith("note_")]
        return [_as_input(v) for v in self.values[start:end]] + notes

    def sections(self) -> list:
        return [v for n, v in zip(self.names, self.values, strict=True) if n.startswith("section_")]


def _as_input(value: object) -> object:
    """A grid sent as an update ({'value', 'headers'}) goes back as a Dataframe payload."""
    if isinstance(value, dict) and value.get("__type__") == "update" and "value" in value:
        return value["value"]
    return value


def completed(out: Outputs) -> list:
    """The form with what the real 竹亭镇 report lacks filled in, as its staff would (else the draft has 〔待补〕)."""
    filled = Outputs(out.names, out.values)
    filled.values[out.names.index("sign_date")] = "2021年1月18日"
    filled.values[out.names.index("note_oversight")] += ("\n政务公开工作纳入年度绩效考核\n开展群众满意度评议，满意率为96%"
                                                          "\n全年未发生政府信息公开工作责任追究情况")
    filled.values[out.names.index("note_last_year_improvements")] = "针对上年度公开不及时的问题，明确专人按时发布"
    return filled.form()


def _blank_page(names: list[str]) -> list:
    """What an empty page sends: an empty form and empty texts (nothing to keep)."""
    form_names = names[names.index("organ_name"):names.index("blank_info")]
    n_notes = sum(1 for n in names if n.startswith("note_"))
    empty_grid = {"headers": ["项目"], "data": [[""]]}
    return [empty_grid if n in ("t2", "t3", "t4") else None for n in form_names] + [None] * (n_notes + 7)


def test_draft_check_export_then_restart(tmp_path, names):
    workspace = tmp_path / "ws"
    with running_ui(workspace) as url:
        client = Client(url, verbose=False, download_files=str(tmp_path / "dl"))
        loaded = Outputs(names, client.predict(*_blank_page(names), api_name="/load_example"))
        assert "已打开示例单位" in str(loaded["msg_unit"])
        blocked = client.predict(api_name="/export_docx")
        assert blocked[0] == "" and "还没有草稿" in blocked[1]

        result = client.predict("template", *loaded.form(), *loaded.sections(), api_name="/draft")
        gaps = Outputs(names, result[1:])  # [0] is the confirmation text (its group is no output)
        errors = [row[3] for row in gaps["findings"]["data"] if row[1] == "错误"]  # 问题
        assert len(errors) == 5 and all("〔待补：" in e for e in errors), errors  # its 〔待补〕 facts
        gap_export = client.predict(api_name="/export_docx")  # the -草稿 and its review copy, never as final
        label, links = download_links(gap_export[0])
        assert label == "下载：草稿（请勿印发），不是正式文档"
        assert all(address.startswith("/nb-download/") for _name, address in links)  # no server path
        assert [name for name, _address in links] == [
            "袁州区竹亭镇人民政府2020年政府信息公开工作年度报告-草稿.docx",
            "袁州区竹亭镇人民政府2020年政府信息公开工作年度报告-草稿-审阅稿.docx"]
        assert "不能导出正式文档：尚有5处待补内容" in gap_export[1]
        result = client.predict("template", *completed(gaps), *gaps.sections(), api_name="/draft")
        drafted = Outputs(names, result[1:])
        assert "已起草" in str(drafted["msg_draft"])
        sections = drafted.sections()
        assert "本镇" in sections[1] and "街道" not in sections[1]
        findings = drafted["findings"]["data"]
        assert findings, "the 竹亭镇 draft has at least the U1 unit warning"
        assert all(row[1] != "错误" for row in findings)

        first = findings[0]
        context = client.predict("1", api_name="/show_finding")
        assert first[3].split("，")[0][:6] in context
        decided = client.predict("1", "dismissed", "已核实", "全部", "全部", False, api_name="/decide")
        assert "已记录 1 条复核结论" in decided[1]
        assert decided[0]["data"][0][6:8] == ["已驳回", "已核实"]

        exported = client.predict(api_name="/export_docx")
        assert "已生成正式文档：袁州区竹亭镇人民政府2020年政府信息公开工作年度报告.docx" in exported[1]
        [final] = fetch_downloads(url, exported[0], tmp_path / "dl")
        word = WordDocument(final)
        assert word.paragraphs[0].text.replace("\n", "") == "袁州区竹亭镇人民政府2020年政府信息公开工作年度报告"
        review = client.predict(api_name="/export_review")
        assert [n for n, _a in download_links(review[0])[1]] == ["袁州区竹亭镇人民政府2020年政府信息公开工作年度报告-审阅稿.docx"]
        as_json = client.predict(api_name="/export_json")
        [json_file] = fetch_downloads(url, as_json[0], tmp_path / "dl")
        assert Path(json_file).read_text(encoding="utf-8").count('"decision": "dismissed"') == 2  # latest + log

    with running_ui(workspace) as url:  # a server restart brings the unit back
        client = Client(url, verbose=False)
        reopened = Outputs(names, client.predict(*_blank_page(names), 1, api_name="/open_unit"))
        assert reopened["organ_name"] == "袁州区竹亭镇人民政府"
        assert reopened.sections() == sections
        rows = reopened["findings"]["data"]
        assert rows[0][6:8] == ["已驳回", "已核实"]


def test_two_users_at_once(tmp_path, names):
    env = {"NIANBAO_USERS": "甲镇:pw1,乙镇:pw2", "NIANBAO_ADMINS": "县政务公开办"}
    with running_ui(tmp_path / "ws", env=env) as url:
        clients = {user: Client(url, auth=(user, pw), verbose=False) for user, pw in (("甲镇", "pw1"), ("乙镇", "pw2"))}
        results: dict[str, Outputs] = {}

        def work(user: str) -> None:
            client = clients[user]
            loaded = Outputs(names, client.predict(*_blank_page(names), api_name="/load_example"))
            drafted = client.predict("template", *loaded.form(), *loaded.sections(), api_name="/draft")
            results[user] = Outputs(names, drafted[1:])

        threads = [threading.Thread(target=work, args=(u,)) for u in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert {u: "已起草" in str(r["msg_draft"]) for u, r in results.items()} == {"甲镇": True, "乙镇": True}
        # each sees only their own unit in the picker
        choices = {u: [c[1] for c in r["unit_picker"]["choices"]] for u, r in results.items()}
        assert len(choices["甲镇"]) == 1 and len(choices["乙镇"]) == 1
        assert choices["甲镇"] != choices["乙镇"]
        other = Outputs(names, clients["甲镇"].predict(*_blank_page(names), choices["乙镇"][0], api_name="/open_unit"))
        assert "请先新建或选择一个单位" in str(other["msg_unit"])
