"""The UI's API through gradio_client against the real server: draft -> check -> export; a restart keeps
everything; two users neither block each other nor see each other's units."""

from __future__ import annotations

import threading
from pathlib import Path

from docx import Document as WordDocument
from gradio_client import Client

from tests.ui_server import running_ui

# Positions in the unit outputs as the client sees them (the session state is not sent to clients):
# 0 picker, 1 status, 2-8 meta, 9 kind, 10 year, 11-14 contact, 15-17 tables, 18 figure findings, 19-27 notes,
# 28-34 section texts, 35 findings, 36 finding picker.
STATUS, FINDINGS, SECTIONS = 1, 35, slice(28, 35)
# In the form's inputs: the signing date, and the notes on 监督保障 and on last year's problems.
SIGN_DATE, OVERSIGHT, LAST_YEAR = 6, 20, 22


def _as_input(value: object) -> object:
    """A grid sent as an update ({'value', 'headers'}) goes back as a Dataframe payload."""
    if isinstance(value, dict) and value.get("__type__") == "update" and "value" in value:
        return value["value"]
    return value


def form_inputs(outputs: list) -> list:
    """The form's inputs (meta, kind, year, contact, the three grids, notes) from a unit's outputs."""
    return [_as_input(v) for v in (*outputs[2:18], *outputs[19:28])]


def completed(inputs: list) -> list:
    """The form with what the real 竹亭镇 report lacks filled in, as its staff would (else the draft has 〔待补〕)."""
    inputs = list(inputs)
    inputs[SIGN_DATE] = "2021-01-18"
    inputs[OVERSIGHT] += "\n政务公开工作纳入年度绩效考核\n开展群众满意度评议"
    inputs[LAST_YEAR] = "针对上年度公开不及时的问题，明确专人按时发布"
    return inputs


def test_draft_check_export_then_restart(tmp_path):
    workspace = tmp_path / "ws"
    with running_ui(workspace) as url:
        client = Client(url, verbose=False, download_files=str(tmp_path / "dl"))
        loaded = client.predict(None, api_name="/load_example")
        assert loaded[STATUS] == "已载入示例：竹亭镇 2020 年度"
        blocked = client.predict(api_name="/export_docx")
        assert blocked[0] is None and "还没有草稿" in blocked[1]

        gaps = client.predict("template", *form_inputs(loaded), api_name="/draft")
        assert [row[3] for row in gaps[FINDINGS]["data"] if row[1] == "错误"] == ["G1"] * 4  # its 〔待补〕 facts
        drafted = client.predict("template", *completed(form_inputs(loaded)), api_name="/draft")
        assert drafted[STATUS] == "已起草"
        sections = drafted[SECTIONS]
        assert "本镇" in sections[1] and "街道" not in sections[1]
        findings = drafted[FINDINGS]["data"]
        assert findings, "the 竹亭镇 draft has at least the U1 unit warning"
        assert all(row[1] != "错误" for row in findings)

        first = findings[0]
        context = client.predict("1", api_name="/show_finding")
        assert first[5].split("，")[0][:6] in context
        decided = client.predict("1", "dismissed", "已核实", "全部", "全部", api_name="/decide")
        assert decided[1] == "已记录 1 条复核结论"
        assert decided[0]["data"][0][6:8] == ["已驳回", "已核实"]

        exported = client.predict(api_name="/export_docx")
        assert exported[1].startswith("已生成：袁州区竹亭镇人民政府2020年政府信息公开工作年度报告")
        word = WordDocument(exported[0])
        assert word.paragraphs[0].text.replace("\n", "") == "袁州区竹亭镇人民政府2020年政府信息公开工作年度报告"
        review = client.predict(api_name="/export_review")
        assert "审阅稿" in Path(review[0]).name
        as_json = client.predict(api_name="/export_json")
        assert Path(as_json[0]).read_text(encoding="utf-8").count('"decision": "dismissed"') == 1

    with running_ui(workspace) as url:  # a server restart brings the unit back
        client = Client(url, verbose=False)
        reopened = client.predict(1, api_name="/open_unit")
        assert reopened[2] == "袁州区竹亭镇人民政府"
        assert reopened[SECTIONS] == sections
        rows = reopened[FINDINGS]["data"]
        assert rows[0][6:8] == ["已驳回", "已核实"]


def test_two_users_at_once(tmp_path):
    env = {"NIANBAO_USERS": "甲镇:pw1,乙镇:pw2", "NIANBAO_ADMINS": "县政务公开办"}
    with running_ui(tmp_path / "ws", env=env) as url:
        clients = {user: Client(url, auth=(user, pw), verbose=False) for user, pw in (("甲镇", "pw1"), ("乙镇", "pw2"))}
        results: dict[str, list] = {}

        def work(user: str) -> None:
            client = clients[user]
            loaded = client.predict(None, api_name="/load_example")
            results[user] = client.predict("template", *form_inputs(loaded), api_name="/draft")

        threads = [threading.Thread(target=work, args=(u,)) for u in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert {u: r[STATUS] for u, r in results.items()} == {"甲镇": "已起草", "乙镇": "已起草"}
        # each sees only their own unit in the picker
        choices = {u: [c[1] for c in r[0]["choices"]] for u, r in results.items()}
        assert len(choices["甲镇"]) == 1 and len(choices["乙镇"]) == 1
        assert choices["甲镇"] != choices["乙镇"]
        other = clients["甲镇"].predict(choices["乙镇"][0], api_name="/open_unit")
        assert "请先新建或选择一个单位" in other[STATUS]
