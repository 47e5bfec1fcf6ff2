"""Web and e-mail addresses and phone numbers in Chinese running text (``assistant.addresses``): exactly what is the
address, when the address's path goes on in Chinese and when the sentence does."""

from __future__ import annotations

import pytest

from assistant.addresses import ADDRESS_RE, PHONE_RE, doc_number_spans, join_layout_breaks


def addresses(text: str) -> list[str]:
    return ADDRESS_RE.findall(text)


@pytest.mark.parametrize(("text", "expected"), [
    # a path segment in Chinese between two "/" is part of the address (random-2019-3's report)
    ("专栏（http://www.shifan.gov.cn/xxgk/长岭/）查询。", ["http://www.shifan.gov.cn/xxgk/长岭/"]),
    ("网址：http://www.a.gov.cn/xxgk/长岭/index.html。", ["http://www.a.gov.cn/xxgk/长岭/index.html"]),
    ("网址：www.a.gov.cn/长岭镇/政务公开/，", ["www.a.gov.cn/长岭镇/政务公开/"]),
    ("http://www.a.gov.cn/col/长岭zhen2024/a.html", ["http://www.a.gov.cn/col/长岭zhen2024/a.html"]),
    # ... and so is one that ends the address: before a closing bracket, a space or the text's end
    ("专栏（http://www.a.gov.cn/xxgk/长岭）查询。", ["http://www.a.gov.cn/xxgk/长岭"]),
    ("(http://www.a.gov.cn/长岭)", ["http://www.a.gov.cn/长岭"]),
    ("网址：http://www.a.gov.cn/长岭 电话：0795-3648348", ["http://www.a.gov.cn/长岭"]),
    ("网址：http://www.a.gov.cn/xxgk/长岭", ["http://www.a.gov.cn/xxgk/长岭"]),
])
def test_a_chinese_path_segment_is_part_of_the_address(text, expected):
    assert addresses(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the sentence goes on after the address: it is not swallowed
    ("网址：http://x.gov.cn。", ["http://x.gov.cn"]),
    ("在http://x.gov.cn进行公开。", ["http://x.gov.cn"]),
    ("在www.x.gov.cn进行公开。", ["www.x.gov.cn"]),
    ("登录http://x.gov.cn/查询。", ["http://x.gov.cn/"]),
    ("登录http://x.gov.cn/xxgk/长岭/查询，", ["http://x.gov.cn/xxgk/长岭/"]),
    ("网站（http://www.shifan.gov.cn/）下载。", ["http://www.shifan.gov.cn/"]),
    ("见http://x.gov.cn/a/b/查询结果，或来电", ["http://x.gov.cn/a/b/"]),
    # the host is no path segment: Chinese right after "//host" or after "http://" is text
    ("http://长岭", []),
    ("邮箱dzb4@example.gov.cn联系。", ["dzb4@example.gov.cn"]),
    ("电子邮箱：zwgk@a.gov.cn/长岭/", ["zwgk@a.gov.cn"]),
])
def test_chinese_that_continues_the_sentence_is_not_part_of_the_address(text, expected):
    assert addresses(text) == expected


def test_two_addresses_and_a_phone_number_in_one_sentence():
    text = "网站（http://www.a.gov.cn/xxgk/长岭/）和邮箱zwgk@a.gov.cn，电话0795-3648348、0795-364834812。"  # 9 digits: none
    assert addresses(text) == ["http://www.a.gov.cn/xxgk/长岭/", "zwgk@a.gov.cn"]
    assert PHONE_RE.findall(text) == ["0795-3648348"]


def test_a_document_number_is_found_with_its_issuing_prefix_not_the_word_before():
    text = "依据湘源政办发〔2019〕27号和湘源政办发〔2020〕35号文件，（国办公开办函〔2019〕60号）、按照湘源办发〔2022〕8号"
    assert [text[a:b] for a, b in doc_number_spans(text)] == [
        "湘源政办发〔2019〕27号", "湘源政办发〔2020〕35号", "国办公开办函〔2019〕60号", "湘源办发〔2022〕8号"]
    # a particle after the verb is not the issuer's ("了" was taken into the prefix after 印发, and so was a whole
    # verb without a lead word: "学习了湘政办发")
    text = "县政府印发了湘政办发〔2023〕5号，各单位认真学习过湘政办发〔2023〕6号和文件中的湘政办发〔2023〕7号"
    assert [text[a:b] for a, b in doc_number_spans(text)] == [
        "湘政办发〔2023〕5号", "湘政办发〔2023〕6号", "湘政办发〔2023〕7号"]
    assert join_layout_breaks("按照\n湘源办发〔2022〕8号，通知》\n（国办公开办函〔2019〕60号）") == (
        "按照湘源办发〔2022〕8号，通知》（国办公开办函〔2019〕60号）")
