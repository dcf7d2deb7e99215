"""The shapes compiled to SPARQL and run by Oxigraph: ``conflictkg validate``'s default validator.

pySHACL (:mod:`conflictkg.validate`) is the validator of record, and it spends about 20 ms of
Python per article walking the graph node by node. Here the constraints of each shape become a
few SPARQL SELECTs (its value tests in one, its counts in another, each SPARQL constraint in its
own: never one per focus node), each listing every violating (focus node, value, constraint) of
a batch of articles at once, and Oxigraph answers them in Rust.

What an article is checked against is the same as with pySHACL (:class:`~conflictkg.validate.ArticleBatch`):
its own graph, the catalogue's descriptions of every node it reaches (followed to the end of
their chains) and the class hierarchy, and nothing of any other article. Here that context is
built in Oxigraph: the article's graph is loaded into a scratch store beside the catalogue, one
SPARQL update adds to it what it reaches and the schema, and every query runs inside
``GRAPH ?view`` over the views of one batch (the catalogue alone is one more view). A result
then becomes a SHACL result as pySHACL writes it, and :class:`conflictkg.validate.SparqlValidator`
turns it into a :class:`~conflictkg.validate.Finding` with the code that turns pySHACL's, so the
report is the same whichever validator made it.

Only the SHACL Core constructs the project's shapes use are compiled (:func:`compile_shapes`);
a shape with anything else is named with the construct it uses and left to pySHACL, never
skipped.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, count
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH
from rdflib.term import Node

from conflictkg import iris
from conflictkg.cache import cached_bytes, content_key
from conflictkg.namespaces import CK, DEFAULT_BASE
from conflictkg.store import SerializedGraph
from conflictkg.store.terms import from_oxigraph, ntriples_text

SCHEMA_GRAPH = "urn:conflictkg:validation:schema"
CATALOGUE_VIEW = "urn:conflictkg:validation:catalogue"
SUBCLASSES = "SUBCLASSES"   # SUBCLASSES{<C> …}: the classes whose instances are SHACL instances of C or …


class UnsupportedShape(ValueError):
    """A shape uses a construct this compiler does not know: pySHACL runs that shape instead."""

    def __init__(self, shape: Node, construct: str):
        super().__init__(f"shape {shape}: {construct} is not compiled to SPARQL")
        self.shape = shape
        self.construct = construct


# ---------------------------------------------------------------------------- compiled constraints


@dataclass(frozen=True)
class CompiledConstraint:
    """Constraints of one shape as one SELECT of ``?view ?this`` (and ``?value``, and
    ``?component`` when it checks several): the violations in every view the query runs over,
    and what pySHACL's result for each says."""

    shape: Node                        # sh:sourceShape
    component: URIRef | None           # sh:sourceConstraintComponent (None: each row's ?component)
    severity: URIRef
    messages: tuple[Literal, ...]      # sh:resultMessage
    sparql: str                        # run with the views as its named graphs
    path: Node | None = None           # the shape's sh:path, copied as sh:resultPath
    constraint: Node | None = None     # sh:sourceConstraint (a SPARQL constraint)
    shapes: Graph | None = field(default=None, compare=False, repr=False)

    def with_hierarchy(self, subclasses: Callable[[str], list[str]]) -> CompiledConstraint:
        """This constraint with each ``SUBCLASSES{<C> …}`` replaced by the IRIs of C, …
        and of all their subclasses (``subclasses`` gives them for one class IRI)."""
        def expand(match: re.Match) -> str:
            classes = {iri for named in re.findall(r"<([^>]*)>", match[1]) for iri in [named, *subclasses(named)]}
            separator = ", " if match.string[match.start() - 1] == "(" else " "  # IN ( … ) or VALUES { … }
            return separator.join(f"<{iri}>" for iri in sorted(classes))
        return replace(self, sparql=re.sub(SUBCLASSES + r"\{([^}]*)\}", expand, self.sparql))

    def run(self, store: ox.Store, views: Sequence[ox.NamedNode]) -> ox.QuerySolutions:
        """The violations in ``views`` (named graphs of ``store``), one row each."""
        return store.query(self.sparql, named_graphs=views)

    def result(self, report: Graph, focus: Node, value: Node | None, component: Node | None = None) -> BNode:
        """Write one result into ``report`` as pySHACL writes it; its node."""
        result = BNode()
        report.add((result, RDF.type, SH.ValidationResult))
        report.add((result, SH.focusNode, focus))
        report.add((result, SH.resultSeverity, self.severity))
        report.add((result, SH.sourceConstraintComponent, component or self.component))
        report.add((result, SH.sourceShape, self.shape))
        for message in self.messages:
            report.add((result, SH.resultMessage, message))
        if value is not None:
            report.add((result, SH.value, value))
        if self.constraint is not None:
            report.add((result, SH.sourceConstraint, self.constraint))
        if self.path is not None:
            report.add((result, SH.resultPath, _copy(self.shapes, self.path, report)))
        return result


def _copy(source: Graph, node: Node, target: Graph) -> Node:
    """``node`` and, if it is a blank node (a path, a list), its description, with fresh blank nodes."""
    if not isinstance(node, BNode):
        return node
    copy = BNode()
    for p, o in source.predicate_objects(node):
        target.add((copy, p, _copy(source, o, target)))
    return copy


# ---------------------------------------------------------------------------- compiling shapes

# Not constraints: what a shape says about itself, its targets, and the parameters read with
# the constraint they belong to.
_NOT_CONSTRAINTS = {SH.targetClass, SH.targetNode, SH.path, SH.message, SH.severity, SH.name, SH.description,
                    SH.order, SH.group, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint,
                    SH.flags, SH.deactivated}
_VALUE_TESTS = {SH["class"]: SH.ClassConstraintComponent, SH.datatype: SH.DatatypeConstraintComponent,
                SH.nodeKind: SH.NodeKindConstraintComponent, SH["in"]: SH.InConstraintComponent,
                SH.minInclusive: SH.MinInclusiveConstraintComponent, SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
                SH.minExclusive: SH.MinExclusiveConstraintComponent, SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
                SH.pattern: SH.PatternConstraintComponent, SH.minLength: SH.MinLengthConstraintComponent,
                SH.maxLength: SH.MaxLengthConstraintComponent, SH.languageIn: SH.LanguageInConstraintComponent,
                SH["or"]: SH.OrConstraintComponent}
_PAIRS = {SH.lessThan: (SH.LessThanConstraintComponent, "<"),
          SH.lessThanOrEquals: (SH.LessThanOrEqualsConstraintComponent, "<="),
          SH.disjoint: (SH.DisjointConstraintComponent, None)}
_RANGES = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
_NODE_KINDS = {SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
               SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
               SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))"}
# Datatypes whose ill-formed literals pySHACL rejects and SPARQL can tell (a cast fails).
_CASTABLE = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.date, XSD.dateTime, XSD.time}
_UNSUPPORTED_SPARQL = re.compile(r"\$(PATH|shapesGraph|currentShape)\b|\bMINUS\b|\bSERVICE\b|\{\s*SELECT\b", re.I)
_SELECT = re.compile(r"^\s*SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(?P<projection>[^{]*?)\s*WHERE\s*\{(?P<body>.*)\}\s*$",
                     re.I | re.S)


def compile_shapes(shapes: Graph) -> tuple[list[CompiledConstraint], dict[Node, UnsupportedShape]]:
    """Every targeted shape's constraints as queries, and the shapes that could not be compiled
    (each with what stopped it), which the caller runs with pySHACL."""
    compiled: list[CompiledConstraint] = []
    left: dict[Node, UnsupportedShape] = {}
    for shape in _targeted_shapes(shapes):
        try:
            compiled += _ShapeCompiler(shapes, shape).constraints()
        except UnsupportedShape as exc:
            left[shape] = exc
    return compiled, left


def _targeted_shapes(shapes: Graph) -> list[Node]:
    """Every shape with a target, of any kind (those this compiler does not know included, so
    that they are named, not skipped)."""
    targeted = set()
    for target in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
        targeted |= set(shapes.subjects(target))
    return sorted(targeted | _implicit_class_targets(shapes), key=str)


def _implicit_class_targets(shapes: Graph) -> set[Node]:
    """Shapes that are classes too, and so target their instances."""
    classes = set(shapes.subjects(RDF.type, RDFS.Class)) | set(shapes.subjects(RDF.type, OWL.Class))
    return {shape for shape in classes if (shape, RDF.type, SH.NodeShape) in shapes
            or (shape, RDF.type, SH.PropertyShape) in shapes}


class _ShapeCompiler:
    """The queries of one targeted shape (and of its ``sh:property`` shapes)."""

    def __init__(self, shapes: Graph, shape: Node):
        self.shapes, self.shape = shapes, shape
        self._names = count()

    def constraints(self) -> list[CompiledConstraint]:
        if self.shapes.value(self.shape, SH.deactivated) == Literal(True):
            return []
        constraints = self._of(self.shape)
        for prop in self.shapes.objects(self.shape, SH.property):
            constraints += self._of(prop)
        return constraints

    # -- targets

    def _focus(self) -> str:
        """A pattern that binds ?this to each focus node of the shape in the view."""
        for unknown in (SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
            if (self.shape, unknown, None) in self.shapes:
                raise UnsupportedShape(self.shape, _short(unknown))
        if self.shape in _implicit_class_targets(self.shapes):
            raise UnsupportedShape(self.shape, "a shape that is a class (an implicit class target)")
        patterns = []
        classes = sorted(self.shapes.objects(self.shape, SH.targetClass), key=str)
        if classes:  # the instances found from their classes (an index), not the types filtered
            kind = self._variable()
            patterns.append(f"VALUES {kind} {{ {SUBCLASSES}{{{self._terms(classes)}}} }} ?this rdf:type {kind} .")
        nodes = sorted(self.shapes.objects(self.shape, SH.targetNode), key=str)
        if nodes:
            patterns.append(f"VALUES ?this {{ {self._terms(nodes)} }}")
        return " UNION ".join(f"{{ {p} }}" for p in patterns) if len(patterns) > 1 else patterns[0]

    def _instance(self, var: str, classes: list[Node]) -> str:
        """A pattern: ``var`` is a SHACL instance of one of ``classes`` (rdf:type/rdfs:subClassOf*),
        the subclasses left for :meth:`CompiledConstraint.with_hierarchy` to fill in."""
        kind = self._variable()
        return f"{var} rdf:type {kind} . FILTER({kind} IN ({SUBCLASSES}{{{self._terms(classes)}}}))"


    # -- the constraints of a shape

    def _of(self, shape: Node) -> list[CompiledConstraint]:
        """The queries of one shape. Its value tests share one query (one scan of the values),
        its counts another, its qualified counts a third; each row says which constraint it
        breaks (``?component``), and a value breaking two constraints gives two rows."""
        path = self.shapes.value(shape, SH.path)
        path_sparql = self._path(shape, path) if path is not None else None
        focus = self._focus()
        tests: list[tuple[URIRef, str]] = []    # (component, what a value must satisfy)
        counts: list[tuple[URIRef, str]] = []   # (component, what the number of values must satisfy)
        made = []
        for parameter in sorted(set(self.shapes.predicates(shape)), key=str):
            if parameter in _NOT_CONSTRAINTS or not str(parameter).startswith(str(SH)):
                continue
            value = self.shapes.value(shape, parameter)
            if parameter in _VALUE_TESTS:
                tests.append((_VALUE_TESTS[parameter], self._value_test(shape, parameter, value, "?value")))
            elif parameter in (SH.minCount, SH.maxCount):
                counts.append(self._bound(parameter, value))
            elif parameter == SH.qualifiedValueShape:
                made += self._qualified(shape, value, focus, path, path_sparql)
            elif parameter in _PAIRS:
                made.append(self._pair(shape, parameter, value, focus, path, path_sparql))
            elif parameter == SH.hasValue:
                where = f"{focus} FILTER NOT EXISTS {{ ?this {path_sparql or ''} ?has . FILTER(sameTerm(?has, {self._term(value)})) }}" \
                    if path is not None else f"{focus} FILTER(!sameTerm(?this, {self._term(value)}))"
                made.append(self._constraint(shape, SH.HasValueConstraintComponent, path, where, has_value=False))
            elif parameter == SH.sparql:
                made += [self._sparql(shape, constraint, focus)
                         for constraint in self.shapes.objects(shape, SH.sparql)]
            elif parameter == SH.property:
                continue  # the property shapes of a targeted node shape: compiled by constraints()
            else:
                raise UnsupportedShape(self.shape, _short(parameter))
        if tests:
            values = f"?this {path_sparql} ?value ." if path is not None else "BIND(?this AS ?value)"
            broken = _any_broken(tests, lambda test: f"!({test})")
            select = (f"SELECT DISTINCT ?view ?this ?value ?component WHERE {{ GRAPH ?view {{ {focus} {values} "
                      f"{broken} }} }}")
            made.append(self._constraint(shape, None, path, "", has_value=True, select=select))
        if counts:
            made.append(self._count(shape, counts, focus, path, path_sparql))
        return made

    def _constraint(self, shape: Node, component: URIRef | None, path: Node | None, where: str, *, has_value: bool,
                    select: str | None = None, constraint: Node | None = None, prefixes: str = "",
                    severity_of: Node | None = None, messages_of: Node | None = None,
                    plain_messages: bool = False) -> CompiledConstraint:
        """``component`` None: the query says which one in ``?component``."""
        value = " ?value" if has_value else ""
        sparql = select or (f"SELECT DISTINCT ?view ?this{value} WHERE {{ "
                            f"GRAPH ?view {{ {where} }} }}")
        messages = tuple(self.shapes.objects(messages_of or shape, SH.message))
        if not messages:
            raise UnsupportedShape(shape, "a shape without sh:message (pySHACL writes its own)")
        if plain_messages:  # pySHACL drops the language of a SPARQL constraint's messages
            messages = tuple(Literal(str(m)) for m in messages)
        severity = self.shapes.value(severity_of or shape, SH.severity) or SH.Violation
        return CompiledConstraint(shape, component, severity, tuple(sorted(messages)), _PREFIXES + prefixes + sparql,
                                  path, constraint, self.shapes)

    def _bound(self, parameter: Node, bound: Node) -> tuple[URIRef, str]:
        """(component, the test the number of values ``?count`` must pass) of a count constraint."""
        components = {SH.minCount: SH.MinCountConstraintComponent, SH.maxCount: SH.MaxCountConstraintComponent,
                      SH.qualifiedMinCount: SH.QualifiedMinCountConstraintComponent,
                      SH.qualifiedMaxCount: SH.QualifiedMaxCountConstraintComponent}
        operator = ">=" if parameter in (SH.minCount, SH.qualifiedMinCount) else "<="
        return components[parameter], f"?count {operator} {self._term(bound)}"

    def _count(self, shape, counts: list[tuple[URIRef, str]], focus, path, path_sparql,
               test: str | None = None) -> CompiledConstraint:
        """One query for a shape's count constraints: the values counted once per focus node."""
        if path is None:
            raise UnsupportedShape(shape, "a count constraint on a node shape")
        values = f"?this {path_sparql} ?value ." + (f" FILTER({test})" if test else "")
        select = (f"SELECT ?view ?this ?component WHERE {{ "
                  f"{{ SELECT ?view ?this (COUNT(DISTINCT ?value) AS ?count) WHERE {{ GRAPH ?view {{ {focus} "
                  f"OPTIONAL {{ {values} }} }} }} GROUP BY ?view ?this }} "
                  f"{_any_broken(counts, lambda test: f'!({test})')} }}")
        return self._constraint(shape, None, path, "", has_value=False, select=select)

    def _qualified(self, shape, nested, focus, path, path_sparql) -> list[CompiledConstraint]:
        if self.shapes.value(shape, SH.qualifiedValueShapesDisjoint) == Literal(True):
            raise UnsupportedShape(shape, "sh:qualifiedValueShapesDisjoint")
        counts = [self._bound(parameter, self.shapes.value(shape, parameter))
                  for parameter in (SH.qualifiedMinCount, SH.qualifiedMaxCount) if (shape, parameter, None) in self.shapes]
        return [self._count(shape, counts, focus, path, path_sparql, self._conforms(nested, "?value"))] if counts else []

    def _pair(self, shape, parameter, other, focus, path, path_sparql) -> CompiledConstraint:
        component, operator = _PAIRS[parameter]
        if path is None:
            raise UnsupportedShape(shape, f"{_short(parameter)} on a node shape")
        if operator is None:  # sh:disjoint: a value that is also a value of the other property
            where = f"{focus} ?this {path_sparql} ?value . ?this {self._term(other)} ?value ."
        else:  # a value not below (or not at most) one of the other property's values, or not comparable
            where = (f"{focus} ?this {path_sparql} ?value . ?this {self._term(other)} ?other . "
                     f"FILTER(!COALESCE(?value {operator} ?other, false))")
        return self._constraint(shape, component, path, where, has_value=True)

    def _sparql(self, shape: Node, constraint: Node, focus: str) -> CompiledConstraint:
        """A SHACL-SPARQL constraint, run once for every focus node of every view: ``$this`` is
        bound by the shape's targets at the head of the query's own group."""
        text = self.shapes.value(constraint, SH.select)
        if text is None or (constraint, SH.ask, None) in self.shapes:
            raise UnsupportedShape(shape, f"SPARQL constraint {constraint} without sh:select")
        match = _SELECT.match(str(text))
        if not match or _UNSUPPORTED_SPARQL.search(str(text)):
            raise UnsupportedShape(shape, f"SPARQL constraint {constraint}: a query other than one plain SELECT … WHERE {{ }}")
        projected = set(re.findall(r"[?$](\w+)", match["projection"]))
        if not projected <= {"this", "value"}:
            raise UnsupportedShape(shape, f"SPARQL constraint {constraint}: it selects {sorted(projected)}")
        select = (f"SELECT DISTINCT ?view ?this ?value WHERE {{ "
                  f"GRAPH ?view {{ {focus} {match['body']} }} }}")
        return self._constraint(shape, SH.SPARQLConstraintComponent, None, "", has_value=True, select=select,
                                constraint=constraint, prefixes=self._prefixes(constraint),
                                messages_of=constraint, plain_messages=True)

    def _prefixes(self, constraint: Node) -> str:
        lines = []
        for declarations in self.shapes.objects(constraint, SH.prefixes):
            for declaration in self.shapes.objects(declarations, SH.declare):
                prefix = self.shapes.value(declaration, SH.prefix)
                namespace = self.shapes.value(declaration, SH.namespace)
                lines.append(f"PREFIX {prefix}: <{namespace}>\n")
        return "".join(sorted(set(lines)))

    # -- what a value must be

    def _value_test(self, shape: Node, parameter: Node, value: Node, var: str) -> str:
        """A SPARQL expression, true when ``var`` satisfies the constraint ``parameter value``."""
        if parameter == SH["class"]:
            return f"EXISTS {{ {self._instance(var, [value])} }}"
        if parameter == SH.datatype:
            if value == RDFS.Literal:
                return f"isLiteral({var})"
            test = f"isLiteral({var}) && DATATYPE({var}) = {self._term(value)}"
            if value in _CASTABLE:  # an ill-formed literal ("2018-13-45"^^xsd:date) does not count
                test += f" && COALESCE(isLiteral({self._term(value)}({var})), false)"
            return f"({test})"
        if parameter == SH.nodeKind:
            if value not in _NODE_KINDS:
                raise UnsupportedShape(shape, f"sh:nodeKind {value}")
            return _NODE_KINDS[value].format(v=var)
        if parameter == SH["in"]:
            members = list(Collection(self.shapes, value))
            return "(" + (" || ".join(f"sameTerm({var}, {self._term(m)})" for m in members) or "false") + ")"
        if parameter in _RANGES:
            return f"COALESCE({var} {_RANGES[parameter]} {self._term(value)}, false)"
        if parameter == SH.pattern:
            flags = self.shapes.value(shape, SH.flags)
            regex = f"REGEX(STR({var}), {self._term(Literal(str(value)))}"
            regex += f", {self._term(Literal(str(flags)))})" if flags is not None else ")"
            return f"(!isBlank({var}) && {regex})"
        if parameter in (SH.minLength, SH.maxLength):
            operator = ">=" if parameter == SH.minLength else "<="
            return f"(!isBlank({var}) && STRLEN(STR({var})) {operator} {int(value)})"
        if parameter == SH.languageIn:
            tags = [str(tag) for tag in Collection(self.shapes, value)]
            matches = " || ".join(f"LANGMATCHES(LANG({var}), {self._term(Literal(tag))})" for tag in tags) or "false"
            return f"(isLiteral({var}) && ({matches}))"
        if parameter == SH["or"]:
            return "(" + " || ".join(self._conforms(member, var) for member in Collection(self.shapes, value)) + ")"
        raise UnsupportedShape(shape, _short(parameter))

    def _conforms(self, shape: Node, var: str) -> str:
        """A SPARQL expression, true when the node ``var`` conforms to the nested ``shape``."""
        path = self.shapes.value(shape, SH.path)
        tests = []
        if path is not None:
            tests.append(self._property_conforms(shape, var, path))
        else:
            for parameter in sorted(set(self.shapes.predicates(shape)), key=str):
                if parameter in _NOT_CONSTRAINTS or not str(parameter).startswith(str(SH)):
                    continue
                if parameter == SH.property:
                    tests += [self._property_conforms(p, var, self.shapes.value(p, SH.path))
                              for p in self.shapes.objects(shape, SH.property)]
                else:
                    tests.append(self._value_test(shape, parameter, self.shapes.value(shape, parameter), var))
        return "(" + (" && ".join(tests) or "true") + ")"

    def _property_conforms(self, shape: Node, var: str, path: Node | None) -> str:
        if path is None:
            raise UnsupportedShape(shape, "sh:property without sh:path")
        path_sparql, inner = self._path(shape, path), self._variable()
        tests = []
        for parameter in sorted(set(self.shapes.predicates(shape)), key=str):
            if parameter in _NOT_CONSTRAINTS or not str(parameter).startswith(str(SH)):
                continue
            value = self.shapes.value(shape, parameter)
            if parameter == SH.minCount and int(value) <= 1:
                tests.append(f"EXISTS {{ {var} {path_sparql} {inner} }}" if int(value) == 1 else "true")
            elif parameter in _VALUE_TESTS:
                test = self._value_test(shape, parameter, value, inner)
                tests.append(f"NOT EXISTS {{ {var} {path_sparql} {inner} . FILTER(!({test})) }}")
            else:
                raise UnsupportedShape(self.shape, f"{_short(parameter)} in a nested shape")
        return "(" + (" && ".join(tests) or "true") + ")"

    # -- terms and paths

    def _path(self, shape: Node, path: Node) -> str:
        if isinstance(path, URIRef):
            return self._term(path)
        if (path, RDF.first, None) in self.shapes:
            return "(" + "/".join(self._path(shape, step) for step in Collection(self.shapes, path)) + ")"
        for kind, template in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"), (SH.oneOrMorePath, "{}+"),
                               (SH.zeroOrOnePath, "{}?")):
            inner = self.shapes.value(path, kind)
            if inner is not None:
                return "(" + template.format(self._path(shape, inner)) + ")"
        alternatives = self.shapes.value(path, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self._path(shape, step) for step in Collection(self.shapes, alternatives)) + ")"
        raise UnsupportedShape(shape, f"the path {path}")

    def _term(self, node: Node) -> str:
        if isinstance(node, BNode):
            raise UnsupportedShape(self.shape, f"a blank node ({node}) where a constant is expected")
        return ntriples_text(node)

    def _terms(self, nodes) -> str:
        return " ".join(self._term(node) for node in nodes)

    def _variable(self) -> str:
        return f"?v{next(self._names)}"


_PREFIXES = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def _any_broken(checks: list[tuple[URIRef, str]], broken: Callable[[str], str]) -> str:
    """Binds ``?component`` to each constraint of ``checks`` whose test is ``broken``."""
    components = " ".join(ntriples_text(component) for component, _ in checks)
    tests = " || ".join(f"(sameTerm(?component, {ntriples_text(component)}) && {broken(test)})"
                        for component, test in checks)
    return f"VALUES ?component {{ {components} }} FILTER({tests})"


def _short(iri: Node) -> str:
    return f"sh:{str(iri).removeprefix(str(SH))}" if str(iri).startswith(str(SH)) else str(iri)


# ---------------------------------------------------------------------------- running them

# What an article is checked against: its graph, the catalogue's descriptions of every node it
# names (as subject or object) and of every catalogue node those lead to by any link but rdf:type
# (their closure), and the schema: ArticleBatch's context. The nodes it names that the catalogue
# knows are found by Oxigraph (a join with the catalogue's nodes, loaded with the batch); the
# closures are walked once per run, and the descriptions are written as N-Quads from text made
# once per node.
_REACHED = """
SELECT DISTINCT ?view ?node ?described WHERE {{
    VALUES ?view {{ {views} }}
    GRAPH <{nodes}> {{ ?node <{nodes}> <{nodes}> }}
    GRAPH ?view {{ {{ ?node ?p ?o BIND(true AS ?described) }} UNION {{ ?s ?p ?node }} }}
}}"""
_SCHEMA = """
INSERT {{ GRAPH <{schema}> {{ ?s ?p ?o }} }} WHERE {{
    GRAPH <{ontology}> {{ ?s ?p ?o }} VALUES ?p {{ {predicates} }} FILTER(isIRI(?s) && isIRI(?o))
}};
INSERT {{ GRAPH <{view}> {{ ?s ?p ?o }} }} WHERE {{ {{ GRAPH <{catalogue}> {{ ?s ?p ?o }} }} UNION {{ GRAPH <{schema}> {{ ?s ?p ?o }} }} }}
"""
# What a finding says about its node: the node's own statements and its evidence spans'.
_DESCRIPTIONS = """
SELECT ?view ?s ?p ?o WHERE {{
    VALUES (?view ?node) {{ {pairs} }}
    GRAPH ?view {{ {{ ?node ?p ?o BIND(?node AS ?s) }} UNION {{ ?node <{evidence}> ?s . ?s ?p ?o }} }}
    FILTER(?p IN ({predicates}))
}}"""
CATALOGUE_NODES = "urn:conflictkg:validation:catalogue-nodes"


def offending_node(shapes: Graph, node_shape: Node | None, focus: Node, value: Node | None) -> tuple[Node, Node | None]:
    """(focus, value) of a result, with a whole-graph check's offending node as its focus.

    A whole-graph check targets a class (``sh:targetNode ck:Mention``) and its one SPARQL query
    lists every offending node as ``sh:value`` (one query per shape, not one per node: see
    shapes/README.md). The result is about that node, not about the class.
    """
    if value is not None and node_shape is not None and (node_shape, SH.targetNode, focus) in shapes:
        return value, None
    return focus, value


class CatalogueContext:
    """The catalogue as an article's context is made of it: each node's statements as N-Triples
    text, and each node's closure (the node and every node its links but rdf:type lead to).

    The catalogue does not change during a run and articles reach the same places and actors
    over and over, so each closure is walked once and each statement written as text once.
    The statements whose predicate no query reads (``unread``: :func:`unread_predicates`) are
    kept apart: half of what the catalogue says of its nodes is their other names, and writing
    them into every article's context was a third of all a batch loaded.
    """

    def __init__(self, quads: Iterator[ox.Quad], unread: frozenset[str] = frozenset()):
        self.statements: dict[ox.NamedNode | ox.BlankNode, list[str]] = defaultdict(list)
        self.unread: dict[ox.NamedNode | ox.BlankNode, list[str]] = defaultdict(list)
        self.links: dict[ox.NamedNode | ox.BlankNode, list] = defaultdict(list)
        for quad in quads:
            kept = self.unread if quad.predicate.value in unread else self.statements
            kept[quad.subject].append(f"{quad.subject} {quad.predicate} {quad.object}")
            if quad.predicate != _RDF_TYPE and isinstance(quad.object, (ox.NamedNode, ox.BlankNode)):
                self.links[quad.subject].append(quad.object)
        self.unread_predicates = unread
        self._closures: dict[object, frozenset] = {}

    def nodes(self) -> bytes:
        """Every IRI a closure can hold, as N-Quads of :data:`CATALOGUE_NODES` (what a batch's
        articles are joined with to find the catalogue nodes they name)."""
        iris = {node for node in chain(self.statements, self.unread) if isinstance(node, ox.NamedNode)}
        iris |= {node for targets in self.links.values() for node in targets if isinstance(node, ox.NamedNode)}
        marker = f"<{CATALOGUE_NODES}>"
        return "".join(f"{node} {marker} {marker} {marker} .\n" for node in sorted(iris, key=str)).encode("utf-8")

    def closure(self, node) -> frozenset:
        """``node`` and every catalogue node its links lead to (walked once per node)."""
        if node not in self._closures:
            self._closures[node] = walk_links(node, lambda current: self.links.get(current, ()))
        return self._closures[node]

    def described(self, node) -> bool:
        """Whether the catalogue has statements about ``node``."""
        return node in self.statements or node in self.unread


def walk_links(start, links: Callable[[object], Iterable]) -> frozenset:
    """``start`` and every node ``links`` lead to from it, step after step (a catalogue node's
    closure: the validators' context holds each node an article names and all it leads to)."""
    seen = set()
    todo = [start]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(links(current))
    return frozenset(seen)


@dataclass
class _View:
    """One article's view in a batch: the catalogue nodes it names, and those it describes."""

    reached: set = field(default_factory=set)
    described: set = field(default_factory=set)

    def context(self, catalogue: CatalogueContext) -> set:
        return {node for reached in self.reached for node in catalogue.closure(reached)}

    def unchanged(self, catalogue: CatalogueContext) -> set:
        """The catalogue nodes of the view that look as they do in the catalogue: the article
        describes none of the nodes they lead to. Their findings are the catalogue check's."""
        return {node for node in self.context(catalogue)
                if catalogue.described(node) and catalogue.closure(node).isdisjoint(self.described)}


_RDF_TYPE = ox.NamedNode(str(RDF.type))
_ANY_PREDICATE = "*"
# The algebra's operators (rdflib) whose every solution is one of this part's: its triples bind
# their variables in every solution of the query.
_MANDATORY_PARTS = {"SelectQuery": ("p",), "Project": ("p",), "Distinct": ("p",), "Reduced": ("p",),
                    "Graph": ("p",), "Filter": ("p",), "Extend": ("p",), "Slice": ("p",), "OrderBy": ("p",),
                    "Join": ("p1", "p2"), "LeftJoin": ("p1",), "Minus": ("p1",)}


def unread_predicates(constraints: Sequence[CompiledConstraint], read: Iterable[URIRef],
                      catalogue: Iterable[ox.Quad]) -> frozenset[str]:
    """The predicates of ``catalogue`` statements that no query reads: the queries do not name
    them, nor can a variable predicate take them as its value (a query's variable predicate is
    also one of its solutions' subjects or objects, and these predicates are no subject or object
    of the catalogue or the schema; an article that makes one a subject or object has the whole
    catalogue in its context: :meth:`SparqlShapes.check`). Empty when a query can read a statement
    of any predicate (a variable predicate bound by nothing else, a negated property set).

    ``read``: the predicates read by other queries (the findings' words).
    """
    named = _named_in_queries(constraints)
    if named is None:
        return frozenset()
    predicates, terms = set(), set()
    for quad in catalogue:
        predicates.add(quad.predicate.value)
        terms.update(term.value for term in (quad.subject, quad.object) if isinstance(term, ox.NamedNode))
    return frozenset(predicates - named - terms - {str(RDF.type), *map(str, read)})


def _named_in_queries(constraints: Sequence[CompiledConstraint]) -> frozenset[str] | None:
    """The IRIs the queries name; None when one can read a statement of any predicate.

    The compiled constraints name their predicates as IRIs (and rdf:type). The SPARQL
    constraints, written by hand, are parsed (rdflib's algebra, about 15 ms each), once for a
    given set of them (:mod:`conflictkg.cache`).
    """
    by_hand = sorted({constraint.sparql for constraint in constraints if constraint.constraint is not None})
    named = cached_bytes("sparql-named-iris", content_key(*by_hand, Path(__file__).read_bytes()),
                         lambda: "\n".join(sorted(_named_by_hand(by_hand))).encode("utf-8")).decode("utf-8").split("\n")
    if _ANY_PREDICATE in named:
        return None
    written = (iri for constraint in constraints if constraint.constraint is None
               for iri in re.findall(r"<([^>]*)>", constraint.sparql))
    return frozenset({*named, *written})


def _named_by_hand(queries: Iterable[str]) -> set[str]:
    """Every IRI the queries name, with :data:`_ANY_PREDICATE` when one can read a statement of
    any predicate, or any term of the graph: a negated property set; a variable predicate, or a
    variable at either end of a path that may be empty (``p*``, ``p?``, which match every term
    of the graph), unless every solution binds that variable to the subject or object of a plain
    triple pattern (a statement that is read) or to a value the query names (``VALUES``)."""
    from rdflib.plugins.sparql import prepareQuery

    named: set[str] = set()
    for query in queries:
        algebra = prepareQuery(query).algebra
        named |= _iris_and_free_predicates(algebra, _bound_everywhere(algebra))
    return named


def _bound_everywhere(node) -> set:
    """The variables that every solution of ``node`` (an algebra operator) binds to a subject or
    an object of a plain triple pattern, or to one of the values listed for it."""
    from rdflib.term import Variable

    name = getattr(node, "name", None)
    bound = set()
    if name == "BGP":
        bound |= {term for s, p, o in node.triples if isinstance(p, (URIRef, Variable)) for term in (s, o)}
    elif name == "ToMultiSet" and getattr(node.p, "name", None) == "values":  # VALUES: in every row, no UNDEF
        rows = node.p.res
        bound |= set.intersection(*({var for var, value in row.items() if isinstance(value, Node)}  # not "UNDEF"
                                    for row in rows)) if rows else set()
    for part in _MANDATORY_PARTS.get(name, ()):
        bound |= _bound_everywhere(node[part])
    return bound


def _iris_and_free_predicates(node, bound: set) -> set[str]:
    from rdflib.paths import NegatedPath, Path as PropertyPath

    found: set[str] = set()
    if isinstance(node, URIRef):
        found.add(str(node))
    elif isinstance(node, NegatedPath):
        found.add(_ANY_PREDICATE)
    elif isinstance(node, PropertyPath):
        for part in vars(node).values():
            found |= _iris_and_free_predicates(part, bound)
    elif isinstance(node, dict):  # an operator (CompValue); its triple patterns are under "triples"
        for key, part in node.items():
            if key == "triples" and any(_reads_any(triple, bound) for triple in part):
                found.add(_ANY_PREDICATE)
            found |= _iris_and_free_predicates(part, bound)
    elif isinstance(node, (list, tuple, set, frozenset)):
        for part in node:
            found |= _iris_and_free_predicates(part, bound)
    return found


def _reads_any(triple, bound: set) -> bool:
    """Whether a triple pattern may match a statement of any predicate, or any term of the graph."""
    from rdflib.term import Variable

    subject, predicate, obj = triple
    if isinstance(predicate, Variable):
        return predicate not in bound
    return _may_be_empty(predicate) and any(isinstance(end, Variable) and end not in bound for end in (subject, obj))


def _may_be_empty(path) -> bool:
    """Whether a property path may match with no step (it has a ``*`` or ``?`` in it)."""
    from rdflib.paths import MulPath, Path as PropertyPath

    if isinstance(path, MulPath) and path.zero:
        return True
    return isinstance(path, PropertyPath) and any(_may_be_empty(part) for part in _path_parts(path))


def _path_parts(path) -> Iterator:
    for part in vars(path).values():
        yield from part if isinstance(part, (list, tuple)) else (part,)


class SparqlShapes:
    """The compiled shapes, and the catalogue and the schema, loaded with each batch of article
    graphs into a scratch Oxigraph store in memory; what it finds, as pySHACL's report graphs.

    The store is made afresh for each batch: Oxigraph's memory store keeps what is removed from
    it, and a store that served thirty batches made the context update ten times slower.
    ``background`` is the catalogue's and the ontology's named graphs as a build writes them or a
    store holds them; ``schema_predicates`` the ontology's statements the shapes need as data
    (the class hierarchy), ``wording_predicates`` those a finding's words are read from.

    An article's findings about catalogue nodes it leaves as they are in the catalogue (it
    describes none of what they lead to) are left out: the catalogue's check reports them once
    (:meth:`check_catalogue`), not once for every article that names them.
    """

    def __init__(self, shapes: Graph, background: Sequence[SerializedGraph], base: str = DEFAULT_BASE, *,
                 schema_predicates: Sequence[URIRef], wording_predicates: Sequence[URIRef]):
        self.shapes = shapes
        self.constraints, self.left_to_pyshacl = compile_shapes(shapes)
        self.catalogue = iris.catalogue_graph_iri(base)
        self.wording_predicates = wording_predicates
        self.store = ox.Store()
        self.store.load(b"".join(graph.nquads for graph in background), format=ox.RdfFormat.N_QUADS)
        self.store.update(_SCHEMA.format(schema=SCHEMA_GRAPH, ontology=iris.ontology_graph_iri(base), view=CATALOGUE_VIEW,
                                         catalogue=self.catalogue,
                                         predicates=" ".join(f"<{p}>" for p in schema_predicates)))
        self.constraints = [constraint.with_hierarchy(self._subclasses) for constraint in self.constraints]
        catalogue = list(self.store.quads_for_pattern(None, None, None, ox.NamedNode(self.catalogue)))
        background = catalogue + list(self.store.quads_for_pattern(None, None, None, ox.NamedNode(SCHEMA_GRAPH)))
        self.context = CatalogueContext(catalogue, unread_predicates(self.constraints, wording_predicates, background))
        self._catalogue_nodes = self.context.nodes()
        self._schema = [f"{q.subject} {q.predicate} {q.object}"
                        for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(SCHEMA_GRAPH))]
        self._catalogue_states_hierarchy = self._states_hierarchy(self.store, [self.catalogue])

    def _subclasses(self, iri: str) -> list[str]:
        query = f"SELECT ?sub WHERE {{ GRAPH <{SCHEMA_GRAPH}> {{ ?sub <{RDFS.subClassOf}>* <{iri}> }} }}"
        return [row["sub"].value for row in self.store.query(query)]

    @staticmethod
    def _states_hierarchy(store: ox.Store, graphs: Sequence[str]) -> bool:
        """Whether a graph says rdfs:subClassOf itself: the hierarchy the queries were given
        (the ontology's) would not be the whole of it."""
        return bool(store.query(f"ASK {{ GRAPH ?g {{ ?s <{RDFS.subClassOf}> ?o }} }}",
                                named_graphs=[ox.NamedNode(graph) for graph in graphs]))

    def check(self, graphs: Sequence[SerializedGraph]) -> dict[str, tuple[Graph, Graph]] | None:
        """For each article graph with a violation, (its report graph, the statements the words
        of its findings are read from); None when the graphs state a class hierarchy of their
        own (pySHACL's to check)."""
        views = [graph.name for graph in graphs]
        store = ox.Store()
        # Lenient: the N-Quads were written by pyoxigraph (a build's workers, or the store), whose
        # terms are checked already; checking them again took a third of the loading time.
        store.load(self._catalogue_nodes + b"".join(graph.nquads for graph in graphs), format=ox.RdfFormat.N_QUADS,
                   lenient=True)
        if self._catalogue_states_hierarchy or self._states_hierarchy(store, views):
            return None
        reached = self._reached(store, views)
        store.load(self._context_nquads(reached, whole=self._names_unread_predicates(store, views)),
                   format=ox.RdfFormat.N_QUADS, lenient=True)
        left = {view: {from_oxigraph(node) for node in found.unchanged(self.context)} for view, found in reached.items()}
        return self._found(store, views, left)

    def _reached(self, store: ox.Store, views: list[str]) -> dict[str, _View]:
        """Each view's catalogue nodes: those its article names, and those it describes."""
        found = {view: _View() for view in views}
        query = _REACHED.format(views=" ".join(f"<{view}>" for view in views), nodes=CATALOGUE_NODES)
        for row in store.query(query):
            view = found[row["view"].value]
            view.reached.add(row["node"])
            if row["described"] is not None:
                view.described.add(row["node"])
        return found

    def _names_unread_predicates(self, store: ox.Store, views: list[str]) -> bool:
        """Whether an article of the batch has a predicate no query reads as a subject or an
        object: a variable predicate might then take it (:func:`unread_predicates`)."""
        if not self.context.unread_predicates:
            return False
        predicates = " ".join(f"<{predicate}>" for predicate in sorted(self.context.unread_predicates))
        return bool(store.query(f"ASK {{ VALUES ?p {{ {predicates} }} GRAPH ?view {{ {{ ?p ?q ?o }} UNION {{ ?s ?q ?p }} }} }}",
                                named_graphs=[ox.NamedNode(view) for view in views]))

    def _context_nquads(self, reached: dict[str, _View], whole: bool = False) -> bytes:
        """What each view reaches of the catalogue, and the schema, as N-Quads of the view;
        ``whole``: with the statements no query reads."""
        described = (self.context.statements, self.context.unread) if whole else (self.context.statements,)
        lines = []
        for view, found in reached.items():
            ending = f" <{view}> .\n"
            statements = chain(self._schema, *(kept.get(node, ()) for node in found.context(self.context)
                                               for kept in described))
            lines.extend(statement + ending for statement in statements)
        return "".join(lines).encode("utf-8")

    def check_catalogue(self) -> dict[str, tuple[Graph, Graph]] | None:
        """:meth:`check` of the catalogue on its own (once per run)."""
        if self._catalogue_states_hierarchy:
            return None
        return self._found(self.store, [CATALOGUE_VIEW])

    def _found(self, store: ox.Store, views: list[str],
               left: dict[str, set] | None = None) -> dict[str, tuple[Graph, Graph]]:
        """The results in ``views``, but for those about the nodes ``left`` to another check."""
        results: dict[str, Graph] = defaultdict(Graph)
        left = left or {}
        named = [ox.NamedNode(view) for view in views]
        for constraint in self.constraints:
            solutions = constraint.run(store, named)
            names = {variable.value for variable in solutions.variables}
            for row in solutions:
                view = row["view"].value
                this, value = row["this"], row["value"] if "value" in names else None
                if view in left and offending_node(self.shapes, constraint.shape, from_oxigraph(this),
                                                   from_oxigraph(value))[0] in left[view]:
                    continue
                component = from_oxigraph(row["component"]) if "component" in names else None
                constraint.result(results[view], from_oxigraph(this), from_oxigraph(value), component)
        descriptions = self._descriptions(store, results)
        return {view: (found, descriptions[view]) for view, found in results.items()}

    def _descriptions(self, store: ox.Store, results: dict[str, Graph]) -> dict[str, Graph]:
        """Each view's statements about the nodes of its results and about its article that the
        findings' words are read from (labels, evidence, the article's identifier)."""
        pairs = set()
        for view, found in results.items():
            pairs.add((view, view))
            for predicate in (SH.focusNode, SH.value):
                pairs |= {(view, str(node)) for node in found.objects(None, predicate) if isinstance(node, URIRef)}
        graphs: dict[str, Graph] = defaultdict(Graph)
        if pairs:
            values = " ".join(f"(<{view}> <{node}>)" for view, node in sorted(pairs))
            query = _DESCRIPTIONS.format(pairs=values, evidence=CK.evidence,
                                         predicates=", ".join(f"<{p}>" for p in self.wording_predicates))
            for row in store.query(query):
                graphs[row["view"].value].add((from_oxigraph(row["s"]), from_oxigraph(row["p"]), from_oxigraph(row["o"])))
        return graphs

    def pyshacl_shapes(self) -> Graph:
        """The shapes this compiler left out, with what they use, as a shapes graph of their own."""
        graph = Graph()
        for prefix, namespace in self.shapes.namespaces():  # pySHACL's own messages use them
            graph.bind(prefix, namespace)
        for shape in self.left_to_pyshacl:  # with its SPARQL constraints, property shapes and prefixes
            for s, p, o in description(self.shapes, shape, lambda p, o: isinstance(o, BNode) or p in _SHAPE_PARTS):
                graph.add((s, p, o))
        return graph


_SHAPE_PARTS = (SH.sparql, SH.property, SH.prefixes, SH.declare)


def description(graph: Graph, node: Node,
                follows: Callable[[Node, Node], bool] = lambda p, o: isinstance(o, BNode)
                ) -> Iterator[tuple[Node, Node, Node]]:
    """``node``'s statements and those of every node they lead to by a statement that ``follows``
    (by default: to a blank node, a path or a nested shape)."""
    todo, seen = [node], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for s, p, o in graph.triples((current, None, None)):
            yield s, p, o
            if follows(p, o):
                todo.append(o)
