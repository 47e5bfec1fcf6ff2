"""The workspace database: units per user, drafts, decisions, proposals; survives reopening."""

from __future__ import annotations

from assistant.model import Draft, Section
from assistant.readers.inputfile import load_report
from assistant.ui.workspace import Workspace


def test_units_are_private_to_their_owner_and_visible_to_admin(tmp_path, zhuting_path, sample_path):
    ws = Workspace(tmp_path)
    a = ws.save_report("甲", load_report(zhuting_path))
    b = ws.save_report("乙", load_report(sample_path))
    assert [u.label for u in ws.units("甲")] == ["袁州区竹亭镇人民政府 2020年度"]
    assert [u.label for u in ws.units("乙")] == ["示范县青石镇人民政府 2024年度"]
    assert {u.id for u in ws.units("甲", admin=True)} == {a.id, b.id}
    assert ws.get(b.id, "甲") is None
    assert ws.get(b.id, "甲", admin=True) is not None


def test_everything_survives_reopening(tmp_path, zhuting_path):
    ws = Workspace(tmp_path)
    unit = ws.save_report("甲", load_report(zhuting_path))
    draft = Draft(title="标题", sections=[Section(heading="一、总体情况", key="overview", paragraphs=["正文"])])
    ws.save_draft(unit.id, draft)
    ws.decide(unit.id, "fp1", "dismissed", "不是问题", "甲")
    ws.set_proposal(unit.id, {"t3.new_received.natural_person": 3})

    reopened = Workspace(tmp_path)
    again = reopened.get(unit.id, "甲")
    assert again is not None
    assert again.report == unit.report
    assert again.draft is not None and again.draft.sections[0].paragraphs == ["正文"]
    decision = reopened.decisions(unit.id)["fp1"]
    assert (decision.decision, decision.comment, decision.user) == ("dismissed", "不是问题", "甲")
    assert reopened.pending_proposal(unit.id) == {"t3.new_received.natural_person": 3}
    reopened.set_proposal(unit.id, None)
    assert reopened.pending_proposal(unit.id) is None


def test_saving_the_same_unit_updates_it_and_keeps_its_draft(tmp_path, zhuting_path):
    ws = Workspace(tmp_path)
    unit = ws.save_report("甲", load_report(zhuting_path))
    ws.save_draft(unit.id, Draft(title="草稿"))
    again = ws.save_report("甲", load_report(zhuting_path))
    assert again.id == unit.id
    assert again.draft is not None and again.draft.title == "草稿"
    assert len(ws.units("甲")) == 1


def test_times_are_shown_in_beijing_time_whatever_the_servers_zone():
    """Outside tester: a server on UTC showed 已保存 16:38 to a clerk whose clock said 00:38."""
    from assistant.ui.app import saved_stamp
    from assistant.ui.workspace import shown_time

    assert f"{shown_time('2026-12-07T16:38:05+00:00'):%Y-%m-%d %H:%M}" == "2026-12-08 00:38"
    assert f"{shown_time('2026-12-07T16:38:05'):%H:%M}" == "16:38"  # stored before zones were kept: as it was
    assert saved_stamp("2026-12-07T16:38:05+00:00").endswith(">已保存 00:38</span>")
    assert Workspace._now().endswith("+08:00")
