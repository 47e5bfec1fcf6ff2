"""How the UI is served: login beyond loopback, upload limit, private temp dir, no monitoring, no key in pages."""

from __future__ import annotations

import stat
import urllib.error
import urllib.request

import pytest

from assistant.errors import InputError
from assistant.ui.server import CONCURRENCY, MAX_UPLOAD, launch_kwargs, prepare_environment
from tests.ui_server import running_ui


def test_listening_beyond_loopback_needs_a_login(monkeypatch):
    monkeypatch.delenv("NIANBAO_USERS", raising=False)
    with pytest.raises(InputError) as err:
        launch_kwargs("0.0.0.0", 7860)
    assert "需要登录" in str(err.value)
    assert "auth" not in launch_kwargs("127.0.0.1", 7860)
    monkeypatch.setenv("NIANBAO_USERS", "甲镇:pw1,乙镇:pw2")
    kwargs = launch_kwargs("0.0.0.0", 7860)
    assert kwargs["auth"] == [("甲镇", "pw1"), ("乙镇", "pw2")]
    assert kwargs["max_file_size"] == MAX_UPLOAD == "20mb"
    assert kwargs["enable_monitoring"] is False
    assert CONCURRENCY > 1
    monkeypatch.setenv("NIANBAO_USERS", "没有密码")
    with pytest.raises(InputError):
        launch_kwargs("0.0.0.0", 7860)


def test_gradio_temp_dir_is_private(tmp_path, monkeypatch):
    monkeypatch.delenv("GRADIO_TEMP_DIR", raising=False)
    prepare_environment(tmp_path)
    temp = tmp_path / "tmp"
    assert stat.S_IMODE(temp.stat().st_mode) == 0o700
    import os

    assert os.environ["GRADIO_TEMP_DIR"] == str(temp)


def test_the_api_key_never_reaches_the_browser(tmp_path):
    secret = "sk-SENTINEL-never-in-a-page-0123456789"
    env = {"NIANBAO_LLM_API_KEY": secret, "NIANBAO_LLM_MODEL": "fake-model",
           "NIANBAO_LLM_BASE_URL": "http://127.0.0.1:9/v1"}
    with running_ui(tmp_path / "ws", env=env) as url:
        for path in ("", "config", "gradio_api/info", "monitoring"):
            try:
                with urllib.request.urlopen(url + path, timeout=10) as response:
                    body = response.read().decode("utf-8", "replace")
            except urllib.error.HTTPError as exc:
                body = exc.read().decode("utf-8", "replace")
                assert path != "", "the page itself must load"
            assert secret not in body


def test_every_page_sees_chinese_before_gradio_starts() -> None:
    from assistant.ui.locale import LOCALE_SCRIPT, with_locale_script

    page = b'<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="x.js"></script>'
    assert with_locale_script(page) == (b'<!doctype html><html lang="en"><head>' + LOCALE_SCRIPT
                                        + b'<meta charset="utf-8"><script type="module" src="x.js"></script>')
    assert b"'zh-CN'" in LOCALE_SCRIPT
    assert with_locale_script(b"{}") == b"{}"  # not a page: unchanged
