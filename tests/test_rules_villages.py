"""O8: a 街道's report that speaks of its own villages as a 镇 does, and never of its 社区."""

from __future__ import annotations

from assistant.pipeline import check_document
from assistant.readers import load_document
from tests.conftest import CORPUS, FIXTURES


def test_o8_is_quiet_on_every_real_street_office_report() -> None:
    """The real 街道 reports of the fixtures (file names with jie: 街道, 街): none is reported, e08 (跑里街道, whose
    各行政村 have 宣传栏) and g09 (小龙坎街道, 下辖村居) included."""
    paths = sorted([*CORPUS.glob("*jie*.txt"), *(FIXTURES / "eval").glob("*jie*.txt")])
    streets = [p for p in paths if load_document(p).report.meta.organ_kind == "街道"]
    assert len(streets) == 25
    reported = {p.name: [f.message for f in check_document(load_document(p)) if f.rule == "O8" and f.status in ("fail", "uncertain")]
                for p in streets}
    assert reported == {p.name: [] for p in streets}
