"""`make bench` (`python -m bench`): every measure at its scales, with its target.

Each group of measures runs in its own process, one after another, so that memory,
Qt and caches do not carry from one to the next, and nothing else runs beside it.
Prints one table, writes `bench/results.json`, and ends with `targets met: X/Y`.
Demo vaults are made once and cached in `bench/.cache` (see bench/vaults.py).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.harness import Result, table

# The groups, in the order they run; each is a module with a `group_main` command line.
GROUPS = ("startup", "save", "search", "reports", "gui_session")
RESULTS = Path(__file__).parent / "results.json"


def run_group(name: str, repeat: int) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="sec-bench-") as folder:
        out = Path(folder) / "results.json"
        command = [
            sys.executable,
            "-m",
            f"bench.{name}",
            "--repeat",
            str(repeat),
            "--out",
            str(out),
        ]
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        completed = subprocess.run(command, env=env, check=False)  # noqa: S603 (our own module)
        if completed.returncode != 0 or not out.exists():
            print(f"bench.{name} failed (exit {completed.returncode})", file=sys.stderr)
            return [Result(f"{name}: the measures ran", None, 0.0, None, max_value=-1.0)]
        return [Result.from_json(fields) for fields in json.loads(out.read_text())]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--only", help="comma-separated groups, e.g. save,search")
    args = parser.parse_args()
    groups = args.only.split(",") if args.only else GROUPS
    results: list[Result] = []
    for name in groups:
        print(f"== bench.{name}", flush=True)
        results.extend(run_group(name, args.repeat))
    targeted = [r for r in results if r.has_target]
    met = sum(r.met for r in targeted)
    RESULTS.write_text(json.dumps([r.as_json() for r in results], indent=2) + "\n")
    print()
    print(table(results))
    print(f"results: {RESULTS}")
    print(f"targets met: {met}/{len(targeted)}")
    return 0 if met == len(targeted) else 1


if __name__ == "__main__":
    sys.exit(main())
