"""Sign-ins outlive a restart of the server (issue 16: "restarting the server signs everyone out"), end after
SESSION_DAYS days, and end at once for a user taken out of NIANBAO_USERS."""

from __future__ import annotations

import http.cookiejar
import json
import stat
import urllib.parse
import urllib.request
from pathlib import Path

from assistant.ui.sessions import SESSION_DAYS, SESSIONS_FILE, StoredSessions
from tests.ui_server import running_ui_process


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_a_sign_in_is_stored_privately_and_comes_back_with_its_cookie_name(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / SESSIONS_FILE
    sessions = StoredSessions(path, "cookie-1", ["甲镇", "乙镇"], clock)
    sessions["t1"] = "甲镇"
    sessions["t2"] = "乙镇"
    del sessions["t2"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = StoredSessions(path, "cookie-2", ["甲镇", "乙镇"], clock)
    assert again.cookie_id == "cookie-1"
    assert dict(again) == {"t1": "甲镇"}
    assert again.get("t1") == "甲镇" and again.get("t2") is None


def test_a_removed_user_and_an_old_sign_in_do_not_come_back(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / SESSIONS_FILE
    sessions = StoredSessions(path, "c", ["甲镇", "乙镇"], clock)
    sessions["old"] = "甲镇"
    clock.now += SESSION_DAYS * 86400 - 10
    sessions["new"] = "乙镇"
    assert "old" in sessions
    clock.now += 20  # "old" is now older than SESSION_DAYS days: refused while running, dropped on restart
    assert "old" not in sessions and sessions.get("old") is None
    assert dict(StoredSessions(path, "c", ["甲镇", "乙镇"], clock)) == {"new": "乙镇"}
    assert dict(StoredSessions(path, "c", ["甲镇"], clock)) == {}  # 乙镇 is no longer a user


def test_an_unreadable_sessions_file_only_means_signing_in_again(tmp_path: Path) -> None:
    path = tmp_path / SESSIONS_FILE
    for text in ("{", "[]", json.dumps({"cookie_id": 3, "sessions": {}}), json.dumps({"sessions": {"t": "甲镇"}})):
        path.write_text(text, encoding="utf-8")
        sessions = StoredSessions(path, "fresh", ["甲镇"])
        assert (sessions.cookie_id, dict(sessions)) == ("fresh", {})


def _signed_in_user(url: str, cookies: http.cookiejar.CookieJar) -> object:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    with opener.open(url + "gradio_api/user", timeout=10) as answer:
        return json.loads(answer.read())


def test_a_clerk_stays_signed_in_across_a_restart_of_the_real_server(tmp_path: Path) -> None:
    env = {"NIANBAO_USERS": "甲镇:pw1,乙镇:pw2"}
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    data = urllib.parse.urlencode({"username": "甲镇", "password": "pw1"}).encode()
    with running_ui_process(tmp_path / "ws", env) as (url, _proc):
        with opener.open(urllib.request.Request(url + "login", data=data), timeout=10) as answer:
            assert answer.status == 200
        before = _signed_in_user(url, cookies)
    with running_ui_process(tmp_path / "ws", env) as (url, _proc):
        after = _signed_in_user(url, cookies)
    assert (before, after) == ("甲镇", "甲镇")
