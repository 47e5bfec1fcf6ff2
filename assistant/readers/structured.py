"""Bounded YAML and JSON: nesting depth, alias expansion and integer size checked; errors in Chinese with the place.

PyYAML builds the node graph first (an alias is a second reference to the same node, so the graph stays small) and
only then the Python objects. :class:`BoundedLoader` bounds the graph's depth while composing, then counts what the
aliases would expand to before anything is constructed; JSON gets the same bounds. Parser messages (English) are
never shown: each known one has a Chinese wording, and the place is given as line and column.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from assistant.errors import InputError
from assistant.readers import limits

_YAML_PROBLEMS = [
    ("mapping values are not allowed", "此处不能出现“键: 值”（检查冒号后的空格、缩进，或给含冒号的文字加引号）"),
    ("could not find expected ':'", "缺少冒号“:”（每行应为“键: 值”）"),
    ("did not find expected key", "缩进不齐或缺少键"),
    ("did not find expected '-' indicator", "列表项缩进不齐（每项应以“- ”开头）"),
    ("did not find expected node content", "缺少内容"),
    ("expected <block end>", "缩进不一致"),
    ("expected ',' or ']'", "方括号列表中缺少逗号或“]”"),
    ("expected ',' or '}'", "花括号映射中缺少逗号或“}”"),
    ("found character '\\t'", "含有制表符（请用空格缩进）"),
    ("that cannot start any token", "含有不能出现在此处的字符"),
    ("found unexpected end of stream", "文件意外结束（引号或括号未闭合）"),
    ("found unknown escape character", "引号中含有无效的转义字符（反斜杠）"),
    ("found undefined alias", "使用了未定义的别名（*）"),
    ("found duplicate anchor", "重复定义的锚点（&）"),
    ("found unexpected ':'", "此处不能出现冒号"),
    ("found unhashable key", "键不能是列表或映射"),
    ("while scanning a quoted scalar", "引号未闭合"),
    ("while scanning a simple key", "缺少冒号“:”（每行应为“键: 值”）"),
    ("while scanning an alias", "别名（*）写法有误"),
    ("while scanning an anchor", "锚点（&）写法有误"),
    ("while scanning a directive", "指令（%）写法有误"),
    ("special characters are not allowed", "含有不允许的控制字符"),
    ("invalid leading UTF-8 octet", "不是 UTF-8 编码"),
    ("could not determine a constructor", "含有不支持的标签（!!）"),
    ("expected the node content", "缺少内容（方括号、花括号或引号未闭合？）"),
    ("expected a single document", "只能有一个文档（删除多余的“---”）"),
    ("found unexpected document separator", "只能有一个文档（删除多余的“---”）"),
    ("expected a comment or a line break", "值的后面多了内容（此处应换行）"),
    ("expected '<document start>'", "文档开头的格式有误"),
    ("found unconstructable recursive node", "别名引用了自身（循环引用）"),
    ("escape sequence", "引号中含有无效的转义字符（反斜杠）"),
    ("while parsing a flow sequence", "方括号列表未闭合或写法有误"),
    ("while parsing a flow mapping", "花括号映射未闭合或写法有误"),
    ("while parsing a block mapping", "缩进不齐或缺少键"),
    ("while parsing a block collection", "列表缩进不齐"),
    ("while scanning a block scalar", "多行文字（| 或 >）的写法有误"),
    ("while scanning a tag", "标签（!）的写法有误"),
]
_JSON_PROBLEMS = [
    ("Expecting value", "此处应有一个值（检查多余的逗号或缺少的值）"),
    ("Expecting property name enclosed in double quotes", "键应写在双引号中（或有多余的逗号）"),
    ("Expecting ',' delimiter", "缺少逗号"),
    ("Expecting ':' delimiter", "缺少冒号"),
    ("Unterminated string", "引号未闭合"),
    ("Invalid control character", "引号中含有控制字符"),
    ("Invalid \\escape", "引号中含有无效的转义字符（反斜杠）"),
    ("Invalid \\uXXXX escape", "引号中含有无效的 \\u 转义"),
    ("Extra data", "数据结束后还有多余内容"),
]


def _chinese(problems: list[tuple[str, str]], *english: str) -> str:
    """The Chinese wording of a parser's problem (tried first) or context; a general one when unknown."""
    for text in english:
        for key, chinese in problems:
            if text and key in text:
                return chinese
    return "语法错误（请检查此处的缩进、冒号、引号和括号）"


def _place(line: int, column: int) -> str:
    return f"第 {line} 行第 {column} 列"


def _limit_error(name: str, what: str, where: str = "") -> InputError:
    return InputError(f"{name}：{where + '：' if where else ''}{what}；未读取")


# What an unquoted value becomes. YAML 1.1 (PyYAML) reads ``2025-02-30`` as a date (and fails on a day that does not
# exist), ``01234567`` as octal 342391, ``10:30`` as 630 and ``0795.5`` as 795.5. Staff mean none of these: dates stay
# text (the model parses and checks them, with the same message as when quoted), and a number is read only when it is
# written as plain decimal; anything else (a leading zero, 0x…, 0b…, 1:30) stays the text as typed.
_DECIMAL_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_DECIMAL_FLOAT = re.compile(r"""^(?:[-+]?(?:0|[1-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""", re.X)
_NOT_DECIMAL_FLOAT = re.compile(r"^[-+]?0[0-9_]|:")  # a leading zero, or sexagesimal (1:30.5)


class BoundedLoader(yaml.SafeLoader):
    """SafeLoader that stops at :data:`limits.MAX_NESTING` levels and on integers longer than
    :data:`limits.MAX_INT_DIGITS` digits (before Python's int() refuses with English)."""

    source_name = "YAML"

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        self._depth += 1
        try:
            if self._depth > limits.MAX_NESTING:
                mark = self.peek_event().start_mark
                raise _limit_error(self.source_name, f"嵌套超过 {limits.MAX_NESTING} 层的上限",
                                   _place(mark.line + 1, mark.column + 1))
            return super().compose_node(parent, index)  # type: ignore[misc,return-value]
        finally:
            self._depth -= 1

    def construct_yaml_int(self, node: ScalarNode) -> int | str:  # type: ignore[override]
        if not _DECIMAL_INT.match(str(node.value)):  # ``!!int 012``: not octal 10 but the text as typed
            return str(node.value)
        digits = sum(ch.isdigit() for ch in str(node.value))
        if digits > limits.MAX_INT_DIGITS:
            raise _limit_error(self.source_name, f"整数超过 {limits.MAX_INT_DIGITS} 位的上限",
                               _place(node.start_mark.line + 1, node.start_mark.column + 1))
        return super().construct_yaml_int(node)  # type: ignore[no-any-return]

    def construct_yaml_float(self, node: ScalarNode) -> float | str:  # type: ignore[override]
        if _NOT_DECIMAL_FLOAT.search(str(node.value)):  # ``!!float 0795.5``: the text as typed
            return str(node.value)
        return super().construct_yaml_float(node)  # type: ignore[no-any-return]

    def construct_yaml_timestamp(self, node: ScalarNode) -> str:  # type: ignore[override]
        """An explicit ``!!timestamp`` is text too: no date reaches the model but as text."""
        return str(self.construct_scalar(node))

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        """A value its explicit tag cannot hold (``!!int 十``, ``!!float x``): the place, not Python's ValueError."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError):
            raise InputError(f"{self.source_name}：YAML 格式错误，"
                             f"{_place(node.start_mark.line + 1, node.start_mark.column + 1)}："
                             "值与标签（!!）不符") from None


BoundedLoader.add_constructor("tag:yaml.org,2002:int", BoundedLoader.construct_yaml_int)
BoundedLoader.add_constructor("tag:yaml.org,2002:float", BoundedLoader.construct_yaml_float)

_NUMBER_TAGS = {"tag:yaml.org,2002:int": (_DECIMAL_INT, "-+0123456789"),
                "tag:yaml.org,2002:float": (_DECIMAL_FLOAT, "-+0123456789.")}
BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in _NUMBER_TAGS and tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
for _tag, (_regexp, _first) in _NUMBER_TAGS.items():
    BoundedLoader.add_implicit_resolver(_tag, _regexp, list(_first))
BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", BoundedLoader.construct_yaml_timestamp)


def _expanded_size(root: Node, name: str) -> None:
    """Raise when the document, with every alias expanded, is larger than the bounds (alias bombs, "billion laughs")."""
    sizes: dict[int, int] = {}
    references = 0

    def size(node: Node) -> int:
        nonlocal references
        key = id(node)
        if key in sizes:
            references += 1
            if references > limits.MAX_YAML_ALIASES:
                raise _limit_error(name, f"别名（*）的使用超过 {limits.MAX_YAML_ALIASES:,} 次的上限")
            if sizes[key] < 0:
                raise _limit_error(name, "别名引用了自身（循环引用）")
            return sizes[key]
        sizes[key] = -1
        if isinstance(node, ScalarNode):
            total = len(node.value) + 1
        elif isinstance(node, SequenceNode):
            total = 1 + sum(size(child) for child in node.value)
        elif isinstance(node, MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in node.value)
        else:
            total = 1
        if total > limits.MAX_YAML_EXPANDED:
            raise _limit_error(name, f"别名（*）展开后超过 {limits.MAX_YAML_EXPANDED // 10_000} 万字的上限")
        sizes[key] = total
        return total

    size(root)


def parse_yaml(text: str, name: str) -> Any:
    """The data of a YAML document, bounded; InputError in Chinese (with line and column) otherwise."""
    loader = None
    try:
        loader = BoundedLoader(text)  # its reader refuses control characters at once (a NUL in a note)
        loader.source_name = name
        root = loader.get_single_node()
        if root is None:
            return None
        _expanded_size(root, name)
        return loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _place(mark.line + 1, mark.column + 1) if mark else ""
        wording = _chinese(_YAML_PROBLEMS, exc.problem or "", exc.context or "")
        raise InputError(f"{name}：YAML 格式错误，{where}：{wording}") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise InputError(f"{name}：YAML 格式错误，{_place(line, column)}：含有不允许的控制字符"
                         f"（U+{exc.character:04X}）" if isinstance(exc.character, int) else
                         f"{name}：YAML 格式错误，{_place(line, column)}：{_chinese(_YAML_PROBLEMS, str(exc))}") from None
    except yaml.YAMLError:
        raise InputError(f"{name}：YAML 格式错误") from None
    except RecursionError:  # a guard: compose_node stops far earlier
        raise _limit_error(name, f"嵌套超过 {limits.MAX_NESTING} 层的上限") from None
    finally:
        if loader is not None:
            loader.dispose()


def _bounded_int(name: str) -> Any:
    def parse(text: str) -> int:
        if len(text.lstrip("-")) > limits.MAX_INT_DIGITS:
            raise _limit_error(name, f"整数超过 {limits.MAX_INT_DIGITS} 位的上限")
        return int(text)
    return parse


def parse_json(text: str, name: str) -> Any:
    """The data of a JSON document, bounded; InputError in Chinese (with line and column) otherwise."""
    try:
        data = json.loads(text, parse_int=_bounded_int(name))
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}：JSON 格式错误，{_place(exc.lineno, exc.colno)}："
                         f"{_chinese(_JSON_PROBLEMS, exc.msg)}") from None
    except RecursionError:
        raise _limit_error(name, f"嵌套超过 {limits.MAX_NESTING} 层的上限") from None
    _check_depth(data, name)
    return data


def _check_depth(data: Any, name: str) -> None:
    """Nesting depth of parsed data, without recursion."""
    stack = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limits.MAX_NESTING:
                raise _limit_error(name, f"嵌套超过 {limits.MAX_NESTING} 层的上限")
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
