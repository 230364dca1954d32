"""Load a structurally valid package into pandas DataFrames, typed by each field's Table Schema.

Rows are read in bulk with pandas (`load.csvfile`, each file in the style it is written in) and typed one
column at a time (`load.cells`), not iterated through frictionless, which is about 160 times slower. Rupiah
fields become exact `Decimal`s so sums never print 9079049539.999. Every frame carries `_baris`, the
spreadsheet row of each record.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from generator import contract
from generator.load.cells import type_column
from generator.load.csvfile import KOMA, RawTable, Style, read_csv_file
from generator.load.package import PackageSpec
from generator.settings import DEFAULTS, Settings

ROW = "_baris"


@dataclass
class Tables:
    """The loaded package: one DataFrame per resource, plus the package's settings and metadata."""

    frames: dict[str, pd.DataFrame]
    settings: Settings = DEFAULTS
    descriptor: dict = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    def __contains__(self, name: str) -> bool:
        return name in self.frames


def load_tables(pkg: PackageSpec, raws: dict[str, RawTable] | None = None) -> Tables:
    """Every resource as a typed DataFrame. `raws`: the files already read by validation (read again when
    absent); columns the cell checks already typed are taken as they are."""
    frames = {}
    for name, spec in pkg.resources.items():
        raw = (raws or {}).get(name)
        if raw is None:
            raw, problems = read_csv_file(spec.path, spec.display, [f["name"] for f in spec.fields])
            if raw is None:
                raise ValueError(f"{spec.display}: {problems[0].message if problems else 'tidak dapat dibaca'}")
        frames[name] = typed_frame(raw.frame, with_canonical_fields(name, spec.schema), raw.style, raw.typed)
    for name in contract.RESOURCES:
        if name not in frames:
            frames[name] = _empty_resource(name).copy()
    return Tables(frames, pkg.settings, pkg.descriptor)


def with_canonical_fields(name: str, schema: dict) -> dict:
    """`schema` plus the canonical fields it lacks (only optional ones pass the contract check), so every
    frame has the columns the engine reads; the added ones are empty."""
    if name not in contract.RESOURCES:
        return schema
    have = {f.get("name") for f in schema["fields"]}
    extra = [f for f in contract.canonical_schema(name)["fields"] if f["name"] not in have]
    return {**schema, "fields": [*schema["fields"], *extra]} if extra else schema


@functools.lru_cache(maxsize=None)
def _empty_resource(name: str) -> pd.DataFrame:
    """The empty frame of a canonical resource a package leaves out, made once per process (a package
    leaves out about a dozen; typing their columns was ~40 ms of every load). Callers take a copy."""
    return empty_frame(contract.canonical_schema(name))


def empty_frame(schema: dict) -> pd.DataFrame:
    raw = pd.DataFrame({f["name"]: pd.Series([], dtype=object) for f in schema["fields"]})
    return typed_frame(raw, schema)


def typed_frame(raw: pd.DataFrame, schema: dict, style: Style = KOMA, typed: dict | None = None) -> pd.DataFrame:
    """Convert text columns to the schema's types (`load.cells`, in the file's style); missing values (schema
    `missingValues`) and cells that are not valid become NA. `raw`'s index is each record's spreadsheet row
    (2, 3, ... when it is a plain range)."""
    default_missing = schema.get("missingValues", [""])
    index = raw.index if len(raw) and raw.index[0] == 2 else pd.RangeIndex(2, len(raw) + 2)
    out = {}
    for fld in schema["fields"]:
        name = fld["name"]
        if typed and name in typed:
            out[name] = typed[name].reset_index(drop=True)
            continue
        column = raw[name].astype(object) if name in raw else pd.Series([""] * len(raw), dtype=object)
        column.index = index
        values = type_column(column, fld, style, default_missing).values \
            if fld.get("type", "string") != "string" else _text(column, fld, default_missing)
        out[name] = values.reset_index(drop=True)
    frame = pd.DataFrame(out, index=range(len(raw)))
    frame[ROW] = pd.Series(np.asarray(index, dtype="int64"), dtype="int64")
    return frame


def _text(column: pd.Series, fld: dict, default_missing) -> pd.Series:
    missing = column.isin(list(fld.get("missingValues", default_missing))) | column.isna()
    return column.where(~missing, None).astype(object)
