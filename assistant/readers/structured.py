"""Bounded YAML and JSON: nesting depth, alias expansion and integer size checked; errors in Chinese with the place.

PyYAML builds the node graph first (an alias is a second reference to the same node, so the graph stays small) and
only then the Python objects. :class:`BoundedLoader` bounds the graph's depth while composing, then counts what the
aliases would expand to before anything is constructed; JSON gets the same bounds. Parser messages (English) are
never shown: each known one has a Chinese wording, and the place is given as line and column.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from assistant.errors import HALF_WIDTH_COLON, InputError, keyed_with_full_width_colon, shown_value
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


def _is_list_item(line: str) -> bool:
    """Whether a line of YAML, as written, is a block list item ("- 内容", or a bare "-")."""
    line = line.strip()
    return line == "-" or line.startswith(("- ", "-\t"))


def _is_full_width_list_item(line: str) -> bool:
    """"－ 内容": a list item typed with the full-width dash, which YAML takes as plain text."""
    line = line.strip()
    return line == "－" or line.startswith(("－ ", "－\t"))


def _full_width_dash(line: int) -> str:
    return f"第 {line} 行用了全角“－”作列表符号，应为半角“-”后加空格"


def _dash_without_space(text: str) -> bool:
    """"-在村务公开栏…": meant as a list item, but a "-" not followed by a space is part of the text."""
    return len(text) > 1 and text[0] == "-" and not text[1].isspace() and not text[1].isdigit() and text[1] != "-"


def _joined_list_items(root: Node, text: str, label: Callable[[str], str]) -> list[str]:
    """Plain text that swallowed the "- " lines below it. YAML joins the lines of a plain scalar, so in
    ``proactive: 在村务`` followed by ``  - 通过…`` lines the items become one text "在村务 - 通过… - …" (and the
    same when the first item lacks the space after "-", or when the items are indented deeper than the item above).
    Found from the nodes: a plain scalar over several lines whose continuation lines, as written, start with "- ".
    Also a value on its own line that starts with "-" and no space ("-在村务"): a list item that became text."""
    found: list[tuple[int, str]] = []
    seen: set[int] = set()
    stack: list[tuple[Node, str, int | None]] = [(root, "", None)]  # node, its path, its key's line (None: a list item)
    while stack:
        node, path, key_line = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                name = str(key.value) if isinstance(key, ScalarNode) else "?"
                stack.append((value, f"{path}.{name}" if path else name, key.start_mark.line))
        elif isinstance(node, SequenceNode):
            stack.extend((item, f"{path}.{i}", None) for i, item in enumerate(node.value))
        elif isinstance(node, ScalarNode) and node.style is None:
            lines = text[node.start_mark.index:node.end_mark.index].splitlines() or [""]
            full_width = [n for n, text_line in enumerate(lines) if _is_full_width_list_item(text_line)]
            half_width = sum(_is_list_item(text_line) for text_line in lines[1:])
            items = half_width + len([n for n in full_width if n > 0])
            line, first = node.start_mark.line + 1, lines[0].strip()
            below = f"下面 {items} 行以“{'- ' if half_width else '－ '}”开头的条目"
            own_line = key_line is not None and node.start_mark.line > key_line  # proactive:⏎ -在村务
            if _dash_without_space(first) and (items or own_line):
                joined = f"，{below}因此都连进了这一行" if items else ""
                problem = f"第 {line} 行“-”后缺少空格{joined}（列表项应写成“- 内容”）"
            elif not items:
                continue
            elif key_line is None:
                problem = f"第 {line} 行这一条与{below}连成了一条（下面各条缩进多了，各条的“- ”应上下对齐）"
            elif key_line == node.start_mark.line:  # proactive: 在村务
                problem = (f"{below}连进了第 {line} 行冒号后的文字{shown_value(first)}，成了一段文字"
                           "（应把第一条也写成单独的“- ”行）")
            else:
                problem = f"第 {line} 行的文字{shown_value(first)}与{below}连成了一段文字（应把它也写成单独的“- ”行）"
            if full_width and items:
                problem += f"；{_full_width_dash(line + full_width[0])}"
            found.append((line, f"{label(path)}：{problem}"))
    return [problem for _line, problem in sorted(found)]


def _source_line(text: str, mark: Mark) -> str:
    """The line of ``text`` a mark is on, from the mark's column."""
    end = text.find("\n", mark.index)
    return text[mark.index:end if end >= 0 else len(text)]


def _plain_text_before(text: str, end: int) -> Mark | None:
    """Where the plain text (unquoted) that runs up to ``end`` begins, by scanning the document up to there: a
    "mapping values are not allowed" error is found at a colon, but the mistake is where that text began."""
    last = None
    try:
        for token in yaml.scan(text[:end], Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.plain:
                last = token
    except yaml.YAMLError:
        pass
    if last is None or last.end_mark.index < len(text[:end].rstrip()):
        return None
    return last.start_mark  # type: ignore[no-any-return]


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> str:
    """Where a YAML syntax error is and what it is, in Chinese: the line of the mistake where the parser's marks
    tell it (a key line without its colon, the start of text that ran on into the next line), else the lines
    around it. A "-" without its space and a full-width colon "：" after a key are named as such."""
    wording = _chinese(_YAML_PROBLEMS, exc.problem or "", exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return wording
    start = None
    if exc.context == "while scanning a simple key":  # a line where a key was due, with no colon after it
        start = exc.context_mark
    elif exc.problem == "mapping values are not allowed here":
        start = _plain_text_before(text, mark.index)
    if start is not None:
        written = _source_line(text, start)
        if _dash_without_space(written):
            return f"{_place(start.line + 1, start.column + 1)}：“-”后缺少空格（列表项应写成“- 内容”）"
        if _is_full_width_list_item(written):
            return _full_width_dash(start.line + 1)
        if keyed_with_full_width_colon(written):
            return f"第 {start.line + 1} 行用了全角冒号“：”，{HALF_WIDTH_COLON}"
        if exc.context_mark is start:
            return f"{_place(start.line + 1, start.column + 1)}：{wording}"
        if start.line < mark.line:
            return f"第 {start.line + 1}–{mark.line + 1} 行附近：{wording}"
    return f"{_place(mark.line + 1, mark.column + 1)}：{wording}"


def parse_yaml(text: str, name: str, label: Callable[[str], str] = str) -> Any:
    """The data of a YAML document, bounded; InputError in Chinese (with line and column) otherwise. ``label`` names
    a field for a user by its path ("notes.proactive")."""
    loader = None
    try:
        loader = BoundedLoader(text)  # its reader refuses control characters at once (a NUL in a note)
        loader.source_name = name
        root = loader.get_single_node()
        if root is None:
            return None
        _expanded_size(root, name)
        joined = _joined_list_items(root, text, label)
        if joined:
            raise InputError(f"{name}：有 {len(joined)} 处填写错误", joined)
        return loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        raise InputError(f"{name}：YAML 格式错误，{_syntax_problem(exc, text)}") from None
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
