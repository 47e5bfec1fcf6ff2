"""M1 on a figure of the notes moved to another thing (s11ft): a swap written with 分别, a figure written after a
thing the notes give no figure of that unit (培训2次 as 考核2次, the 评议's 满意率为95% as the 培训's or 考核's, 86条 after
村务公开栏 or 栏目), and the message when the figure's own thing is not written at all. Honest rewordings of the tester
(reordered clauses, 分别 in the right order, passive voice, merged sentences) pass.
"""

from __future__ import annotations

import pytest

from assistant.model import Report
from assistant.readers.inputfile import load_report
from tests.conftest import EXAMPLES
from tests.test_firewall_who_and_what import ACCOUNT, PORTAL, SWAPPED, messages

TRAINING, REVIEW = "业务培训", "邀请村民代表和企业代表对政务公开工作进行评议"
ASSESSMENT = "纳入对各村和镇直站所的年度考核"
VILLAGE_BOARD = "村务公开栏公开惠农补贴发放、低保评议"


@pytest.fixture(scope="module")
def sample() -> Report:
    return load_report(EXAMPLES / "sample-town-2024.yaml")


@pytest.mark.parametrize(("aspect", "text", "expected"), [
    ("proactive", "本镇通过县政府门户网站镇级专栏和“青石发布”微信公众号分别发布信息86条、128条。",  # F03
     [SWAPPED.format("86条", PORTAL, ACCOUNT), SWAPPED.format("128条", ACCOUNT, PORTAL)]),
    ("oversight", "本镇组织政务公开业务培训，将政务公开纳入对各村和镇直站所的年度考核，全年考核2次。",  # F05b
     [SWAPPED.format("2次", ASSESSMENT, TRAINING)]),
    ("oversight", "本镇将政务公开纳入对各村和镇直站所的年度考核，全年考核2次。",  # F05: 培训 not written
     [SWAPPED.format("2次", ASSESSMENT, TRAINING)]),
    ("oversight", "本镇组织政务公开业务培训，培训满意率为95%。", [SWAPPED.format("95%", TRAINING, REVIEW)]),  # F06
    ("oversight", "年末邀请村民代表和企业代表对政务公开工作进行评议2次。", [SWAPPED.format("2次", REVIEW, TRAINING)]),
    ("oversight", "本镇将政务公开纳入对各村和镇直站所的年度考核，考核满意率为95%。",  # F11
     [SWAPPED.format("95%", ASSESSMENT, REVIEW)]),
    ("proactive", "本镇在村务公开栏公开惠农补贴发放、低保评议等信息86条。",  # F04
     [SWAPPED.format("86条", VILLAGE_BOARD, ACCOUNT)]),
    ("platform", "本镇维护县政府门户网站镇级专栏，更新“政策文件”“财政预决算”等栏目信息86条。",  # F09
     [SWAPPED.format("86条", "‘政策文件’‘财政预决算’等栏目", ACCOUNT)]),
    ("proactive", "本镇通过“青石发布”微信公众号发布信息2次。", [SWAPPED.format("2次", ACCOUNT, TRAINING)]),  # F07
    ("management", "本镇落实“三审三校”和保密审查制度，开展保密审查1件。",  # F08
     [SWAPPED.format("1件", "‘三审三校’和保密审查", "废止")]),
])
def test_a_figure_moved_to_another_thing_fails(aspect: str, text: str, expected: list[str], sample: Report) -> None:
    assert messages(sample, "overview", text, aspect) == expected


@pytest.mark.parametrize(("aspect", "text"), [
    ("proactive", "本镇在县政府门户网站镇级专栏发布政府信息128条，在“青石发布”微信公众号发布信息86条，"  # H01
                  "并通过村务公开栏公开惠农补贴发放、低保评议等信息。"),
    ("proactive", "本镇通过“青石发布”微信公众号发布信息86条，通过县政府门户网站镇级专栏发布政府信息128条；"  # H02
                  "惠农补贴发放、低保评议等信息在村务公开栏公开。"),
    ("proactive", "本镇通过县政府门户网站镇级专栏和“青石发布”微信公众号分别发布信息128条、86条。"),  # H03
    ("oversight", "本镇全年组织政务公开业务培训2次，并把政务公开纳入各村和镇直站所的年度考核。年末，本镇邀请村民代表、"  # H04
                  "企业代表评议政务公开工作，满意率为95%。"),
    ("oversight", "本镇将政务公开纳入对各村和镇直站所的年度考核，组织政务公开业务培训2次；年末邀请村民代表和企业代表"  # H09
                  "进行评议，政务公开工作满意率为95%。"),
    ("proactive", "县政府门户网站镇级专栏发布本镇政府信息128条，“青石发布”微信公众号发布信息86条；"  # H10
                  "本镇还在村务公开栏公开惠农补贴发放、低保评议等信息。"),
    ("oversight", "本镇组织政务公开业务培训，共开展2次。"),
    ("oversight", "本镇开展政务公开培训2次。"),
    ("oversight", "年末，村民代表和企业代表对政务公开工作进行评议，本年度群众满意率为95%。"),
    ("management", "本镇对镇政府行政规范性文件开展清理，共废止1件。"),
    ("proactive", "本镇在门户网站、微信公众号和村务公开栏分别发布信息128条、86条。"),  # three subjects, two figures
])
def test_an_honest_rewording_of_the_figures_passes(aspect: str, text: str, sample: Report) -> None:
    assert messages(sample, "overview", text, aspect) == []
