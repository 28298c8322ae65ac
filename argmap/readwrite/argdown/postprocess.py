"""Argdown's model plugins after parsing: relation transforms, selection, the map and groups."""

from __future__ import annotations

import copy
from typing import Any, Literal

from argmap._gc import collector_paused
from argmap.errors import ArgdownSyntaxError
from argmap.readwrite.argdown.document import (
    ArgdownDocument,
    Argument,
    EquivalenceClass,
    Inference,
    MapEdge,
    MapNode,
    Occurrence,
    Relation,
    RelationMember,
    Section,
)
from argmap.readwrite.argdown.parser import (
    _Parser,
)
from argmap.readwrite.argdown.settings import _js_truthy

# --------------------------------------------------------------------------------------------
# Model post-processing, selection, map and groups
# --------------------------------------------------------------------------------------------


def _remove(items: list[Relation], relation: Relation) -> None:
    # Argdown removes with splice(indexOf(r), 1): an absent relation costs the last one.
    for index, item in enumerate(items):
        if item is relation:
            del items[index]
            return
    if items:
        items.pop()


def _join_or_append(
    relations: list[Relation], relation: Relation, end: Literal["source", "target"]
) -> bool:
    """Append ``relation`` to ``relations``, or merge it into an equal relation there.

    Another relation of its type with the same ``end`` ("source" or "target") takes its
    occurrences instead, and that end forgets ``relation``. Returns whether it was appended.
    """
    same: RelationMember | None = getattr(relation, end)
    assert same is not None
    for existing in relations:
        if getattr(existing, end) is same and existing.relation_type == relation.relation_type:
            existing.occurrences.extend(relation.occurrences)
            _remove(same.relations, relation)
            return False
    relations.append(relation)
    return True


def _transform_argument_relations(doc: _Parser) -> None:
    kept: list[Relation] = []
    for relation in doc.relations:
        add = True
        source, target = relation.source, relation.target
        assert source is not None and target is not None
        if isinstance(source, Argument) and source.pcs:
            _remove(source.relations, relation)
            ec = doc.statements[source.pcs[-1].title or ""]
            relation.source = ec
            add = _join_or_append(ec.relations, relation, "target")
        if (
            add
            and isinstance(target, Argument)
            and target.pcs
            and relation.relation_type == "undercut"
        ):
            inference = target.pcs[-1].inference
            assert inference is not None
            _remove(target.relations, relation)
            relation.target = inference
            add = _join_or_append(inference.relations, relation, "source")
        if add:
            kept.append(relation)
    doc.relations = kept


def _transform_statement_relations(doc: _Parser) -> None:
    """Strict mode: statement-to-statement support is entailment, attack is contrariety."""
    kept: list[Relation] = []
    for relation in doc.relations:
        source, target = relation.source, relation.target
        if isinstance(source, EquivalenceClass) and isinstance(target, EquivalenceClass):
            if relation.relation_type == "support":
                relation.relation_type = "entails"
            elif relation.relation_type == "attack":
                duplicate = any(
                    r.relation_type == "contrary"
                    and (
                        (r.source is source and r.target is target)
                        or (r.source is target and r.target is source)
                    )
                    for r in source.relations
                )
                if duplicate:
                    _remove(source.relations, relation)
                    _remove(target.relations, relation)
                    continue
                relation.relation_type = "contrary"
        kept.append(relation)
    doc.relations = kept


def _other(relation: Relation, member: RelationMember) -> RelationMember | None:
    return relation.target if relation.source is member else relation.source


def _remove_redundant_statement_attacks(doc: _Parser) -> None:
    """Drop ``[s] - <A>`` when ``[s]`` already attacks (or contradicts) a premise of ``<A>``."""
    kept: list[Relation] = []
    for relation in doc.relations:
        source, target = relation.source, relation.target
        if (
            not isinstance(source, EquivalenceClass)
            or relation.relation_type != "attack"
            or not isinstance(target, Argument)
        ):
            kept.append(relation)
            continue
        redundant = None
        for other_relation in source.relations:
            other = _other(other_relation, source)
            if not isinstance(other, EquivalenceClass):
                continue
            if not (
                (other_relation.relation_type == "attack" and other_relation.source is source)
                or other_relation.relation_type in ("contradictory", "contrary")
            ):
                continue
            if any(s.title == other.title and s.role == "premise" for s in target.pcs):
                redundant = other_relation
                break
        if redundant is None:
            kept.append(relation)
            continue
        _remove(source.relations, relation)
        _remove(target.relations, relation)
        redundant.occurrences.extend(relation.occurrences)
    doc.relations = kept


def _is_symmetric(relation: Relation) -> bool:
    return relation.relation_type in ("contrary", "contradictory")


class _Selection:
    def __init__(self, statements: list[EquivalenceClass], arguments: list[Argument]) -> None:
        self.statements = {ec.title: ec for ec in statements}
        self.arguments = {a.title: a for a in arguments}

    def member_selected(self, relation: Relation, member: RelationMember | None) -> bool:
        if isinstance(member, EquivalenceClass):
            if member.title in self.statements:
                return True
            role = "premise" if relation.target is member else "main-conclusion"
            symmetric = _is_symmetric(relation)
            return any(
                (symmetric or s.role == role) and (s.argument_title or "") in self.arguments
                for s in member.members
                if s.argument_title is not None
            )
        if isinstance(member, Argument):
            return member.title in self.arguments
        if isinstance(member, Inference):
            return (member.argument_title or "") in self.arguments
        return False

    def other_selected(self, relation: Relation, member: RelationMember) -> bool:
        return self.member_selected(relation, _other(relation, member))


def _flag(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def _preselect(settings: dict[str, Any], element: EquivalenceClass | Argument) -> bool:
    if not settings.get("ignoreIsInMap") and _flag(element.data, "isInMap") not in (None, True):
        return False
    excluded = settings.get(
        "excludeArguments" if isinstance(element, Argument) else "excludeStatements"
    )
    if isinstance(excluded, list) and element.title in excluded:
        return False
    sections = settings.get("selectedSections")
    if isinstance(sections, list):
        section = element.section
        if not (
            (section is None and settings.get("selectElementsWithoutSection") is True)
            or (section is not None and section.title in sections)
        ):
            return False
    tags = settings.get("selectedTags")
    if isinstance(tags, list):
        return bool(
            (settings.get("selectElementsWithoutTag") is True and not element.tags)
            or any(t in tags for t in element.tags)
        )
    return True


def _select_statements(
    settings: dict[str, Any], selection: _Selection, statements: list[EquivalenceClass]
) -> list[EquivalenceClass]:
    mode = settings.get("statementSelectionMode", "with-title")
    included = settings.get("includeStatements")
    chosen: list[EquivalenceClass] = []
    for ec in statements:
        if not settings.get("ignoreIsInMap") and _flag(ec.data, "isInMap") is True:
            chosen.append(ec)
            continue
        if isinstance(included, list) and ec.title in included:
            chosen.append(ec)
            continue
        with_relations = any(selection.other_selected(r, ec) for r in ec.relations)
        used_in_argument = any(
            s.role in ("premise", "main-conclusion")
            and (s.argument_title or "") in selection.arguments
            for s in ec.members
        )
        if mode == "all":
            selected = True
        elif mode == "top-level":
            selected = (
                not used_in_argument and with_relations
            ) or ec.is_used_as_top_level_statement
        elif mode == "with-relations":
            selected = with_relations
        elif mode == "not-used-in-argument":
            selected = not used_in_argument
        elif mode == "with-more-than-one-relation":
            partners = sum(_count_partners(r, ec, selection) for r in ec.relations)
            selected = with_relations and (not used_in_argument or partners > 1)
        elif mode == "with-title":
            selected = (not used_in_argument and with_relations) or not ec.title.startswith(
                "Untitled"
            )
        else:  # Argdown selects nothing for a mode it does not know
            selected = False
        disconnected_ok = (
            not settings.get("excludeDisconnected", True) or used_in_argument or with_relations
        )
        if disconnected_ok and selected:
            chosen.append(ec)
    return chosen


def _count_partners(relation: Relation, ec: EquivalenceClass, selection: _Selection) -> int:
    other = _other(relation, ec)
    if isinstance(other, EquivalenceClass):
        if ec.title not in selection.statements:
            return 0
        role = "premise" if relation.target is other else "main-conclusion"
        return sum(
            1
            for s in other.members
            if s.role == role and (s.argument_title or "") in selection.arguments
        )
    if isinstance(other, Argument):
        return int(other.title in selection.arguments)
    if isinstance(other, Inference):
        return int((other.argument_title or "") in selection.arguments)
    return 0


def _select_arguments(
    settings: dict[str, Any],
    selection: _Selection,
    statements: dict[str, EquivalenceClass],
    arguments: list[Argument],
) -> list[Argument]:
    if not settings.get("excludeDisconnected", True):
        return list(arguments)
    ignore_is_in_map = settings.get("ignoreIsInMap")

    def connected(argument: Argument) -> bool:
        if not ignore_is_in_map and _flag(argument.data, "isInMap") is True:
            return True
        if any(selection.other_selected(r, argument) for r in argument.relations):
            return True
        return any(_pcs_statement_connected(s, statements, selection) for s in argument.pcs)

    return [argument for argument in arguments if connected(argument)]


def _pcs_statement_connected(
    s: Occurrence, statements: dict[str, EquivalenceClass], selection: _Selection
) -> bool:
    inference = s.inference
    if (
        s.role in ("intermediary-conclusion", "main-conclusion")
        and inference is not None
        and any(selection.other_selected(r, inference) for r in inference.relations)
    ):
        return True
    ec = statements[s.title or ""]
    for r in ec.relations:
        symmetric = _is_symmetric(r)
        if s.role == "intermediary-conclusion":
            continue
        if not symmetric and s.role == "premise" and r.source is ec:
            continue
        if not symmetric and s.role == "main-conclusion" and r.target is ec:
            continue
        if selection.other_selected(r, ec):
            return True
    if s.role in ("main-conclusion", "premise"):
        required = "premise" if s.role == "main-conclusion" else "main-conclusion"
        if (s.title or "") in selection.statements:
            return True
        return any(
            m.role == required and (m.argument_title or "") in selection.arguments
            for m in ec.members
        )
    return False


def _label(title: str, text: str | None) -> tuple[str | None, str | None]:
    label_title = title if (not title.startswith("Untitled") or not text) else None
    return label_title, text


def _build_map(doc: _Parser) -> tuple[list[MapNode], list[MapEdge]]:
    settings = doc.settings.get("selection") or {}
    statements = [ec for ec in doc.statements.values() if _preselect(settings, ec)]
    arguments = [a for a in doc.arguments.values() if _preselect(settings, a)]
    preselection = _Selection(statements, arguments)
    statements = _select_statements(settings, preselection, statements)
    arguments = _select_arguments(
        settings, _Selection(statements, arguments), doc.statements, arguments
    )
    selection = _Selection(statements, arguments)

    statement_nodes: dict[str, MapNode] = {}
    for ec in statements:
        label_title, label_text = _label(ec.title, ec.text)
        node = MapNode(f"n{len(statement_nodes)}", "statement", ec.title, label_title, label_text)
        node.tags = list(ec.tags)
        statement_nodes[ec.title] = node
    argument_nodes: dict[str, MapNode] = {}
    for argument in arguments:
        label_title, label_text = _label(argument.title, argument.text)
        node_id = f"n{len(statement_nodes) + len(argument_nodes)}"
        node = MapNode(node_id, "argument", argument.title, label_title, label_text)
        node.tags = list(argument.tags)
        argument_nodes[argument.title] = node

    edges: list[MapEdge] = []
    for relation in doc.relations:
        if not (
            selection.member_selected(relation, relation.source)
            and selection.member_selected(relation, relation.target)
        ):
            continue
        _edges_from_relation(relation, statement_nodes, argument_nodes, edges, reverse=False)
        if _is_symmetric(relation):
            _edges_from_relation(relation, statement_nodes, argument_nodes, edges, reverse=True)
    edges.extend(_equivalence_edges(doc, len(edges), statement_nodes, argument_nodes))
    nodes = _group_nodes(doc, [*statement_nodes.values(), *argument_nodes.values()])
    return nodes, edges


def _edge_ends(
    member: RelationMember | None,
    statement_nodes: dict[str, MapNode],
    argument_nodes: dict[str, MapNode],
    reverse: bool,
    is_source: bool,
) -> list[MapNode]:
    if isinstance(member, Argument):
        node = argument_nodes.get(member.title)
        return [node] if node is not None and not reverse else []
    if isinstance(member, Inference):
        node = argument_nodes.get(member.argument_title or "")
        return [node] if node is not None and not reverse and not is_source else []
    if isinstance(member, EquivalenceClass):
        node = statement_nodes.get(member.title)
        if node is not None:
            return [node] if (is_source or not reverse) else []
        role = "main-conclusion" if is_source else "premise"
        found = []
        for s in member.members:
            if s.role == role:
                argument_node = argument_nodes.get(s.argument_title or "")
                if argument_node is not None:
                    found.append(argument_node)
        return found
    return []


def _edges_from_relation(
    relation: Relation,
    statement_nodes: dict[str, MapNode],
    argument_nodes: dict[str, MapNode],
    edges: list[MapEdge],
    reverse: bool,
) -> None:
    source = relation.target if reverse else relation.source
    target = relation.source if reverse else relation.target
    froms = _edge_ends(source, statement_nodes, argument_nodes, reverse, is_source=True)
    tos = _edge_ends(target, statement_nodes, argument_nodes, reverse, is_source=False)
    for a in froms:
        for b in tos:
            relation_type = relation.relation_type
            if not (a.kind == "statement" and b.kind == "statement"):
                relation_type = {
                    "contradictory": "attack",
                    "contrary": "attack",
                    "entails": "support",
                }.get(relation_type, relation_type)
            edges.append(
                MapEdge(
                    id=f"e{len(edges) + 1}",
                    source=a.id,
                    target=b.id,
                    relation_type=relation_type,
                    source_equivalence_class=source.title
                    if isinstance(source, EquivalenceClass)
                    else None,
                    target_equivalence_class=target.title
                    if isinstance(target, EquivalenceClass)
                    else None,
                )
            )


def _equivalence_edges(
    doc: _Parser,
    initial: int,
    statement_nodes: dict[str, MapNode],
    argument_nodes: dict[str, MapNode],
) -> list[MapEdge]:
    """Support edges that shared titles imply (conclusion of one = premise of another)."""
    edges: list[MapEdge] = []
    seen: set[tuple[str, str]] = set()

    def add(a: MapNode, b: MapNode, title: str, prefix: str) -> None:
        if (a.id, b.id) in seen:
            return
        seen.add((a.id, b.id))
        # Argdown 1.7.5 names argument-to-argument edges "n<k>" (they may clash with node ids).
        edges.append(
            MapEdge(f"{prefix}{initial + len(edges) + 1}", a.id, b.id, "support", title, title)
        )

    for argument_node in argument_nodes.values():
        argument = doc.arguments[argument_node.title]
        if not argument.pcs:
            continue
        title = argument.pcs[-1].title or ""
        ec = doc.statements[title]
        statement_node = statement_nodes.get(title)
        if statement_node is not None:
            add(argument_node, statement_node, title, "e")
            continue
        for s in ec.members:
            if s.role == "premise":
                other = argument_nodes.get(s.argument_title or "")
                if other is not None:
                    add(argument_node, other, title, "n")
    for statement_node in statement_nodes.values():
        ec = doc.statements[statement_node.title]
        for s in ec.members:
            if s.role == "premise":
                other = argument_nodes.get(s.argument_title or "")
                if other is not None:
                    add(statement_node, other, ec.title, "e")
    return edges


def _assign_group_flags(doc: _Parser) -> None:
    """Sections without an explicit isGroup are groups if among the deepest groupDepth levels."""
    group = doc.settings.get("group")
    depth = group.get("groupDepth", 2) if isinstance(group, dict) else 2
    if not isinstance(depth, int) or isinstance(depth, bool):
        depth = 2
    min_level = doc.max_section_level - depth + 1
    stack = list(doc.sections)
    while stack:
        section = stack.pop()
        if section.is_group is None:
            section.is_group = section.level >= min_level
        stack.extend(section.children)


def _group_nodes(doc: _Parser, nodes: list[MapNode]) -> list[MapNode]:
    """Put nodes into groups made from headings; return all nodes in pre-order."""

    def group_section(node: MapNode) -> Section | None:
        element = (
            doc.arguments[node.title] if node.kind == "argument" else doc.statements[node.title]
        )
        section: Section | None = element.section
        while section is not None and section.is_group is False:
            section = section.parent
        return section

    groups: dict[str, tuple[Section, list[Any]]] = {}  # id -> (section, children)
    group_parent: dict[str, str | None] = {}
    for node in nodes:
        found = group_section(node)
        if found is None:
            continue
        if found.id not in groups:
            groups[found.id] = (found, [])
            parent = found.parent
            while parent is not None and parent.is_group is False:
                parent = parent.parent
            group_parent[found.id] = parent.id if parent is not None else None
        groups[found.id][1].append(node)
    for group_id in list(groups):
        current = group_id
        parent_section = groups[current][0].parent
        while group_parent.get(current):
            parent_id = group_parent[current]
            assert parent_id is not None
            if parent_id in groups:
                groups[parent_id][1].append(current)
                break
            if parent_section is None:
                break
            if parent_section.is_group is not False:
                groups[parent_id] = (parent_section, [current])
                group_parent[parent_id] = (
                    parent_section.parent.id if parent_section.parent else None
                )
                current = parent_id
                parent_section = parent_section.parent
            elif parent_section.parent is not None:
                group_parent[current] = parent_section.parent.id
                parent_section = parent_section.parent
            else:
                group_parent[current] = None
                break

    ordered: list[MapNode] = []
    top: list[Any] = [g for g in groups if not group_parent.get(g)]
    top.extend(node for node in nodes if group_section(node) is None)
    work: list[tuple[Any, str | None, int]] = [(item, None, 1) for item in reversed(top)]
    while work:
        item, enclosing, level = work.pop()
        if isinstance(item, MapNode):
            item.group = enclosing
            ordered.append(item)
            continue
        section, children = groups[item]
        ordered.append(
            MapNode(
                id=section.id,
                kind="group",
                title=section.title,
                label_title=section.title,
                group=enclosing,
                level=level,
            )
        )
        work.extend((child, section.id, level + 1) for child in reversed(children))
    return ordered


# --------------------------------------------------------------------------------------------
# Settings applied after the model: model.explodeArguments and group.regroup
# --------------------------------------------------------------------------------------------


def _js_index(value: Any) -> int | None:
    """A 1-based statement number as JavaScript's ``value - 1`` reads it (``None``: not one)."""
    if isinstance(value, bool | int):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            number = float(value.strip() or "0")  # JavaScript reads "" and " " as 0
        except ValueError:
            return None
        return int(number) if number.is_integer() else None
    return None


def _uses(conclusion: Occurrence) -> list[Any] | None:
    """The statement numbers an inference names, where Argdown's explode step looks for them."""
    inference_data = conclusion.inference.data if conclusion.inference else None
    data = conclusion.data
    if isinstance(inference_data, dict) and isinstance(inference_data.get("uses"), list):
        return list(inference_data["uses"])
    if isinstance(data, dict) and isinstance(data.get("uses"), list):
        return list(data["uses"])
    if isinstance(inference_data, dict) and isinstance(inference_data.get("from"), list):
        return list(inference_data["from"])
    # Argdown asks for a truthy "uses" here but takes "from"; only a non-list "uses" gets here.
    if isinstance(data, dict) and data.get("uses") and isinstance(data.get("from"), list):
        return list(data["from"])
    return None


def _substitute(doc: _Parser, old: Occurrence | None, new: Occurrence) -> None:
    """Put ``new`` in place of ``old`` among its class's members: removed, then appended."""
    members = doc.statements[new.title or ""].members
    for index, member in enumerate(members):
        if member is old:
            del members[index]
            break
    members.append(new)


def _inferential_step(
    doc: _Parser, argument: Argument, conclusion: Occurrence, index: int
) -> list[Occurrence]:
    """The premises and the conclusion of one inference, as a little argument of its own."""
    step: list[Occurrence] = []
    uses = _uses(conclusion)
    if uses is not None:
        for number in uses:
            position = _js_index(number)
            if position is None or not 1 <= position <= len(argument.pcs):
                raise ArgdownSyntaxError(
                    f"statement ({index + 1}) of argument <{argument.title}> uses {number!r},"
                    f" which is not a statement number of the argument: expected 1 to"
                    f" {len(argument.pcs)}",
                    file=doc.origin,
                    line=conclusion.line,
                    column=conclusion.column,
                )
            old = argument.pcs[position - 1]
            new = copy.copy(old)
            new.role = "premise"
            _substitute(doc, old, new)
            step.append(new)
    else:
        for back in range(index - 1, -1, -1):  # back to the previous conclusion, inclusive
            old = argument.pcs[back]
            new = copy.copy(old)
            new.role = "premise"
            step.append(new)
            _substitute(doc, old, new)
            if old.role == "intermediary-conclusion":
                break
        step.reverse()
    new_conclusion = copy.copy(conclusion)
    new_conclusion.role = "main-conclusion"
    _substitute(doc, conclusion, new_conclusion)
    step.append(new_conclusion)
    return step


def _explode_arguments(doc: _Parser) -> None:
    """``model.explodeArguments``: one argument ``T - k`` for each inference of argument ``T``.

    The last step inherits the argument's relations; the others have none. Each step's
    statements are copies (premises, then the conclusion) that replace the originals among
    their classes' members.
    """
    for title in list(doc.arguments):
        argument = doc.arguments[title]
        steps = [
            _inferential_step(doc, argument, s, i)
            for i, s in enumerate(argument.pcs)
            if s.role in ("intermediary-conclusion", "main-conclusion")
        ]
        if len(steps) <= 1:
            continue
        exploded: list[Argument] = []
        for number, step in enumerate(steps, start=1):
            new = copy.copy(argument)
            new.title = f"{title} - {number}"
            new.exploded_from = title
            for statement in step:
                statement.argument_title = new.title
            new.pcs = step
            new.relations = []
            exploded.append(new)
        last = exploded[-1]
        last.relations = list(argument.relations)
        for relation in last.relations:
            if relation.source is argument:
                relation.source = last
            else:
                relation.target = last
        del doc.arguments[title]
        for new in exploded:
            if new.title in doc.arguments:
                where = argument.pcs[0] if argument.pcs else None
                raise ArgdownSyntaxError(
                    f"cannot split argument <{title}>: an argument <{new.title}> already exists",
                    file=doc.origin,
                    line=where.line if where else None,
                    column=where.column if where else None,
                )
            doc.arguments[new.title] = new
        at = next(i for i, e in enumerate(doc.creation_order) if e is argument)
        doc.creation_order[at : at + 1] = exploded


def _regroup(doc: _Parser) -> None:
    """``group.regroup``: sections from the settings take the place of those from headings."""
    group = doc.settings.get("group")
    configs = group.get("regroup") if isinstance(group, dict) else None
    if not isinstance(configs, list | str) or not configs:
        return
    doc.sections = []
    for ec in doc.statements.values():
        ec.section = None
    for argument in doc.arguments.values():
        argument.section = None
    for counter, config in enumerate(configs):
        if isinstance(config, dict):
            doc.sections.append(_regroup_section(doc, config, 1, counter, None))


def _titles(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return list(value) if isinstance(value, str) else []  # JavaScript walks a string's letters


def _regroup_section(
    doc: _Parser, config: Any, level: int, counter: int, parent: Section | None
) -> Section:
    """One configured section and its children, walked with a stack (no recursion)."""
    root: Section | None = None
    work: list[tuple[Any, int, int, Section | None]] = [(config, level, counter, parent)]
    while work:
        config, level, counter, parent = work.pop()
        fields = config if isinstance(config, dict) else {}
        title = fields.get("title")
        tags = fields.get("tags")
        closed = fields.get("isClosed")
        section = Section(
            # Argdown's numbering: a child's is its parent's plus one plus its index.
            id=f"s{counter}",
            title="" if title is None else str(title),
            level=level,
            line=0,
            column=0,
            parent=parent,
            tags=[str(t) for t in tags] if isinstance(tags, list) else [],
            is_closed=None if closed is None else bool(closed),
        )
        if parent is None:
            root = section
        else:
            parent.children.append(section)
        for name in _titles(fields.get("statements")):
            ec = doc.statements.get(name) if isinstance(name, str) else None
            if ec is not None:
                ec.section = section
        for name in _titles(fields.get("arguments")):
            argument = doc.arguments.get(name) if isinstance(name, str) else None
            if argument is not None:
                argument.section = section
        children = fields.get("children")
        if isinstance(children, list):
            work.extend(
                (child, level + 1, counter + 1 + i, section)
                for i, child in reversed(list(enumerate(children)))
            )
    assert root is not None
    return root


def _js_key_order(items: dict[str, Any]) -> dict[str, Any]:
    """Order keys as a JavaScript object does: array-index keys first, ascending."""

    def is_index(key: str) -> bool:
        return (
            key.isascii()
            and key.isdigit()
            and (key == "0" or not key.startswith("0"))
            and len(key) <= 10  # converting a long run of digits is slow, then refused
            and int(key) < 2**32 - 1
        )

    indexed = sorted((k for k in items if is_index(k)), key=int)
    if not indexed:
        return items
    ordered = {k: items[k] for k in indexed}
    ordered.update((k, v) for k, v in items.items() if not is_index(k))
    return ordered


def parse(text: str, *, origin: str | None = None) -> ArgdownDocument:
    """Parse Argdown text into Argdown's model and map (see :class:`ArgdownDocument`).

    Raises:
        ArgdownSyntaxError: The text is not valid Argdown, or its YAML is invalid.
    """
    # A large document makes hundreds of thousands of tokens and nodes at once; automatic
    # collections meanwhile walk them all again and again (a fifth of a 10,000-statement read).
    with collector_paused():
        return _parse(text, origin)


def _parse(text: str, origin: str | None) -> ArgdownDocument:
    parser = _Parser(text, origin)
    parser.parse()
    for ec in parser.statements.values():
        if ec.section is None and ec.members:
            ec.section = ec.members[0].section
    for argument in parser.arguments.values():
        if argument.section is None and argument.members:
            argument.section = argument.members[0].section
    model_settings = parser.settings.get("model") or {}
    if model_settings.get("transformArgumentRelations", True):
        _transform_argument_relations(parser)
    if model_settings.get("mode") == "strict":
        _transform_statement_relations(parser)
    _remove_redundant_statement_attacks(parser)
    parser.statements = _js_key_order(parser.statements)
    parser.arguments = _js_key_order(parser.arguments)
    if _js_truthy(model_settings.get("explodeArguments")):
        _explode_arguments(parser)
        parser.arguments = _js_key_order(parser.arguments)
    _regroup(parser)
    _assign_group_flags(parser)
    parser.tokens = []  # the document keeps the parser for its map; the tokens can go
    parser.yaml_cache = {}
    return ArgdownDocument(
        statements=parser.statements,
        arguments=parser.arguments,
        relation_objects=parser.relations,
        sections=parser.sections,
        tags=parser.tags,
        frontmatter=parser.frontmatter,
        settings=parser.settings,
        origin=origin,
        creation_order=parser.creation_order,
        _map_builder=lambda: _build_map(parser),
    )
