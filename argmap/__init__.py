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

from argmap._version import __version__

if TYPE_CHECKING:
    from argmap.causal import (
        causal_chains,
        competing_causes,
        feedback_loops,
        net_effect,
        what_if,
    )
    from argmap.checks import Finding, check
    from argmap.checks.sources import SourceComparison, compare_sources
    from argmap.errors import (
        AmbiguousQuoteError,
        ArgdownSyntaxError,
        ArgmapError,
        DataLossWarning,
        DuplicateIdError,
        EngineNotFoundError,
        FormatError,
        MapTooLargeError,
        OptionError,
        QuoteNotFoundError,
        RenderError,
        SpanError,
        StructureError,
        UnknownIdError,
        ViewError,
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
    from argmap.model.diff import MapDiff, diff
    from argmap.model.queries import perspective
    from argmap.readwrite import generate_map, parse_map, read_map, write_map
    from argmap.readwrite.aif_format import generate_aif, parse_aif, read_aif, write_aif
    from argmap.readwrite.argdown import (
        generate_argdown,
        parse_argdown,
        parse_argdown_document,
        read_argdown,
        write_argdown,
    )
    from argmap.readwrite.graphml_format import generate_graphml, write_graphml
    from argmap.readwrite.microtext_format import parse_microtext, read_microtext
    from argmap.readwrite.native import (
        generate_json,
        generate_yaml,
        parse_json,
        parse_yaml,
        read_json,
        read_yaml,
        write_json,
        write_yaml,
    )
    from argmap.readwrite.node_link_format import (
        generate_node_link,
        parse_node_link,
        read_node_link,
        write_node_link,
    )
    from argmap.readwrite.sadface_format import (
        generate_sadface,
        parse_sadface,
        read_sadface,
        write_sadface,
    )
    from argmap.rendering import (
        render,
        to_dot,
        to_mermaid,
        to_svg,
    )
    from argmap.rendering.html import to_html, write_html
    from argmap.rendering.outline import outline
    from argmap.semantics import (
        ArgumentationFramework,
        af_from_map,
        grounded,
        sensitivity,
        statement_labelling,
    )

# Import-on-first-use keeps `import argmap` and `argmap --help` fast: pydantic, networkx and
# graphviz load only when a name that needs them is touched. This table is the one list of what
# the top level offers and where each name lives, in the order the API page shows them (the docs
# build that page from it). Type checkers cannot read it, so the imports under TYPE_CHECKING
# above repeat it for them, and `__all__` below is a literal for them and for tools that read it
# without running the code; tests/test_architecture.py holds all three to the same names.
_LAZY: dict[str, str] = {
    "ArgumentMap": "argmap.model",
    "Agent": "argmap.model",
    "Source": "argmap.model",
    "Claim": "argmap.model",
    "Factor": "argmap.model",
    "Support": "argmap.model",
    "Attack": "argmap.model",
    "CausalLink": "argmap.model",
    "Quote": "argmap.model",
    "Attribution": "argmap.model",
    "MapDocument": "argmap.model",
    "SCHEMA_VERSION": "argmap.model",
    "perspective": "argmap.model.queries",
    "diff": "argmap.model.diff",
    "MapDiff": "argmap.model.diff",
    "to_networkx": "argmap.graph",
    "ArgumentationFramework": "argmap.semantics",
    "af_from_map": "argmap.semantics",
    "grounded": "argmap.semantics",
    "statement_labelling": "argmap.semantics",
    "sensitivity": "argmap.semantics",
    "check": "argmap.checks",
    "Finding": "argmap.checks",
    "compare_sources": "argmap.checks.sources",
    "SourceComparison": "argmap.checks.sources",
    "causal_chains": "argmap.causal",
    "net_effect": "argmap.causal",
    "feedback_loops": "argmap.causal",
    "competing_causes": "argmap.causal",
    "what_if": "argmap.causal",
    "to_dot": "argmap.rendering",
    "render": "argmap.rendering",
    "to_svg": "argmap.rendering",
    "to_mermaid": "argmap.rendering",
    "outline": "argmap.rendering.outline",
    "write_html": "argmap.rendering.html",
    "to_html": "argmap.rendering.html",
    "read_map": "argmap.readwrite",
    "write_map": "argmap.readwrite",
    "parse_map": "argmap.readwrite",
    "generate_map": "argmap.readwrite",
    "read_json": "argmap.readwrite.native",
    "write_json": "argmap.readwrite.native",
    "parse_json": "argmap.readwrite.native",
    "generate_json": "argmap.readwrite.native",
    "read_yaml": "argmap.readwrite.native",
    "write_yaml": "argmap.readwrite.native",
    "parse_yaml": "argmap.readwrite.native",
    "generate_yaml": "argmap.readwrite.native",
    "read_argdown": "argmap.readwrite.argdown",
    "write_argdown": "argmap.readwrite.argdown",
    "parse_argdown": "argmap.readwrite.argdown",
    "parse_argdown_document": "argmap.readwrite.argdown",
    "generate_argdown": "argmap.readwrite.argdown",
    "read_aif": "argmap.readwrite.aif_format",
    "write_aif": "argmap.readwrite.aif_format",
    "parse_aif": "argmap.readwrite.aif_format",
    "generate_aif": "argmap.readwrite.aif_format",
    "read_sadface": "argmap.readwrite.sadface_format",
    "write_sadface": "argmap.readwrite.sadface_format",
    "parse_sadface": "argmap.readwrite.sadface_format",
    "generate_sadface": "argmap.readwrite.sadface_format",
    "read_microtext": "argmap.readwrite.microtext_format",
    "parse_microtext": "argmap.readwrite.microtext_format",
    "write_graphml": "argmap.readwrite.graphml_format",
    "generate_graphml": "argmap.readwrite.graphml_format",
    "read_node_link": "argmap.readwrite.node_link_format",
    "write_node_link": "argmap.readwrite.node_link_format",
    "parse_node_link": "argmap.readwrite.node_link_format",
    "generate_node_link": "argmap.readwrite.node_link_format",
    "ArgmapError": "argmap.errors",
    "UnknownIdError": "argmap.errors",
    "DuplicateIdError": "argmap.errors",
    "StructureError": "argmap.errors",
    "SpanError": "argmap.errors",
    "QuoteNotFoundError": "argmap.errors",
    "AmbiguousQuoteError": "argmap.errors",
    "FormatError": "argmap.errors",
    "ArgdownSyntaxError": "argmap.errors",
    "EngineNotFoundError": "argmap.errors",
    "RenderError": "argmap.errors",
    "OptionError": "argmap.errors",
    "ViewError": "argmap.errors",
    "MapTooLargeError": "argmap.errors",
    "DataLossWarning": "argmap.errors",
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


__all__ = [
    "SCHEMA_VERSION",
    "Agent",
    "AmbiguousQuoteError",
    "ArgdownSyntaxError",
    "ArgmapError",
    "ArgumentMap",
    "ArgumentationFramework",
    "Attack",
    "Attribution",
    "CausalLink",
    "Claim",
    "DataLossWarning",
    "DuplicateIdError",
    "EngineNotFoundError",
    "Factor",
    "Finding",
    "FormatError",
    "MapDiff",
    "MapDocument",
    "MapTooLargeError",
    "OptionError",
    "Quote",
    "QuoteNotFoundError",
    "RenderError",
    "Source",
    "SourceComparison",
    "SpanError",
    "StructureError",
    "Support",
    "UnknownIdError",
    "ViewError",
    "__version__",
    "af_from_map",
    "causal_chains",
    "check",
    "compare_sources",
    "competing_causes",
    "diff",
    "feedback_loops",
    "generate_aif",
    "generate_argdown",
    "generate_graphml",
    "generate_json",
    "generate_map",
    "generate_node_link",
    "generate_sadface",
    "generate_yaml",
    "grounded",
    "net_effect",
    "outline",
    "parse_aif",
    "parse_argdown",
    "parse_argdown_document",
    "parse_json",
    "parse_map",
    "parse_microtext",
    "parse_node_link",
    "parse_sadface",
    "parse_yaml",
    "perspective",
    "read_aif",
    "read_argdown",
    "read_json",
    "read_map",
    "read_microtext",
    "read_node_link",
    "read_sadface",
    "read_yaml",
    "render",
    "sensitivity",
    "statement_labelling",
    "to_dot",
    "to_html",
    "to_mermaid",
    "to_networkx",
    "to_svg",
    "what_if",
    "write_aif",
    "write_argdown",
    "write_graphml",
    "write_html",
    "write_json",
    "write_map",
    "write_node_link",
    "write_sadface",
    "write_yaml",
]
