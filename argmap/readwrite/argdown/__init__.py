"""Argdown: read and write argument maps in the Argdown text syntax, as Argdown 1.7.5 reads it.

:func:`parse_argdown` and :func:`read_argdown` return an :class:`~argmap.model.ArgumentMap`.
:func:`parse_argdown_document` returns an :class:`ArgdownDocument`, Argdown's own view of a text:
its equivalence classes (``statements``) and ``arguments`` by title, its ``relations`` by title
with Argdown's type names (support, attack, undercut, contradictory, contrary, entails), its
``sections`` and the argument map Argdown draws (``map_nodes``, ``map_edges``). It agrees with the
real Argdown on the public conformance corpus, quirks included (``Untitled N`` numbering, relations
of reconstructed arguments moved to their main conclusions, strict mode, selection and groups).

The package follows Argdown's pipeline, each step a module that imports only the ones before it:
:mod:`~argmap.readwrite.argdown.lexer` (tokens), :mod:`~argmap.readwrite.argdown.document`
(Argdown's model), :mod:`~argmap.readwrite.argdown.settings` (YAML, settings, shortcodes),
:mod:`~argmap.readwrite.argdown.parser` (grammar), :mod:`~argmap.readwrite.argdown.postprocess`
(Argdown's model plugins, the map and groups), :mod:`~argmap.readwrite.argdown.to_map` (document
to argument map) and :mod:`~argmap.readwrite.argdown.writer` (argument map to Argdown).

How each Argdown element becomes part of the map (:meth:`ArgdownDocument.to_map`):

- A statement's equivalence class (``[T]: text``, every member with title ``T``) becomes a
  :class:`~argmap.model.Claim`: id = slug of the title (``c1``, ``c2``... when Argdown made the
  title up), text = the last defining member's text, tags = its tags. The title (when it differs
  from the id) and the statements' YAML data go to ``data["argdown"]``.
- A reconstructed argument (a premise-conclusion structure) becomes a
  :class:`~argmap.model.Support` from its premises to its main conclusion, id = slug of the
  argument's title; each intermediary conclusion adds a support of its own (id ``<id>-<k>``)
  whose premises are the previous conclusion and the premises since, or those an inference's
  ``{uses: [1, 2]}`` names. Inference rules, joined by ``", "``, become the ``scheme``; the
  description, YAML data and inference data go to ``data["argdown"]``.
- A sketched argument (``<A>: text`` without a pcs) becomes a claim for its gist, marked
  ``data["argdown"]["argument"] = True``; its relations start or end at that claim.
- Support ``+ <+ +>`` becomes a :class:`~argmap.model.Support` (premise → conclusion); support of
  a reconstructed argument supports that argument's support relation.
- Attack ``- <- ->`` becomes an :class:`~argmap.model.Attack`: ``undermine`` when the target is a
  premise (or a sketched argument's gist) and no main conclusion, ``rebut`` otherwise; an attack
  on a reconstructed argument becomes an ``undercut`` of its support, Argdown's type in ``data``.
- Contradiction ``><`` becomes an attack of type ``contradict``.
- Undercut ``_> <_`` becomes an ``undercut`` of the support its inference stands for; the
  undercut of a sketched argument undercuts each relation that leaves its gist.
- Strict mode: ``entails`` becomes a support and ``contrary`` a ``rebut`` in each direction,
  Argdown's type kept in ``data["argdown"]["type"]``.
- Headings that Argdown turns into groups add their titles (outermost first) to the tags of the
  claims and supports inside them.
- The front matter's ``title`` becomes the map's title, the rest goes to the map's
  ``data["argdown"]["frontmatter"]``.
- Comments, bold and italic markers vanish; links keep their text; mentions, escapes and
  shortcodes (``:heart:``, ``.^.``) read as Argdown reads them.

:func:`generate_argdown` writes Argdown that the real tool accepts and that this reader turns back
into the same map. Every statement is defined once (``[T]: text``, or ``<T>: text`` for a sketched
argument's gist), every support whose conclusion is a statement becomes a reconstructed argument,
attacks become relations under their attacker. What Argdown cannot express rides in YAML under the
key ``argmap``: on a statement or argument (its id, a factor's kind and opposite, ``reconstructed``,
exact text, tags and data when Argdown would change them) and in the front matter (agents,
sources, attributions with their quotes, causal links and every relation Argdown cannot draw or
would read differently, and the relations' order when it would change).

Examples:
    >>> doc = parse_argdown_document('''
    ... [Blockade]: The US blockade strengthened the Tren de Aragua.
    ...   - [Defeated]: The Tren de Aragua was defeated.
    ... ''')
    >>> sorted(doc.statements)
    ['Blockade', 'Defeated']
    >>> [tuple(r[:3]) for r in doc.relations]
    [('Defeated', 'attack', 'Blockade')]
    >>> m = doc.to_map()
    >>> [(a.attacker, a.sort, a.target) for a in m.attacks()]
    [('defeated', 'rebut', 'blockade')]
    >>> parse_argdown(generate_argdown(m)) == m
    True
"""

from __future__ import annotations

from argmap._io import PathOrFile, read_text
from argmap.model import ArgumentMap
from argmap.readwrite.argdown.document import ArgdownDocument, ArgdownRelation
from argmap.readwrite.argdown.postprocess import parse
from argmap.readwrite.argdown.writer import generate_argdown, write_argdown

__all__ = [
    "ArgdownDocument",
    "ArgdownRelation",
    "generate_argdown",
    "parse_argdown",
    "parse_argdown_document",
    "read_argdown",
    "write_argdown",
]


def parse_argdown(text: str, *, origin: str | None = None) -> ArgumentMap:
    """Parse Argdown text into an argument map.

    Args:
        text: The Argdown source.
        origin: Where the text came from (a file name), for error messages.

    Returns:
        The map (see the module documentation for how each Argdown element maps).

    Raises:
        FormatError: The text's ``argmap`` data is malformed;
            :class:`~argmap.errors.ArgdownSyntaxError` (a subclass) when the text is not valid
            Argdown or holds invalid YAML, with the line and column and what was expected.

    Examples:
        >>> m = parse_argdown("[A]: Inclusion reduced violence.\\n  + [B]: It did.")
        >>> [(s.premises, s.conclusion) for s in m.supports()]
        [(('b',), 'a')]
        >>> parse_argdown("[A]: text\\n  + [B] and more text", origin="demo.argdown")
        Traceback (most recent call last):
        ...
        argmap.errors.ArgdownSyntaxError: demo.argdown:2:9: invalid relation: only one statement ...
    """
    return parse(text, origin=origin).to_map()


def parse_argdown_document(text: str, *, origin: str | None = None) -> ArgdownDocument:
    """Parse Argdown text into Argdown's own view of it.

    Args:
        text: The Argdown source.
        origin: Where the text came from (a file name), for error messages.

    Returns:
        The document: statements, arguments, relations, sections and the argument map, as
        Argdown 1.7.5 makes them. ``to_map()`` turns it into an :class:`ArgumentMap`.

    Raises:
        ArgdownSyntaxError: The text is not valid Argdown or holds invalid YAML; the error names
            the line and column and what was expected.

    Examples:
        >>> doc = parse_argdown_document('''
        ... <Fumigation failed>: Decades of fumigation did not end the mafia.
        ...
        ... (1) Fumigation went on for decades.
        ... (2) The mafia is still there.
        ... ----
        ... (3) [No end]: Fumigation did not end the mafia.
        ... ''')
        >>> [(s.title, s.role) for s in doc.arguments["Fumigation failed"].pcs]
        [('Untitled 1', 'premise'), ('Untitled 2', 'premise'), ('No end', 'main-conclusion')]
    """
    return parse(text, origin=origin)


def read_argdown(path_or_file: PathOrFile) -> ArgumentMap:
    """Read an Argdown file (``.argdown`` or ``.ad``) into an argument map.

    Args:
        path_or_file: A path or an open file, text or binary (UTF-8).

    Returns:
        The map (see the module documentation for how each Argdown element maps).

    Raises:
        FormatError: The file cannot be read; :class:`~argmap.errors.ArgdownSyntaxError` (a
            subclass) when it is not valid Argdown, with the line and column.

    Examples:
        >>> import io
        >>> m = read_argdown(io.StringIO("[A]: Inclusion reduced violence.\\n  + [B]: It did."))
        >>> [(s.premises, s.conclusion) for s in m.supports()]
        [(('b',), 'a')]
    """
    text, origin = read_text(path_or_file)
    return parse(text, origin=origin).to_map()
