"""Argdown's grammar: recursive descent over the tokens that builds Argdown's model."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from argmap.errors import ArgdownSyntaxError
from argmap.readwrite.argdown.document import (
    Argument,
    EquivalenceClass,
    Inference,
    Occurrence,
    Range,
    Relation,
    RelationMember,
    Section,
)

# Parser and model builder
# --------------------------------------------------------------------------------------------
from argmap.readwrite.argdown.lexer import (
    _ARGUMENT_FIRST,
    _CONTENT_TOKENS,
    _FREESTYLE_TOKENS,
    _RANGE_START,
    _RE_BLOCK_DATA_END,
    _RE_BLOCK_DATA_START,
    _RE_LINK_PARTS,
    _RE_TAG_NAME,
    _STATEMENT_FIRST,
    _TOKEN_LABELS,
    ARGUMENT_DEFINITION,
    ARGUMENT_MENTION,
    CONTRADICTION,
    DATA,
    DEDENT,
    EMPTYLINE,
    EOF,
    ESCAPED_CHAR,
    FRONT_MATTER,
    HEADING_START,
    INCOMING_ATTACK,
    INCOMING_SUPPORT,
    INCOMING_UNDERCUT,
    INDENT,
    INFERENCE_END,
    INFERENCE_START,
    LINK,
    LIST_DELIMITER,
    NEWLINE,
    ORDERED_LIST_ITEM,
    OUTGOING_ATTACK,
    OUTGOING_SUPPORT,
    OUTGOING_UNDERCUT,
    RELATION_TOKENS,
    SPECIAL_CHAR,
    STATEMENT_DEFINITION,
    STATEMENT_MENTION,
    STATEMENT_NUMBER,
    STATEMENT_REFERENCE,
    TAG,
    UNORDERED_LIST_ITEM,
    Token,
    _Lines,
    tokenize,
)
from argmap.readwrite.argdown.settings import (
    _DEFAULT_SETTINGS,
    _lodash_merge,
    _shortcode,
    load_yaml,
)

#: Deepest nesting of relation blocks the parser follows before it stops with a clear error
#: (recursive descent: a bound keeps Python's stack safe against hostile input).
MAX_NESTING = 100


@dataclass(eq=False)
class _Heading:
    text: str = ""
    ranges: list[Range] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: Any = None


@dataclass(eq=False)
class _Top:
    """A top-level element as the pcs rule sees its preceding sibling."""

    kind: str
    description: Occurrence | None = None
    argument: Argument | None = None


class _Parser:
    """Recursive descent over Argdown's grammar that builds Argdown's model as it goes.

    The handlers follow the order in which Argdown's tree walker visits rule entries, tokens and
    rule exits, because titles (``Untitled N``), relation order and sections depend on it.
    """

    def __init__(self, text: str, origin: str | None) -> None:
        self.text = text
        self.origin = origin
        self.lines = _Lines(text)
        self.reported: dict[int, tuple[int, int]] = {}
        self.tokens = tokenize(text, self.lines, origin, self.reported)
        # Argdown reports the end of the text where its last token starts.
        if self.tokens:
            last = len(self.tokens) - 1
            self.reported[len(self.tokens)] = self.reported.get(last) or self.lines.position(
                self.tokens[last][2]
            )
        self.tokens.append((EOF, "", len(text)))
        self.i = 0
        self.depth = 0
        self.settings: dict[str, Any] = _lodash_merge({}, _DEFAULT_SETTINGS)
        self.frontmatter: Any = None
        self.statements: dict[str, EquivalenceClass] = {}
        self.arguments: dict[str, Argument] = {}
        self.relations: list[Relation] = []
        self.sections: list[Section] = []
        self.tags: list[str] = []
        self.max_section_level = 0
        self.untitled = 0
        self.section_counter = 0
        self.current_statement: Occurrence | None = None
        self.current_heading: _Heading | None = None
        self.current_relation_parent: Occurrence | Argument | Inference | None = None
        self.current_argument: Argument | None = None
        self.current_pcs: Argument | None = None
        self.current_inference: Inference | None = None
        self.current_relation: Relation | None = None
        self.current_section: Section | None = None
        self.relation_parents: list[RelationMember] = []
        self.ranges_stack: list[Range] = []
        self._tag_index: dict[str, int] = {}
        self.yaml_cache: dict[str, Any] = {}
        self.generated_titles: set[str] = set()
        self.creation_order: list[EquivalenceClass | Argument] = []

    # -- token access -------------------------------------------------------------------------

    def peek(self, ahead: int = 0) -> int:
        if ahead:
            return self.tokens[min(self.i + ahead, len(self.tokens) - 1)][0]
        return self.tokens[self.i][0]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expect(self, kind: int, what: str = "") -> Token:
        if self.peek() != kind:
            self.fail(f"expected {what or _TOKEN_LABELS[kind]}")
        return self.take()

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    def fail(self, message: str, token: Token | None = None) -> None:
        index = self.i if token is None else self.tokens.index(token, max(self.i - 1, 0))
        token = self.tokens[index]
        line, column = self.reported.get(index) or self.position(token[2])
        column = self.lines.clamp(line, column)
        found = _TOKEN_LABELS[token[0]]
        if token[1].strip() and token[0] not in (EOF, INDENT, DEDENT):
            found += f" {token[1].strip()[:40]!r}"
        raise ArgdownSyntaxError(
            f"{message}, found {found}", file=self.origin, line=line, column=column
        )

    def unique_title(self) -> str:
        self.untitled += 1
        title = f"Untitled {self.untitled}"
        self.generated_titles.add(title)
        return title

    # -- data ---------------------------------------------------------------------------------

    def load_data(self, token: Token) -> Any:
        image = token[1]
        skipped = 0
        if self.settings["data"].get("switchToBlockFormatIfMultiline", True):
            start = _RE_BLOCK_DATA_START.match(image)
            if start:
                skipped = start.end()
                image = _RE_BLOCK_DATA_END.sub("", image[skipped:])
        return self.load_yaml_at(image, token[2] + skipped, "YAML data")

    def load_yaml_at(self, text: str, offset: int, what: str) -> Any:
        # Data blocks repeat ({isInMap: false}); parse each distinct text once, copy the result.
        if text in self.yaml_cache:
            return copy.deepcopy(self.yaml_cache[text])
        try:
            data = load_yaml(text)
            self.yaml_cache[text] = data
            return copy.deepcopy(data)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
            where = offset + (mark.index if mark is not None else 0)
            line, column = self.position(min(where, len(self.text)))
            problem = getattr(err, "problem", None) or str(err).splitlines()[0]
            raise ArgdownSyntaxError(
                f"invalid {what}: {problem}", file=self.origin, line=line, column=column
            ) from None

    # -- document -----------------------------------------------------------------------------

    def parse(self) -> None:
        if self.peek() == NEWLINE:
            self.take()
        if self.peek() == EMPTYLINE:
            self.take()
        if self.peek() == FRONT_MATTER:
            self.front_matter(self.take())
            if self.peek() == NEWLINE:
                self.take()
            if self.peek() == EOF:  # a document of front matter only: nothing more to read
                return
            self.expect(EMPTYLINE, "an empty line after the front matter")
        if self.peek() == EOF:
            return
        previous: _Top | None = None
        while True:
            previous = self.top(previous)
            kind = self.peek()
            if kind == EOF:
                return
            if kind != EMPTYLINE:
                self.fail("expected an empty line or the end of the text")
            self.take()

    def front_matter(self, token: Token) -> None:
        image = re.sub(r"^\s*={3,}", "", token[1])
        skipped = len(token[1]) - len(image)
        image = re.sub(r"={3,}\s*\Z", "", image)
        data = self.load_yaml_at(image, token[2] + skipped, "front matter")
        self.frontmatter = data
        if isinstance(data, dict):
            self.settings = _lodash_merge(self.settings, data)
            for key in ("model", "data", "selection", "group"):
                if not isinstance(self.settings.get(key), dict):
                    self.settings[key] = dict(_DEFAULT_SETTINGS[key])

    def top(self, previous: _Top | None) -> _Top:
        kind = self.peek()
        if kind == HEADING_START:
            self.heading()
            return _Top("heading")
        if kind in _STATEMENT_FIRST:
            self.statement("argdown")
            return _Top("statement")
        if kind == STATEMENT_NUMBER:
            self.pcs(previous)
            return _Top("pcs")
        if kind in _ARGUMENT_FIRST:
            description, argument = self.argument("argdown")
            return _Top("argument", description, argument)
        if kind == INDENT and self.peek(1) in (ORDERED_LIST_ITEM, UNORDERED_LIST_ITEM):
            self.list_block(self.peek(1))
            return _Top("list")
        if kind == INDENT:
            self.fail(
                "a paragraph may not start with an indented relation or element; remove the empty"
                " line above it or start with text, a title or a list item",
                self.tokens[self.i + 1],
            )
        self.fail("expected text, a statement or argument title, a heading, (1) or a list item")
        raise AssertionError  # pragma: no cover

    # -- headings and sections ----------------------------------------------------------------

    def heading(self) -> None:
        start = self.take()
        heading = _Heading()
        self.current_heading = heading
        self.content()
        if self.peek() == DATA or (self.peek() == NEWLINE and self.peek(1) == DATA):
            if self.peek() == NEWLINE:
                self.newline(heading_or_statement_last=False)
            heading.data = self.load_data(self.take())
            if self.peek() == NEWLINE:
                self.newline(heading_or_statement_last=True)
        self.current_heading = None
        self.section_counter += 1
        line, column = self.position(start[2])
        section = Section(
            id=f"s{self.section_counter}",
            title=heading.text.strip(),
            level=len(start[1]) - 1,
            line=line,
            column=column,
            tags=heading.tags,
            data=heading.data,
            ranges=heading.ranges,
        )
        self.max_section_level = max(self.max_section_level, section.level)
        group_settings = self.settings.get("group") or {}
        if isinstance(section.data, dict):
            if "isGroup" in section.data and not group_settings.get("ignoreIsGroup"):
                section.is_group = bool(section.data["isGroup"])
            if "isClosed" in section.data and not group_settings.get("ignoreIsClosed"):
                section.is_closed = bool(section.data["isClosed"])
        configured = group_settings.get("sections")
        if isinstance(configured, dict):
            config = configured.get(section.title)
            if isinstance(config, dict):
                section.is_group = config.get("isGroup")
                section.is_closed = config.get("isClosed")
            elif section.is_group is None:
                section.is_group = False
        parent = self.current_section
        while parent is not None and parent.level >= section.level:
            parent = parent.parent
        if parent is not None:
            parent.children.append(section)
            section.parent = parent
        else:
            self.sections.append(section)
        self.current_section = section

    # -- text content -------------------------------------------------------------------------

    def target(self) -> _Heading | Occurrence | None:
        return self.current_heading or self.current_statement

    def append_text(self, text: str) -> None:
        target = self.target()
        if target is not None:
            target.text = (target.text or "") + text

    def text_length(self) -> int:
        target = self.target()
        return len(target.text or "") if target is not None else 0

    def add_range(self, item: Range) -> None:
        target = self.target()
        if target is not None:
            target.ranges.append(item)

    def newline(self, heading_or_statement_last: bool) -> None:
        """A line break inside an element: one space, unless it ends the element."""
        self.take()
        target = self.target()
        if target is None or heading_or_statement_last:
            return
        text = target.text or ""
        if not text.endswith(" "):
            target.text = text + " "

    def content(self) -> None:
        """``statementContent``: text, links, tags, mentions, line breaks, bold and italic."""
        if self.peek() not in _CONTENT_TOKENS:
            self.fail(
                "expected text content (to refer to an element without text, use [Title] or"
                " <Title> without a colon)"
            )
        open_ranges: list[tuple[int, Range]] = []
        while True:
            kind = self.peek()
            if kind in _FREESTYLE_TOKENS:
                self.append_text(self.freestyle())
            elif kind == NEWLINE:
                self.newline(heading_or_statement_last=self.peek(1) not in _CONTENT_TOKENS)
            elif kind == LINK:
                self.link(self.take())
            elif kind == TAG:
                self.tag(self.take())
            elif kind in (STATEMENT_MENTION, ARGUMENT_MENTION):
                self.mention(self.take())
            elif kind in _RANGE_START:
                self.take()
                end_kind, range_type = _RANGE_START[kind]
                item = Range(range_type, self.text_length(), self.text_length())
                self.add_range(item)
                open_ranges.append((end_kind, item))
            elif open_ranges and kind == open_ranges[-1][0]:
                image = self.take()[1]
                _, item = open_ranges.pop()
                item.stop = max(self.text_length() - 1, 0)  # the range ends before the space
                if image.endswith(" "):
                    self.append_text(" ")
            else:
                if open_ranges:
                    end_kind, item = open_ranges[-1]
                    self.fail(
                        f"incomplete {item.type} text: expected {_TOKEN_LABELS[end_kind]}"
                        " (a backslash escapes * and _)"
                    )
                return

    def freestyle(self) -> str:
        """``freestyleText``: a run of plain text, escapes and shortcodes."""
        parts: list[str] = []
        tokens = self.tokens
        while tokens[self.i][0] in _FREESTYLE_TOKENS:
            kind, image, _ = tokens[self.i]
            self.i += 1
            if kind == ESCAPED_CHAR:
                parts.append(image[1:])
            elif kind == SPECIAL_CHAR:
                code = _shortcode(image, self.settings["model"].get("shortcodes"))
                if code is None:
                    parts.append(image)
                else:
                    parts.append(code + (" " if image.endswith(" ") else ""))
            else:
                parts.append(image)
        return "".join(parts)

    def link(self, token: Token) -> None:
        target = self.target()
        if target is None:
            return
        m = _RE_LINK_PARTS.match(token[1])
        if m is None:  # the lexer's link may span lines; Argdown's model then gives up
            self.fail("a link's text and address must each stay on one line", token)
            raise AssertionError  # pragma: no cover
        label, url = m.group(1), m.group(2)
        start = len(target.text or "")
        target.text = (target.text or "") + label
        if token[1].endswith(" "):
            target.text += " "
        target.ranges.append(Range("link", start, start + len(label) - 1, url=url))

    def mention(self, token: Token) -> None:
        target = self.target()
        image = token[1]
        title = image[2:].rstrip(" \t")[:-1]
        if target is None:
            return
        start = len(target.text or "")
        target.text = (target.text or "") + image
        kind = "statement-mention" if token[0] == STATEMENT_MENTION else "argument-mention"
        target.ranges.append(Range(kind, start, len(target.text) - 1, title=title))

    def tag(self, token: Token) -> None:
        target = self.target()
        if target is None:
            return
        m = _RE_TAG_NAME.match(token[1])
        name = (m.group(1) or m.group(2)) if m else token[1]
        if not self.settings["model"].get("removeTagsFromText"):
            start = len(target.text or "")
            target.text = (target.text or "") + token[1]
            target.ranges.append(Range("tag", start, len(target.text) - 1, tag=name))
        if name not in target.tags:
            target.tags.append(name)
        if name not in self._tag_index:
            self._tag_index[name] = len(self.tags)
            self.tags.append(name)

    # -- statements ---------------------------------------------------------------------------

    def statement(self, parent: str) -> Occurrence:
        start = self.tokens[self.i]
        line, column = self.position(start[2])
        occurrence = Occurrence(line=line, column=column)
        if parent == "argdown":
            occurrence.role = "top-level-statement"
            occurrence.is_top_level = True
        elif self.current_relation is not None:
            occurrence.role = "relation-statement"
        self.current_statement = occurrence
        self.current_relation_parent = occurrence
        kind = self.peek()
        if kind == STATEMENT_REFERENCE:
            self.bare_reference(occurrence)
        elif kind == STATEMENT_DEFINITION:
            occurrence.title = self.take()[1][1:-2]
            self.content()
        else:
            self.content()
        self.member_data(occurrence)
        # Inline, not in a helper: each nesting level of relations costs no extra stack frame.
        if self.peek() == INDENT:
            self.relation_block()
        self.statement_exit(occurrence)
        return occurrence

    def bare_reference(self, member: Occurrence) -> None:
        """A statement's ``[title]`` or an argument's ``<title>`` without text, then its tags."""
        member.title = self.take()[1][1:-1]
        member.is_reference = True
        while self.peek() == TAG:
            self.tag(self.take())
        if self.peek() == NEWLINE:
            self.newline(heading_or_statement_last=self.peek(1) not in (DATA, INDENT))

    def member_data(self, member: Occurrence) -> None:
        """The data that may follow a statement's or argument's title and text."""
        if self.peek() == DATA:
            member.data = self.load_data(self.take())
            if self.peek() == NEWLINE:
                self.newline(heading_or_statement_last=self.peek(1) != INDENT)

    def statement_exit(self, occurrence: Occurrence) -> None:
        if not occurrence.title:
            occurrence.title = self.unique_title()
        ec = self.equivalence_class(occurrence.title)
        self.add_member(ec, occurrence)
        if occurrence.role == "top-level-statement":
            ec.is_used_as_top_level_statement = True
        elif occurrence.role == "relation-statement":
            ec.is_used_as_relation_statement = True
        self.current_statement = None

    def add_member(self, element: EquivalenceClass | Argument, member: Occurrence) -> None:
        """Add a statement to its equivalence class, or a description to its argument.

        The element takes the member's tags and data, and the member the current section. The
        element takes that section too when the member's data says ``isInGroup: true``, or,
        when it says nothing, if the member is no bare reference and the element has no section.
        """
        if member.tags:
            _union_into(element.tags, member.tags)
        if member.data is not None:
            element.data = _lodash_merge(element.data, member.data)
        if self.current_section is not None:
            member.section = self.current_section
        element.members.append(member)
        in_group = member.data.get("isInGroup") if isinstance(member.data, dict) else None
        if in_group is True or (
            not member.is_reference and in_group is None and element.section is None
        ):
            element.section = member.section

    def equivalence_class(self, title: str) -> EquivalenceClass:
        ec = self.statements.get(title)
        if ec is None:
            ec = EquivalenceClass(title, untitled=title in self.generated_titles)
            self.statements[title] = ec
            self.creation_order.append(ec)
        return ec

    def get_argument(self, title: str | None = None) -> Argument:
        argument = self.arguments.get(title) if title else None
        if argument is None:
            title = title or self.unique_title()
            argument = Argument(title, untitled=title in self.generated_titles)
            self.arguments[argument.title] = argument
            self.creation_order.append(argument)
        self.current_argument = argument
        self.current_relation_parent = argument
        return argument

    def relation_member(self, parent: Occurrence | Argument | Inference) -> RelationMember:
        if isinstance(parent, Occurrence):
            if not parent.title:
                parent.title = self.unique_title()
            if parent.role == "argument-description":
                return self.get_argument(parent.title)
            return self.equivalence_class(parent.title)
        return parent

    # -- arguments ----------------------------------------------------------------------------

    def argument(self, parent: str) -> tuple[Occurrence, Argument]:
        start = self.tokens[self.i]
        line, column = self.position(start[2])
        description = Occurrence(line=line, column=column, role="argument-description", text="")
        description.is_top_level = parent == "argdown"
        description.section = self.current_section
        self.current_statement = description
        self.current_relation_parent = description
        if self.peek() == ARGUMENT_DEFINITION:
            description.title = self.take()[1][1:-2]
            self.content()
        else:
            self.bare_reference(description)
        self.member_data(description)
        # Inline, not in a helper: each nesting level of relations costs no extra stack frame.
        if self.peek() == INDENT:
            self.relation_block()
        argument = self.get_argument(description.title)
        self.add_member(argument, description)
        self.current_statement = None
        self.current_argument = None
        return description, argument

    # -- premise-conclusion structures --------------------------------------------------------

    def pcs(self, previous: _Top | None) -> None:
        start = self.tokens[self.i]
        if previous is not None and previous.kind == "argument" and previous.argument is not None:
            argument = previous.argument
            description = previous.description
        else:
            argument = self.get_argument()
            description = None
        if self.current_section is not None:
            argument.section = self.current_section
        if argument.pcs:
            self.fail(
                f"argument <{argument.title}> already has a premise-conclusion structure;"
                " an argument takes only one",
                start,
            )
        argument.pcs = []
        if description is not None:
            description.pcs = argument.pcs
        self.current_pcs = argument
        self.pcs_statement(None)
        if self.peek() not in (STATEMENT_NUMBER, INFERENCE_START):
            self.fail(
                "incomplete premise-conclusion structure: expected more numbered statements or an"
                " inference line (----) followed by a conclusion, with no empty lines between"
            )
        while self.peek() in (STATEMENT_NUMBER, INFERENCE_START):
            while self.peek() == STATEMENT_NUMBER:
                self.pcs_statement(None)
            inference = self.inference()
            if self.peek() != STATEMENT_NUMBER:
                self.fail("expected the conclusion after the inference, a numbered statement (n)")
            self.pcs_statement(inference)
        last = argument.pcs[-1]
        last.role = "main-conclusion"
        ec = self.statements[last.title or ""]
        ec.is_used_as_main_conclusion = True
        if not any(m.role == "intermediary-conclusion" for m in ec.members):
            ec.is_used_as_intermediary_conclusion = False
        self.current_statement = None
        self.current_argument = None
        self.current_pcs = None

    def pcs_statement(self, inference: Inference | None) -> None:
        self.take()  # the statement number
        if self.peek() in _ARGUMENT_FIRST:
            self.fail(
                "an argument cannot be a premise or conclusion; use [Statement Title] or text"
            )
        if self.peek() not in _STATEMENT_FIRST:
            self.fail("expected the statement after its number")
        statement = self.statement("pcsStatement")
        pcs_argument = self.current_pcs
        assert pcs_argument is not None
        ec = self.equivalence_class(statement.title or "")
        statement.role = "premise"
        statement.argument_title = pcs_argument.title
        if inference is not None:
            statement.role = "intermediary-conclusion"
            ec.is_used_as_intermediary_conclusion = True
            statement.inference = inference
            inference.conclusion_index = len(pcs_argument.pcs)
            inference.argument_title = pcs_argument.title
        else:
            ec.is_used_as_premise = True
        pcs_argument.pcs.append(statement)

    def inference(self) -> Inference:
        start = self.expect(
            INFERENCE_START, "a numbered statement or an inference line (--) after the premises"
        )
        line, column = self.position(start[2])
        inference = Inference(line=line, column=column)
        self.current_inference = inference
        self.current_relation_parent = inference
        self.relation_parents.append(inference)
        if self.peek() in _FREESTYLE_TOKENS or (
            self.peek() == NEWLINE and self.peek(1) in _FREESTYLE_TOKENS
        ):
            if self.peek() == NEWLINE:
                self.take()
            inference.rules.append(self.freestyle().strip())
            while self.peek() == LIST_DELIMITER:
                self.take()
                if self.peek() not in _FREESTYLE_TOKENS:
                    self.fail("expected an inference rule after the comma")
                inference.rules.append(self.freestyle().strip())
        if self.peek() == NEWLINE:
            self.take()
        if self.peek() == DATA:
            inference.data = self.load_data(self.take())
            if self.peek() == NEWLINE:
                self.take()
        self.expect(INFERENCE_END, "the end of the inference: two or more hyphens (--)")
        self.expect(NEWLINE, "a line break after the inference")
        if self.peek() == INDENT:
            self.relation_block(undercuts_only=True)
        return inference

    # -- relations ----------------------------------------------------------------------------

    def relation_block(self, undercuts_only: bool = False) -> None:
        indent = self.take()
        if self.depth >= MAX_NESTING:
            self.fail(f"relations nested more than {MAX_NESTING} levels deep", indent)
        self.depth += 1
        parent = self.current_relation_parent
        assert parent is not None
        self.relation_parents.append(self.relation_member(parent))
        allowed = {OUTGOING_UNDERCUT} if undercuts_only else RELATION_TOKENS
        if self.peek() not in allowed:
            self.fail(
                "expected an undercut (<_) below the inference"
                if undercuts_only
                else "expected a relation (+, -, <+, <-, +>, ->, ><, _>, <_) at this indentation"
            )
        while self.peek() in allowed:
            self.relation(self.take())
        if self.peek() != DEDENT:
            self.fail(
                "invalid relation: only one statement or argument may follow a relation symbol;"
                " check the indentation of the lines above"
            )
        self.take()
        self.current_relation = None
        self.relation_parents.pop()
        self.depth -= 1

    def relation(self, token: Token) -> None:
        kind = token[0]
        top = self.relation_parents[-1]
        line, column = self.position(token[2])
        if kind in (INCOMING_SUPPORT, OUTGOING_SUPPORT):
            relation = Relation("support")
        elif kind in (INCOMING_ATTACK, OUTGOING_ATTACK):
            relation = Relation("attack")
        elif kind == CONTRADICTION:
            relation = Relation("contradictory")
        else:
            relation = Relation("undercut")
        relation.occurrences.append((line, column))
        if kind in (INCOMING_SUPPORT, INCOMING_ATTACK, CONTRADICTION, INCOMING_UNDERCUT):
            relation.source = top
        elif kind == OUTGOING_UNDERCUT and isinstance(top, EquivalenceClass):
            # Argdown sends an undercut below a statement to the last inference it has read.
            relation.target = self.current_inference or top
        else:
            relation.target = top
        self.current_relation = relation
        content: RelationMember
        if self.peek() in _STATEMENT_FIRST:
            occurrence = self.statement("relation")
            content = self.relation_member(occurrence)
        elif self.peek() in _ARGUMENT_FIRST and kind != CONTRADICTION:
            _, content = self.argument("relation")
        else:
            self.fail(
                "expected a statement after the contradiction (><)"
                if kind == CONTRADICTION
                else "expected a statement or an argument after the relation symbol"
            )
            raise AssertionError  # pragma: no cover
        if relation.source is not None:
            relation.target = content
        else:
            relation.source = content
        source = relation.source
        assert source is not None
        for existing in source.relations:
            if (
                existing.target is relation.target
                and existing.relation_type == relation.relation_type
            ) or (
                relation.relation_type == "contradictory"
                and existing.relation_type == "contradictory"
                and existing.source is relation.target
                and existing.target is relation.source
            ):
                existing.occurrences.extend(relation.occurrences)
                return
        assert relation.target is not None
        self.relations.append(relation)
        source.relations.append(relation)
        relation.target.relations.append(relation)

    # -- lists --------------------------------------------------------------------------------

    def list_block(self, item_kind: int) -> None:
        self.take()  # Indent
        while self.peek() == item_kind:
            self.take()
            if self.peek() in _STATEMENT_FIRST:
                self.statement("listItem")
            elif self.peek() in _ARGUMENT_FIRST:
                self.argument("listItem")
            else:
                self.fail("expected a statement or an argument after the list item mark")
        self.expect(
            DEDENT, "the next list item at the same indentation (nested lists are not supported)"
        )


def _union_into(target: list[str], new: list[str]) -> None:
    for item in new:
        if item not in target:
            target.append(item)
