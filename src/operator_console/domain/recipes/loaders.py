"""Read a recipe file (JSON, or YAML when PyYAML is installed) into plain JSON values plus
the line every value starts on, so that a schema error can name its line and field path.

A value's place is its path, a tuple of keys and list indexes: ``("steps", 3, "fields", 1)``
reads ``steps[3].fields[1]`` (:func:`format_path`). Duplicate keys are refused (the file
would mean two things); YAML values that JSON has no form for (dates, binary, ...) too.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

Path = tuple[str | int, ...]
# The standard library's JSON string decoder (C or Python), which typeshed does not list.
_scanstring = cast(Callable[[str, int], tuple[str, int]], vars(json.decoder)["scanstring"])
Lines = dict[Path, int]


@dataclass(frozen=True)
class Problem:
    line: int | None
    path: Path
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        field = f"{format_path(self.path)}: " if self.path else ""
        return f"{where}{field}{self.message}"


class RecipeError(ValueError):
    """A recipe file that cannot be used; every problem names its line and field path."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def format_path(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _fail(line: int | None, path: Path, message: str) -> RecipeError:
    return RecipeError([Problem(line, path, message)])


class _JsonWalker:
    def __init__(self, text: str) -> None:
        self.s = text
        self.breaks = [i for i, c in enumerate(text) if c == "\n"]
        self.lines: Lines = {}

    def line(self, pos: int) -> int:
        return bisect.bisect_left(self.breaks, pos) + 1

    def skip(self, i: int) -> int:
        while i < len(self.s) and self.s[i] in " \t\r\n":
            i += 1
        return i

    def value(self, i: int, path: Path) -> tuple[Any, int]:
        i = self.skip(i)
        self.lines[path] = self.line(i)
        c = self.s[i]
        if c == "{":
            return self.obj(i + 1, path)
        if c == "[":
            return self.array(i + 1, path)
        if c == '"':
            return _scanstring(self.s, i + 1)
        for word, val in (("true", True), ("false", False), ("null", None)):
            if self.s.startswith(word, i):
                return val, i + len(word)
        m = json.scanner.NUMBER_RE.match(self.s, i)
        if m is None:  # NaN, Infinity: Python's json accepts them, JSON does not
            raise _fail(self.line(i), path, "not a JSON value (NaN and Infinity are not JSON)")
        integer, frac, exp = m.groups()
        num: int | float = float(m.group()) if frac or exp else int(integer)
        return num, m.end()

    def obj(self, i: int, path: Path) -> tuple[Any, int]:
        out: dict[str, Any] = {}
        i = self.skip(i)
        if self.s[i] == "}":
            return out, i + 1
        while True:
            i = self.skip(i)
            start = i
            key, i = _scanstring(self.s, i + 1)
            if key in out:
                raise _fail(self.line(start), (*path, key), "duplicate key")
            i = self.skip(i) + 1  # ':'
            out[key], i = self.value(i, (*path, key))
            i = self.skip(i)
            if self.s[i] == "}":
                return out, i + 1
            i += 1  # ','

    def array(self, i: int, path: Path) -> tuple[Any, int]:
        out: list[Any] = []
        i = self.skip(i)
        if self.s[i] == "]":
            return out, i + 1
        while True:
            item, i = self.value(i, (*path, len(out)))
            out.append(item)
            i = self.skip(i)
            if self.s[i] == "]":
                return out, i + 1
            i += 1  # ','


def load_json(text: str) -> tuple[Any, Lines]:
    """Parse JSON text; return the value and the line of every path in it."""
    try:
        json.loads(text)  # the standard parser judges the syntax and says where it breaks
    except json.JSONDecodeError as exc:
        raise _fail(exc.lineno, (), f"not valid JSON: {exc.msg} (column {exc.colno})") from exc
    walker = _JsonWalker(text)
    value, _ = walker.value(0, ())
    return value, walker.lines


def yaml_available() -> bool:
    try:
        import yaml  # noqa: F401
    except ImportError:
        return False
    return True


def load_yaml(text: str) -> tuple[Any, Lines]:
    """Parse YAML text (safe subset, one document); value and line of every path."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise _fail(mark.line + 1 if mark else None, (), f"not valid YAML: {problem}") from exc
    if node is None:
        raise _fail(1, (), "the file is empty")
    constructor = yaml.constructor.SafeConstructor()
    lines: Lines = {}

    def walk(n: Any, path: Path) -> Any:
        lines[path] = n.start_mark.line + 1
        if isinstance(n, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in n.value:
                key = constructor.construct_object(key_node)
                if not isinstance(key, str):
                    raise _fail(key_node.start_mark.line + 1, path, f"key {key!r} is not text")
                if key in out:
                    raise _fail(key_node.start_mark.line + 1, (*path, key), "duplicate key")
                out[key] = walk(value_node, (*path, key))
            return out
        if isinstance(n, yaml.SequenceNode):
            return [walk(item, (*path, i)) for i, item in enumerate(n.value)]
        value = constructor.construct_object(n)
        if value is not None and not isinstance(value, (str, int, float, bool)):
            raise _fail(lines[path], path, f"{type(value).__name__} is not a JSON value "
                        "(put it in quotes)")
        if isinstance(value, float) and not math.isfinite(value):
            raise _fail(lines[path], path, "NaN and infinity are not numbers here")
        return value

    return walk(node, ()), lines
