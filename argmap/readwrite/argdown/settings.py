"""YAML as Argdown reads it, Argdown's default settings and its shortcodes."""

from __future__ import annotations

import datetime
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


class _ArgdownYamlLoader(_SafeLoader):
    """A safe loader that reads as js-yaml does: YAML 1.2 booleans, no ``=`` values,
    timestamps as the ISO strings JavaScript's ``Date`` turns into in Argdown's JSON, and an
    error for a key given twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
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
        return super().construct_mapping(node, deep=deep)


_ArgdownYamlLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:value")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ArgdownYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _js_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    value = yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


_ArgdownYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _js_timestamp)
guard_scalars(_ArgdownYamlLoader)


def load_yaml(text: str) -> Any:
    """Load YAML the way Argdown's data plugin does (raises :class:`yaml.YAMLError`)."""
    check_depth(text, _ArgdownYamlLoader)
    return yaml.load(text, Loader=_ArgdownYamlLoader)


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


def _shortcode(image: str) -> str | None:
    code = image.strip()
    if len(code) < 3:
        return None
    if code == ":smile:":  # Argdown's table differs between the two spellings here
        return "☺️"
    if code == ".smile.":
        return "☺"
    return _SHORTCODES.get(code[1:-1])


# --------------------------------------------------------------------------------------------
