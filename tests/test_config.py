"""Settings from the environment, and ``nianbao config`` (the key masked)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import Settings, load_settings
from assistant.errors import InputError

SENTINEL_KEY = "sk-SENTINEL-config-0b5e2d7c9a"
ENV = ("NIANBAO_LLM_BASE_URL", "NIANBAO_LLM_MODEL", "NIANBAO_LLM_API_KEY", "OPENAI_API_KEY", "NIANBAO_LLM_TIMEOUT",
       "NIANBAO_LLM_RETRIES", "NIANBAO_LLM_TEMPERATURE", "NIANBAO_LLM_CONCURRENCY", "NIANBAO_LLM_MAX_TOKENS",
       "NIANBAO_LLM_EXTRA_BODY", "NIANBAO_CACHE_DIR", "NIANBAO_TEST_LOOPBACK_ONLY")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NIANBAO_TEST_LOOPBACK_ONLY", "1")


def test_defaults_without_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NIANBAO_TEST_LOOPBACK_ONLY")
    s = load_settings()
    assert (s.base_url, s.model, s.api_key, s.configured) == (None, None, None, False)
    assert (s.timeout, s.retries, s.temperature, s.concurrency, s.max_tokens) == (60.0, 2, 0.3, 4, 1500)
    assert s.cache_dir == Path(".cache/nianbao")
    assert s.test_loopback_only is False


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", " https://api.deepseek.com ")
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "deepseek-chat")
    monkeypatch.setenv("NIANBAO_LLM_API_KEY", SENTINEL_KEY)
    monkeypatch.setenv("NIANBAO_LLM_TIMEOUT", "30")
    monkeypatch.setenv("NIANBAO_LLM_RETRIES", "1")
    monkeypatch.setenv("NIANBAO_LLM_TEMPERATURE", "0")
    monkeypatch.setenv("NIANBAO_LLM_CONCURRENCY", "8")
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path))
    s = load_settings()
    assert (s.base_url, s.model, s.timeout, s.retries, s.temperature, s.concurrency) == (
        "https://api.deepseek.com", "deepseek-chat", 30.0, 1, 0.0, 8)
    assert s.api_key is not None and s.api_key.get_secret_value() == SENTINEL_KEY
    assert s.cache_dir == tmp_path
    assert s.configured and not s.is_loopback and s.test_loopback_only


def test_key_falls_back_to_openai_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-openai-variable")
    assert load_settings().masked_key() == "sk-****le"
    monkeypatch.setenv("NIANBAO_LLM_API_KEY", SENTINEL_KEY)
    assert load_settings().api_key.get_secret_value() == SENTINEL_KEY  # type: ignore[union-attr]
    monkeypatch.setenv("NIANBAO_LLM_API_KEY", "  ")
    monkeypatch.delenv("OPENAI_API_KEY")
    assert load_settings().api_key is None


def test_the_key_never_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_LLM_API_KEY", SENTINEL_KEY)
    s = load_settings()
    shown = [repr(s), str(s), s.model_dump_json(), repr(s.model_dump()), str(s.shown()), s.masked_key()]
    assert all(SENTINEL_KEY not in t for t in shown)
    assert s.masked_key() == "sk-****9a"
    assert Settings(api_key="short").masked_key() == "****"  # type: ignore[call-arg]


@pytest.mark.parametrize(("name", "value", "problem"), [
    ("NIANBAO_LLM_TIMEOUT", "abc", "NIANBAO_LLM_TIMEOUT：应为数字，实为 “abc”"),
    ("NIANBAO_LLM_RETRIES", "-1", "NIANBAO_LLM_RETRIES：应为非负整数，实为 “-1”"),
    ("NIANBAO_LLM_CONCURRENCY", "0", "NIANBAO_LLM_CONCURRENCY：应为正整数，实为 “0”"),
    ("NIANBAO_LLM_MAX_TOKENS", "-3", "NIANBAO_LLM_MAX_TOKENS：应为正整数，实为 “-3”"),
])
def test_bad_values_name_the_variable(monkeypatch: pytest.MonkeyPatch, name: str, value: str, problem: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(InputError) as exc:
        load_settings()
    assert exc.value.message == "环境变量设置有误"
    assert exc.value.problems == [problem]


def test_nianbao_config_shows_the_settings_with_the_key_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1")
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "qwen-plus")
    monkeypatch.setenv("NIANBAO_LLM_API_KEY", SENTINEL_KEY)
    result = CliRunner().invoke(app, ["config"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "https://dashscope.aliyuncs.com/compatible-mode/v1" in result.output
    assert "qwen-plus" in result.output and "sk-****9a" in result.output
    assert "已配置，可用 --drafter llm 起草" in result.output
    assert SENTINEL_KEY not in result.output


def test_nianbao_config_without_a_model(monkeypatch: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(app, ["config"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "（未设置：使用模板起草）" in result.output and "（未设置）" in result.output
    assert "未配置模型，起草时使用模板" in result.output
    monkeypatch.setenv("NIANBAO_LLM_TIMEOUT", "-5")
    result = CliRunner().invoke(app, ["config"])
    assert result.exit_code == 2
    assert "NIANBAO_LLM_TIMEOUT" in result.output


def test_an_unknown_provider_is_a_wrong_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bug: ``NIANBAO_LLM_PROVIDER=foo nianbao config`` exited 0, showing the error in the table; the README's table
    says a wrong setting gives 2, as NIANBAO_LLM_TIMEOUT=abc did."""
    from assistant.drafting.providers import profiles

    monkeypatch.setenv("NIANBAO_LLM_PROVIDER", "foo")
    result = CliRunner().invoke(app, ["config"], env={"COLUMNS": "80"})
    assert result.exit_code == 2
    assert result.output == ("无法完成：环境变量设置有误\n"
                             f"  - NIANBAO_LLM_PROVIDER：未知的服务商“foo”（可选：{'、'.join(profiles())}）\n")
    monkeypatch.setenv("NIANBAO_LLM_PROVIDER", "DeepSeek")  # a known one, in any case
    assert load_settings().provider_label() == "DeepSeek（已指定）"


def _table_rows(output: str) -> list[tuple[str, ...]]:
    """The body rows of a rich table as printed, each cell's wrapped lines joined (spaces dropped: a wrap at a space
    drops it)."""
    rows: list[list[str]] = []
    body = output.split("┡", 1)[1].split("└", 1)[0].splitlines()[1:]
    for line in body:
        cells = ["".join(cell.split()) for cell in line.strip().strip("│").split("│")]
        if cells[0]:
            rows.append(cells)
        else:
            rows[-1] = [a + b for a, b in zip(rows[-1], cells, strict=True)]
    return [tuple(row) for row in rows]


def test_nianbao_config_at_80_columns_cuts_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bug: at 80 columns the table cut cells with "…" ("NIANBAO_LLM_SECTION_DE…"); now every cell wraps whole, and
    a variable's name stays on one line."""
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1")
    monkeypatch.setenv("NIANBAO_LLM_EXTRA_BODY", '{"enable_thinking": false, "note": "' + "很长的说明" * 8 + '"}')
    result = CliRunner().invoke(app, ["config"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "…" not in result.output
    assert max(cell_len(line) for line in result.output.splitlines()[:-1]) == 80  # the table, the last line apart
    shown = [tuple("".join(cell.split()) for cell in row) for row in load_settings().shown()]
    assert _table_rows(result.output) == shown
    assert all(f"│ {env}" in result.output for env, _, _ in shown)


def test_extra_body_is_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_LLM_EXTRA_BODY", '{"enable_thinking": false}')
    s = load_settings()
    assert s.extra_body == {"enable_thinking": False}
    assert ("NIANBAO_LLM_EXTRA_BODY", "附加请求字段", '{"enable_thinking": false}') in s.shown()
    monkeypatch.setenv("NIANBAO_LLM_EXTRA_BODY", "{enable_thinking")
    with pytest.raises(InputError) as exc:
        load_settings()
    assert exc.value.problems == ['NIANBAO_LLM_EXTRA_BODY：应为 JSON 对象，如 {"enable_thinking": false}']


def test_one_loopback_test_for_the_model_endpoint_and_the_ui() -> None:
    from assistant.config import is_loopback_host

    assert [is_loopback_host(h) for h in ("localhost", "127.0.0.1", "127.0.0.2", "::1", "0.0.0.0", "10.0.0.5",
                                          "api.deepseek.com", None)] == [True, True, True, True, False, False,
                                                                         False, False]
    assert Settings(base_url="http://[::1]:8000/v1").is_loopback  # type: ignore[call-arg]
    assert not Settings(base_url="https://api.deepseek.com").is_loopback  # type: ignore[call-arg]


@pytest.mark.parametrize("value", ["notaurl", "api.deepseek.com", "ftp://api.deepseek.com", "http://"])
def test_a_base_url_that_is_not_a_web_address_is_a_wrong_setting(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", value)
    result = CliRunner().invoke(app, ["config"], env={"COLUMNS": "200"})
    assert (result.exit_code, result.output) == (2, (
        "无法完成：环境变量设置有误\n"
        f"  - NIANBAO_LLM_BASE_URL：应为以 http:// 或 https:// 开头的网址（如 https://api.deepseek.com），实为 “{value}”\n"))


def test_a_wrong_base_url_is_shown_without_a_key_in_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", f"llm.example.com/v1?api_key={SENTINEL_KEY}")
    with pytest.raises(InputError) as exc:
        load_settings()
    assert exc.value.problems == ["NIANBAO_LLM_BASE_URL：应为以 http:// 或 https:// 开头的网址（如 https://api.deepseek.com），"
                                  "实为 “llm.example.com/v1?api_key=****”"]


@pytest.mark.parametrize("value", ["http://127.0.0.1:8000/v1", "HTTPS://api.deepseek.com"])
def test_a_web_address_is_a_base_url(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", value)
    assert load_settings().base_url == value
