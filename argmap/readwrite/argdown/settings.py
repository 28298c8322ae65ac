"""YAML as Argdown reads it, Argdown's default settings and its shortcodes."""

from __future__ import annotations

import datetime
import math
import re
from typing import Any

import yaml

from argmap.readwrite._yaml import check_depth, guard_scalars

# --------------------------------------------------------------------------------------------
# YAML as Argdown reads it (js-yaml's safe schema: only true/false are booleans, dates stay text)
# --------------------------------------------------------------------------------------------


try:  # libyaml parses data blocks about ten times faster than pure-Python PyYAML
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _JsYaml:
    """What makes a safe loader read as js-yaml does: YAML 1.2 booleans, no ``=`` values,
    timestamps as the ISO strings JavaScript's ``Date`` turns into in Argdown's JSON, and an
    error for a key given twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: the base class reports it
                continue
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"found duplicate key {key!r}",
                    key_node.start_mark,
                )
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)  # type: ignore[misc]
        return mapping


class _ArgdownYamlLoader(_JsYaml, _SafeLoader):
    """The fast loader (libyaml when present)."""


class _ArgdownPyYamlLoader(_JsYaml, yaml.SafeLoader):
    """PyYAML's own scanner, for the flow mappings libyaml refuses and js-yaml reads."""


def _js_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    value = yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


for _loader in (_ArgdownYamlLoader, _ArgdownPyYamlLoader):
    _loader.yaml_implicit_resolvers = {
        first: [
            (tag, regexp)
            for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:value")
        ]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _js_timestamp)
    guard_scalars(_loader)

# A ':' with a flow indicator right after it, as in {a:[1, 2]} or {a:{b: 1}}: js-yaml (and
# PyYAML's own scanner) read a key and its value there; libyaml stops with a scanner error.
_COLON_BEFORE_FLOW_INDICATOR = re.compile(r":[\[\]{},]")


def load_yaml(text: str) -> Any:
    """Load YAML the way Argdown's data plugin does (raises :class:`yaml.YAMLError`).

    Examples:
        >>> load_yaml("{a:[1, 2], b: yes, c: 2021-02-03}")
        {'a': [1, 2], 'b': 'yes', 'c': '2021-02-03T00:00:00.000Z'}
        >>> load_yaml("a:[1, 2]")
        'a:[1, 2]'
    """
    check_depth(text, _ArgdownYamlLoader)
    try:
        return yaml.load(text, Loader=_ArgdownYamlLoader)
    except yaml.scanner.ScannerError:
        if not _COLON_BEFORE_FLOW_INDICATOR.search(text):
            raise
        return yaml.load(text, Loader=_ArgdownPyYamlLoader)


def _lodash_merge(target: Any, source: Any) -> Any:
    """Deep-merge ``source`` into ``target`` like lodash's ``merge`` (arrays merge by index)."""
    if source is None:
        return target
    if isinstance(source, dict):
        merged: dict[Any, Any] = dict(target) if isinstance(target, dict) else {}
        for key, value in source.items():
            merged[key] = _lodash_merge(merged.get(key), value)
        return merged
    if isinstance(source, list):
        items: list[Any] = list(target) if isinstance(target, list) else []
        for index, value in enumerate(source):
            if index < len(items):
                items[index] = _lodash_merge(items[index], value)
            else:
                items.append(_lodash_merge(None, value))
        return items
    return source


_DEFAULT_SETTINGS: dict[str, Any] = {
    "model": {"mode": "loose", "removeTagsFromText": False, "transformArgumentRelations": True},
    "data": {"switchToBlockFormatIfMultiline": True},
    "selection": {
        "excludeDisconnected": True,
        "statementSelectionMode": "with-title",
        "selectElementsWithoutSection": False,
        "selectElementsWithoutTag": False,
        "ignoreIsInMap": False,
    },
    "group": {"groupDepth": 2},
}

_SHORTCODES = {
    "A": "∀",
    "E": "∃",
    "O": "𝗢",
    "P": "𝗣",
    "->": "→",
    "<->": "↔",
    "~": "¬",
    "^": "∧",
    "v": "∨",
    "v_": "⊻",
    "<>": "◇",
    "[]": "◻",
    "happy": "😀",
    "smiley": "☺",
    "laugh": "😆",
    "lol": "😆",
    "rofl": "🤣",
    "joy": "😂",
    "heart": "❤",
    "?": "❓",
    "question": "❓",
    "love": "😍",
    "wink": "😉",
    "shush": "🤫",
    "meh": "😐",
    "eye-roll": "🙄",
    "sad": "😢",
    "disappointed": "😞",
    "scream": "😱",
    "+1": "👍",
    "up": "👍",
    "-1": "👎",
    "down": "👎",
    "think": "🤔",
    "star": "⭐",
    "y": "✔",
    "agree": "✔",
    "n": "❌",
    "disagree": "❌",
}


def _default_shortcode(code: str) -> str | None:
    if len(code) < 3:
        return None
    if code == ":smile:":  # Argdown's table differs between the two spellings here
        return "☺️"
    if code == ".smile.":
        return "☺"
    return _SHORTCODES.get(code[1:-1])


def _js_truthy(value: Any) -> bool:
    """JavaScript's truthiness: empty lists and objects are true, NaN is false."""
    if isinstance(value, list | dict):
        return True
    return bool(value) and not (isinstance(value, float) and math.isnan(value))


def _js_string(value: Any) -> str:
    """``value`` as JavaScript's string concatenation writes it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ",".join("" if v is None else _js_string(v) for v in value)
    if isinstance(value, dict):
        return "[object Object]"
    return str(value)


def _shortcode(image: str, custom: Any = None) -> str | None:
    """The text Argdown puts for a shortcode token (``None``: the token stays as written).

    ``custom`` is the ``model.shortcodes`` setting: a mapping from codes (``":bomb:"``) to
    ``{unicode: "💣"}``. Argdown fills its defaults into it: an entry left empty (``null``) or
    without ``unicode`` keeps the default character, a code it has no default for and an entry
    without ``unicode`` add the text JavaScript makes of the missing value.
    """
    code = image.strip()
    default = _default_shortcode(code)
    if not isinstance(custom, dict) or code not in custom:
        return default
    value = custom[code]
    if value is None:
        return default
    if isinstance(value, dict):
        if value.get("unicode") is not None:
            return _js_string(value["unicode"])
        if default is not None:
            return default
        return "null" if "unicode" in value else "undefined"
    if _js_truthy(value):
        return "undefined"  # Argdown reads the entry's "unicode", which a non-object lacks
    return None


# --------------------------------------------------------------------------------------------
