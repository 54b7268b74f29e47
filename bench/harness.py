"""What every benchmark shares: timing by medians, results with their targets, demo vaults.

A result is a value beside a floor measured in the same run on the same machine (ratios
hold across machines; absolute times do not), and a target: a ceiling on the value, on
the ratio, or both. Times are kept in seconds and shown in milliseconds; memory in MiB.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

PASSPHRASE = "bench orbit lantern cobalt meadow"  # noqa: S105 (a throwaway bench vault)
TODAY = date(2026, 12, 1)
CACHE = Path(__file__).parent / ".cache"
SCALES = (1, 10, 100)


@dataclass(frozen=True)
class Result:
    """One measure: its median `value` beside its `floor`, and whether it met its target.

    `unit` is "s" (shown as ms) or "MiB". `max_value` and `max_ratio` are the target's
    ceilings; either may be None. `detail` says briefly what was measured."""

    name: str
    scale: int | None
    value: float
    floor: float | None
    unit: str = "s"
    max_value: float | None = None
    max_ratio: float | None = None
    detail: str = ""

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor <= 0:
            return None
        return self.value / self.floor

    @property
    def has_target(self) -> bool:
        return self.max_value is not None or self.max_ratio is not None

    @property
    def met(self) -> bool:
        if self.max_value is not None and self.value > self.max_value:
            return False
        ratio = self.ratio
        return not (self.max_ratio is not None and (ratio is None or ratio > self.max_ratio))

    def target_text(self) -> str:
        parts = []
        if self.max_value is not None:
            parts.append(f"<= {_show(self.max_value, self.unit)}")
        if self.max_ratio is not None:
            parts.append(f"<= {self.max_ratio:g}x floor")
        return ", ".join(parts) or "-"

    def as_json(self) -> dict[str, Any]:
        fields = asdict(self)
        fields.update(ratio=self.ratio, target=self.target_text(), met=self.met)
        return fields

    @classmethod
    def from_json(cls, fields: dict[str, Any]) -> Result:
        known = {name: fields[name] for name in cls.__dataclass_fields__ if name in fields}
        return cls(**known)


def _show(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms"
    return f"{value:.1f} {unit}"


def show_value(value: float | None, unit: str) -> str:
    return "-" if value is None else _show(value, unit)


def timings(action: Callable[[], object], repeat: int, *, warmup: int = 1) -> list[float]:
    """Seconds per call of `action`, `repeat` times after `warmup` untimed calls.

    The garbage collector runs before each call, so that a collection the previous call
    caused is not billed to this one."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def median_time(action: Callable[[], object], repeat: int, *, warmup: int = 1) -> float:
    return statistics.median(timings(action, repeat, warmup=warmup))


def fsync_write(path: Path, data: bytes) -> None:
    """Write `data` to the new file `path` and fsync it: the floor of a save."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


class FloorWrites:
    """The floor of a save, called again and again: each call writes a new file (as a
    save does); `clear` (untimed) deletes the last one, as a save's old backups are
    deleted off its path, so that the disk does not fill with floors."""

    def __init__(self, folder: Path, size: int) -> None:
        self._folder = folder / "floor-writes"
        self._folder.mkdir(parents=True, exist_ok=True)
        self._data = os.urandom(size)  # incompressible, as a vault file is
        self._count = 0

    def __call__(self) -> None:
        self._count += 1
        fsync_write(self._folder / f"floor-{self._count}.bin", self._data)

    def clear(self) -> None:
        (self._folder / f"floor-{self._count}.bin").unlink(missing_ok=True)

    def clean(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)


@contextmanager
def scratch_copy(source: Path, folder: Path) -> Iterator[Path]:
    """A copy of a cached vault to work on (saves must not change the cache), removed
    with its backups and lock afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"work-{source.name}"
    _remove_vault_files(target)
    # Streamed: the benchmark's own process must not hold a large vault's bytes (a child
    # process started from it would inherit that peak in its ru_maxrss).
    shutil.copyfile(source, target)
    try:
        yield target
    finally:
        _remove_vault_files(target)


def _remove_vault_files(path: Path) -> None:
    path.unlink(missing_ok=True)
    shutil.rmtree(path.with_name(f"{path.stem}-backups"), ignore_errors=True)
    for extra in path.parent.glob(f"{path.name}.lock*"):
        extra.unlink(missing_ok=True)


# --- a group of measures, run in its own process ------------------------------------------

Group = Callable[[tuple[int, ...], int], list[Result]]


def group_main(group: Group, default_scales: tuple[int, ...]) -> None:
    """The command line of one group of measures: `python -m bench.<group> [--scales 1,10]
    [--repeat N] [--out FILE]`. Prints its results; with --out, writes them as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default=",".join(map(str, default_scales)))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    scales = tuple(int(s) for s in args.scales.split(",") if s)
    results = group(scales, args.repeat)
    if args.out is not None:
        args.out.write_text(json.dumps([r.as_json() for r in results], indent=2))
    print(table(results))


def table(results: list[Result]) -> str:
    header = ("measure", "scale", "median", "floor", "ratio", "target", "met")
    rows = [header]
    for r in results:
        ratio = "-" if r.ratio is None else f"{r.ratio:.2f}x"
        met = ("yes" if r.met else "NO") if r.has_target else "-"
        scale = "-" if r.scale is None else str(r.scale)
        rows.append(
            (
                r.name,
                scale,
                show_value(r.value, r.unit),
                show_value(r.floor, r.unit),
                ratio,
                r.target_text(),
                met,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def paired_medians(
    action: Callable[[], object],
    floor: Callable[[], object],
    repeat: int,
    *,
    before_floor: Callable[[], object] | None = None,
) -> tuple[float, float]:
    """Medians of `action` and `floor`, timed alternately, so that a change in the
    machine's load during the run weighs on both alike. `before_floor` runs untimed
    before each floor (to clear what the last one left)."""
    action()
    floor()
    values, floors = [], []
    for _ in range(repeat):
        values.extend(timings(action, 1, warmup=0))
        if before_floor is not None:
            before_floor()
        floors.extend(timings(floor, 1, warmup=0))
    return statistics.median(values), statistics.median(floors)


def peak_rss_mib() -> float:
    """This process's peak resident memory, in MiB: VmHWM from /proc where there is one
    (the peak of this program alone), else ru_maxrss, which on Linux also carries the
    peak of the process that started it, up to its exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # noqa: PLC0415 (POSIX only)

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
