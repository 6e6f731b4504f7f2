"""The archive's sections registry (R2.2.6): what the yearly safety archive holds, without the archive
importing any module above it.

A module whose records belong in the archive registers an :class:`ArchiveSection` in its
``AppConfig.ready()`` (see ``apps/<app>/archive.py``)::

    from apps.archive.sections import ArchiveSection, Column, register_section

    register_section(ArchiveSection(
        key="hazards",                       # also the folder name in the ZIP
        label=_("Hazard loop records"),
        queryset=lambda *, year: Hazard.objects.filter(created_at__year=year).order_by("created_at", "id"),
        columns=[Column(_("Number"), attrgetter("number")), Column(_("Status"), lambda h: h.get_status_display())],
        files=None,                          # or (*, year) -> iterable of (name in the ZIP, Django File field)
        browse_url=lambda *, year: f"/hazards/?year={year}",   # optional: the live list of the year
        order=40,
    ))

The page counts each section with ``queryset(year=…).count()``; the export writes the same queryset,
streamed with ``.iterator()``, as ``<key>/<key>.csv`` — so the counts and the rows always agree — plus
the files ``files`` yields under ``<key>/files/``. ``queryset`` should ``select_related`` what the
columns read, so a section costs a fixed number of queries whatever its size.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable


@dataclasses.dataclass(frozen=True)
class Column:
    label: object
    value: Callable


@dataclasses.dataclass(frozen=True)
class ArchiveSection:
    key: str
    label: object
    queryset: Callable
    columns: list
    files: Callable[..., Iterable] | None = None
    browse_url: Callable[..., str] | None = None
    order: int = 100


_SECTIONS: dict[str, ArchiveSection] = {}


def register_section(section: ArchiveSection) -> ArchiveSection:
    _SECTIONS[section.key] = section
    return section


def sections() -> list[ArchiveSection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def section(key: str) -> ArchiveSection | None:
    return _SECTIONS.get(key)
