"""argmap: map arguments as data, check them, evaluate them and draw them.

Who claims what, what supports or attacks it, which causal stories ("blockade → migration →
exclusion → gang growth") a speaker tells, and where each word came from.

Examples:
    >>> import argmap
    >>> m = argmap.ArgumentMap(title="Demo")
    >>> c = m.claim("Exclusion only leads to more violence")
    >>> argmap.to_networkx(m).number_of_nodes()
    1
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.checks import Finding, check
    from argmap.errors import (
        AmbiguousQuoteError,
        ArgdownSyntaxError,
        ArgmapError,
        DuplicateIdError,
        EngineNotFoundError,
        FormatError,
        QuoteNotFoundError,
        RenderError,
        SpanError,
        StructureError,
        UnknownIdError,
    )
    from argmap.graph import to_networkx
    from argmap.model import (
        SCHEMA_VERSION,
        Agent,
        ArgumentMap,
        Attack,
        Attribution,
        CausalLink,
        Claim,
        Factor,
        MapDocument,
        Quote,
        Source,
        Support,
    )
    from argmap.readwrite import read_map, write_map
    from argmap.readwrite.native import (
        from_json,
        from_yaml,
        read_json,
        read_yaml,
        to_json,
        to_yaml,
        write_json,
        write_yaml,
    )

# Import-on-first-use keeps `import argmap` and `argmap --help` fast: pydantic, networkx and
# graphviz load only when a name that needs them is touched.
_LAZY = {
    "Finding": "argmap.checks",
    "check": "argmap.checks",
    "AmbiguousQuoteError": "argmap.errors",
    "ArgdownSyntaxError": "argmap.errors",
    "ArgmapError": "argmap.errors",
    "DuplicateIdError": "argmap.errors",
    "EngineNotFoundError": "argmap.errors",
    "FormatError": "argmap.errors",
    "QuoteNotFoundError": "argmap.errors",
    "RenderError": "argmap.errors",
    "SpanError": "argmap.errors",
    "StructureError": "argmap.errors",
    "UnknownIdError": "argmap.errors",
    "to_networkx": "argmap.graph",
    "SCHEMA_VERSION": "argmap.model",
    "Agent": "argmap.model",
    "ArgumentMap": "argmap.model",
    "Attack": "argmap.model",
    "Attribution": "argmap.model",
    "CausalLink": "argmap.model",
    "Claim": "argmap.model",
    "Factor": "argmap.model",
    "MapDocument": "argmap.model",
    "Quote": "argmap.model",
    "Source": "argmap.model",
    "Support": "argmap.model",
    "read_map": "argmap.readwrite",
    "write_map": "argmap.readwrite",
    "from_json": "argmap.readwrite.native",
    "from_yaml": "argmap.readwrite.native",
    "read_json": "argmap.readwrite.native",
    "read_yaml": "argmap.readwrite.native",
    "to_json": "argmap.readwrite.native",
    "to_yaml": "argmap.readwrite.native",
    "write_json": "argmap.readwrite.native",
    "write_yaml": "argmap.readwrite.native",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Agent",
    "AmbiguousQuoteError",
    "ArgdownSyntaxError",
    "ArgmapError",
    "ArgumentMap",
    "Attack",
    "Attribution",
    "CausalLink",
    "Claim",
    "DuplicateIdError",
    "EngineNotFoundError",
    "Factor",
    "Finding",
    "FormatError",
    "MapDocument",
    "Quote",
    "QuoteNotFoundError",
    "RenderError",
    "Source",
    "SpanError",
    "StructureError",
    "Support",
    "UnknownIdError",
    "__version__",
    "check",
    "from_json",
    "from_yaml",
    "read_json",
    "read_map",
    "read_yaml",
    "to_json",
    "to_networkx",
    "to_yaml",
    "write_json",
    "write_map",
    "write_yaml",
]
