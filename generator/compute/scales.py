"""Turn a value into a class of a scale declared in the package: a capaian into AA…D, an index into
its predicate (Sangat Baik), an IKM into its mutu (A-D), a level number into 'Level II'.

Interval classes use their declared bounds and inclusiveness, applied to the value as it is shown
(rounded half up, `domain.values.round_half_up`, to 2 decimals unless the caller says more): a capaian
shown as 90,00 is in the class "above 80 up to 90" although its binary float is 90.00000000000001; an
IKM of 88,305 is judged as 88,31, mutu A (PermenPANRB 14/2017 reads the index at 2 decimals); a realisasi
printed "4,195" is classed as 4,195. Some printed scales leave gaps
between integer bands (IP ASN: 81-90, 91-100): a value in a gap belongs to the highest class whose
lower bound it has reached, i.e. it has not yet reached the next band. Stated on the Metodologi page.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from generator.domain.values import present as _present, row_dicts
from generator.domain.values import round_half_up


@dataclass(frozen=True)
class Kelas:
    kode: str
    label: str
    interpretasi: str
    urutan: int


class Scale:
    """One scale's classes, ready to classify many values."""

    def __init__(self, scale_id: str, kind: str, classes: pd.DataFrame):
        self.id = scale_id
        self.kind = kind
        self.classes = row_dicts(classes.sort_values("urutan"))

    def classify(self, value, places: int = 2) -> Kelas | None:
        """The class of `value` as shown with `places` decimals."""
        if not _present(value):
            return None
        if self.kind == "ordinal":
            for c in self.classes:
                if _present(c["nilai"]) and c["nilai"] == value:
                    return self._kelas(c)
            return None
        value = float(round_half_up(value, places))  # as shown; back to float, as the bounds are read
        for c in self.classes:
            if self._inside(c, value):
                return self._kelas(c)
        reached = [c for c in self.classes if _present(c["batas_bawah"]) and value >= c["batas_bawah"]]
        if reached:
            return self._kelas(max(reached, key=lambda c: c["batas_bawah"]))
        floor = [c for c in self.classes if not _present(c["batas_bawah"])]
        return self._kelas(floor[0]) if floor else None

    @staticmethod
    def _inside(c: dict, value) -> bool:
        low, high = c["batas_bawah"], c["batas_atas"]
        if _present(low) and not (value >= low if c["bawah_inklusif"] else value > low):
            return False
        if _present(high) and not (value <= high if c["atas_inklusif"] else value < high):
            return False
        return True

    def value_of(self, kode: str):
        """The ordinal value of a class code (Level II -> 2)."""
        for c in self.classes:
            if c["kode"] == kode:
                return c["nilai"]
        return None

    @staticmethod
    def _kelas(c: dict) -> Kelas:
        return Kelas(c["kode"], c["label"], c["interpretasi"], int(c["urutan"]))


def scales(skala: pd.DataFrame, skala_kelas: pd.DataFrame) -> dict[str, Scale]:
    """All scales of a package, by id."""
    kinds = dict(zip(skala["id"], skala["jenis"]))
    return {sid: Scale(sid, kinds[sid], skala_kelas[skala_kelas["skala"] == sid]) for sid in kinds}
