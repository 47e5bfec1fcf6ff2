"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES / "corpus"  # copies of public reports, each with its source line


def completed_zhuting_data() -> dict:
    """竹亭镇 2020 with the facts its published report lacks filled in, as its staff would before publishing (a
    signing date, 工作考核, 社会评议 and 责任追究 results, last year's problems improved): an input with no 〔待补〕 gap."""
    import yaml

    data: dict = yaml.safe_load((EXAMPLES / "zhuting-2020.yaml").read_text(encoding="utf-8"))
    data["meta"]["sign_date"] = "2021-01-18"
    data["notes"]["oversight"] += ["政务公开工作纳入年度绩效考核", "开展群众满意度评议，满意率为96%",
                                   "全年未发生政府信息公开工作责任追究情况"]
    data["notes"]["last_year_improvements"] = ["针对上年度公开不及时的问题，明确专人按时发布"]
    return data


def completed_zhuting():  # noqa: ANN201 - Report
    from assistant.readers.inputfile import report_from_data

    return report_from_data(completed_zhuting_data())


@pytest.fixture
def zhuting_path() -> Path:
    return EXAMPLES / "zhuting-2020.yaml"


@pytest.fixture
def sample_path() -> Path:
    return EXAMPLES / "sample-town-2024.yaml"


# Every setting a model could be reached with from the environment.
MODEL_ENV = ("NIANBAO_LLM_BASE_URL", "NIANBAO_LLM_MODEL", "NIANBAO_LLM_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL",
             "OPENAI_API_BASE", "NIANBAO_LLM_RETRIES", "NIANBAO_LLM_TIMEOUT", "NIANBAO_LLM_PROVIDER",
             "NIANBAO_LLM_EXTRA_BODY", "NIANBAO_LLM_SECTION_DEADLINE", "NIANBAO_LLM_DRAFT_DEADLINE")


@pytest.fixture
def loopback_model_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No model setting leaks in from the environment, only loopback endpoints may be called, the cache is private."""
    for name in MODEL_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NIANBAO_TEST_LOOPBACK_ONLY", "1")
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path / "cache"))
