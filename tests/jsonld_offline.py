"""Check JSON-LD offline: expand it with PyLD (a document loader that answers the schema.org context
locally and refuses every other remote document, so no test touches the network), then check every
node against the vendored schema.org vocabulary (tests/data/schemaorg-vocabulary.jsonld, see
SCHEMAORG.md): each @type a known class, each property known and allowed on the node's type or a
superclass (domainIncludes), each value within the property's range (rangeIncludes, with subclasses;
literals only where a data type is allowed; booleans and numbers typed). Returns the errors."""
from __future__ import annotations

import functools
import json
from pathlib import Path

from pyld import jsonld

S = "https://schema.org/"
VOCABULARY = Path(__file__).parent / "data" / "schemaorg-vocabulary.jsonld"
SCHEMA_URLS = {"https://schema.org", "http://schema.org", "https://schema.org/docs/jsonldcontext.jsonld"}


def _norm(iri: str) -> str:
    iri = iri.replace("schema:", S, 1) if iri.startswith("schema:") else iri
    return S + iri[len("http://schema.org/"):] if iri.startswith("http://schema.org/") else iri


def _ids(value) -> list[str]:
    if value is None:
        return []
    return [_norm(x["@id"]) for x in (value if isinstance(value, list) else [value])]


class Vocabulary:
    def __init__(self, path: Path = VOCABULARY):
        graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
        self.classes: set[str] = set()
        self.parents: dict[str, list[str]] = {}
        self.props: dict[str, tuple[set[str], set[str]]] = {}
        self.members: dict[str, set[str]] = {}
        for node in graph:
            iri = _norm(node["@id"])
            types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
            if "rdfs:Class" in types:
                self.classes.add(iri)
                self.parents[iri] = _ids(node.get("rdfs:subClassOf"))
            if "rdf:Property" in types:
                self.props[iri] = (set(_ids(node.get("schema:domainIncludes"))), set(_ids(node.get("schema:rangeIncludes"))))
            if any(t.startswith("schema:") for t in types):
                self.members[iri] = {_norm(t) for t in types}
        roots = {i for i, ts in self.members.items() if S + "DataType" in ts}
        self.datatypes = {S + "DataType"} | roots | {c for c in self.classes if self.ancestors(c) & roots}

    @functools.lru_cache(maxsize=None)
    def _ancestors(self, cls: str) -> frozenset:
        seen, todo = set(), [cls]
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo += self.parents.get(x, [])
        return frozenset(seen)

    def ancestors(self, cls: str) -> set[str]:
        return set(self._ancestors(cls))


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return Vocabulary()


def _loader(url, options=None):
    if url.rstrip("/") in SCHEMA_URLS:
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": S}}}
    raise jsonld.JsonLdError(f"offline: remote document {url} refused", "jsonld.LoadDocumentError",
                             code="loading document failed")


def expand(doc: dict) -> list:
    return jsonld.expand(doc, {"documentLoader": _loader})


def _check(v: Vocabulary, node: dict, path: str, errors: list[str]) -> None:
    types = [_norm(t) for t in node.get("@type", [])]
    for t in types:
        if t not in v.classes:
            errors.append(f"{path}: unknown type {t}")
    ancestors = set().union(*[v.ancestors(t) for t in types]) if types else set()
    for key, values in node.items():
        if key.startswith("@"):
            continue
        prop = _norm(key)
        if prop not in v.props:
            errors.append(f"{path}: unknown property {prop}")
            continue
        domain, rng = v.props[prop]
        if types and not (domain & ancestors):
            errors.append(f"{path}: {prop} not allowed on {types}")
        for k, val in enumerate(values):
            where = f"{path}/{prop.removeprefix(S)}[{k}]"
            if "@value" in val:
                lit, kinds = val["@value"], rng & v.datatypes
                if not kinds:
                    errors.append(f"{where}: literal {lit!r} where {sorted(rng)} is expected")
                elif kinds == {S + "Boolean"} and not isinstance(lit, bool):
                    errors.append(f"{where}: {lit!r} is not a Boolean")
            elif set(val) == {"@id"}:
                iri = _norm(val["@id"])
                if iri in v.members and not any(rng & v.ancestors(t) for t in v.members[iri]):
                    errors.append(f"{where}: {iri} not in range")
            else:
                vt = [_norm(t) for t in val.get("@type", [])]
                if vt and not any(rng & v.ancestors(t) for t in vt if t in v.classes):
                    errors.append(f"{where}: value type {vt} not in range {sorted(rng)}")
                _check(v, val, where, errors)


def validate(doc: dict) -> list[str]:
    errors: list[str] = []
    for k, node in enumerate(expand(doc)):
        _check(vocabulary(), node, f"#{k}", errors)
    return errors
