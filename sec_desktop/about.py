"""What the About dialog shows: this version and the licence of every library shipped with it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

DISTRIBUTION = "sec-desktop"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")
# A licence field longer than this is the licence text itself, not its name.
_MAX_LICENCE_NAME = 80


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    # A missing field gives None on older Pythons and KeyError on newer ones.
    try:
        value = meta[name]
    except KeyError:
        return ""
    return str(value or "")


def _licence(meta: metadata.PackageMetadata) -> str:
    expression = _field(meta, "License-Expression")
    if expression:
        return expression.strip()
    classifiers = [
        c.split(" :: ")[-1]
        for c in (meta.get_all("Classifier") or [])
        if c.startswith("License :: ") and c.count(" :: ") >= 2
    ]
    if classifiers:
        return " / ".join(dict.fromkeys(classifiers))
    field = _field(meta, "License").strip()
    if field and len(field) <= _MAX_LICENCE_NAME and "\n" not in field:
        return field
    return "see the package's licence file"


def _runtime_requirements(dist: metadata.Distribution) -> list[str]:
    """Names of what a distribution needs at run time (extras left out).

    Requirements for other platforms need no marker evaluation: they are not installed,
    so the lookup below skips them.
    """
    names = []
    for requirement in dist.requires or []:
        spec, _, marker = requirement.partition(";")
        if "extra" in marker:
            continue
        match = _NAME.match(spec.strip())
        if match:
            names.append(match.group(0))
    return names


def shipped_components(root: str = DISTRIBUTION) -> list[Component]:
    """Every installed library that `root` depends on at run time, found recursively."""
    seen: dict[str, Component] = {}
    pending = [root]
    while pending:
        name = pending.pop()
        key = _normalise(name)
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = Component(dist.metadata["Name"], dist.version, _licence(dist.metadata))
        pending.extend(_runtime_requirements(dist))
    seen.pop(_normalise(root), None)
    return sorted(seen.values(), key=lambda c: c.name.lower())


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
