"""The CLI's wall clock to its first words: ``--help`` and ``db upgrade`` of an up-to-date file.

Run against this checkout and, with ``--against DIR``, another checkout
(e.g. ``git archive main | tar -x -C DIR``), interleaved, best of N: what the
CLI's language (Fluent, its catalog) adds to every command.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {"--help": ["--help"], "db upgrade": ["db", "upgrade", "--database-url", "{url}"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", help="another checkout, measured in the same run")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="once (CI)")
    args = parser.parse_args()
    trees = {"this checkout": ROOT}
    if args.against:
        trees["--against"] = Path(args.against).resolve()
    rounds = 1 if args.quick else max(1, args.rounds)
    best = {(name, command): float("inf") for name in trees for command in COMMANDS}
    with tempfile.TemporaryDirectory(prefix="etvous_bench_cli_") as folder:
        url = f"sqlite+aiosqlite:///{folder}/etvous.db"
        for _ in range(rounds):
            for name, tree in trees.items():
                env = {**os.environ, "PYTHONPATH": str(tree)}
                for command, words in COMMANDS.items():
                    argv = [w.format(url=url) for w in words]
                    started = time.perf_counter()
                    subprocess.run(
                        [sys.executable, "-m", "bot", *argv],
                        env=env, cwd=folder, capture_output=True, check=True, timeout=120,
                    )  # fmt: skip
                    elapsed = time.perf_counter() - started
                    best[(name, command)] = min(best[(name, command)], elapsed)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; best of {rounds}")
    for (name, command), seconds in best.items():
        print(f"{name:14} {command:11} {seconds:5.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
