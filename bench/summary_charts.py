"""A discussion page's first (uncached) view and its charts, against other checkouts in the same run.

What the web room's charts cost a visitor and the summary cache: one discussion of
N replies (``bench/web_routes.py``'s summary discussion: French replies of three
sides, 40% of members declaring, up to three votes a reply) in SQLite, the room
served by aiohttp on 127.0.0.1 and asked over HTTP, signed in, with an empty
summary cache before each view:

* the page's first view (the analysis and the charts it draws then);
* then its light charts (``stances.png``, ``map.png``), as a light system fetches them;
* then the dark ones its ``<picture>`` names (``stances-dark.png``, ...), as a dark
  system fetches them (a checkout whose page names none has no figure);
* the summary kept in the cache: its PNGs' bytes and its whole size (a walk of the
  objects it holds), after the page and after every chart was asked.

Wall time and CPU time (``time.process_time``: the server, the client and the
analysis's worker thread, one process), best and median of the views. Each checkout
runs in its own child process (its code first on ``sys.path``), the checkouts
alternating round by round; the load and the reference workload (sorting 4M floats)
are printed before each child. No goal: figures to compare with the baseline of the
same run.

    python bench/summary_charts.py --against /path/to/checkout/of/88c4b70 --against /path/to/main
    python bench/summary_charts.py --replies 1000 --rounds 2
    python bench/summary_charts.py --quick     # 1,000 replies, one round, one view (CI)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def deep_size(root: object) -> int:
    """Bytes held by ``root`` and everything it reaches (each object once; classes,
    modules and functions not counted)."""
    import types

    seen: set[int] = set()
    stack = [root]
    total = 0
    skip = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType)
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, skip):
            continue
        seen.add(id(obj))
        nbytes = getattr(obj, "nbytes", None)  # numpy arrays: their buffer
        total += sys.getsizeof(obj) + (nbytes if isinstance(nbytes, int) else 0)
        if isinstance(obj, str | bytes | int | float | bool) or obj is None:
            continue
        if isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, list | tuple | set | frozenset):
            stack.extend(obj)
        else:
            if hasattr(obj, "__dict__"):
                stack.append(vars(obj))
            for cls in type(obj).__mro__:
                for slot in getattr(cls, "__slots__", ()):
                    if hasattr(obj, slot):
                        stack.append(getattr(obj, slot))
    return total


async def child(checkout: Path, replies: int, views: int) -> dict[str, Any]:
    """In a process whose ``bot`` is ``checkout``'s: ``views`` cold views, timed."""
    import gc
    import re

    import aiohttp
    from _common import bench_database
    from aiohttp import web
    from web_routes import _debate, _sign_in

    from bot.app import App
    from bot.config import Settings
    from bot.services.summary_cache import SummaryCache
    from db.migrate import upgrade
    from web.server import build_application, make_context, runner_options

    result: dict[str, Any] = {
        k: [] for k in ("page_wall", "page_cpu", "light_wall", "light_cpu", "dark_wall", "dark_cpu")
    }
    async with bench_database("sqlite", "charts") as url:
        app = App.build(Settings(database_url=url))
        await upgrade(app.engine)
        guild_id, discussion_id = await _debate("sqlite", url, replies)
        others = [p for p in sys.path if p not in (str(ROOT), str(checkout))]
        sys.path[:] = [str(checkout), *others]  # summary_scale put this script's root first
        context = await make_context(app)
        runner = web.AppRunner(build_application(context), **runner_options())
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        page = f"/discussions/{discussion_id}"
        jar = aiohttp.DummyCookieJar()
        async with aiohttp.ClientSession(f"http://127.0.0.1:{port}", cookie_jar=jar) as client:
            headers = {
                "Cookie": f"etvous_session={await _sign_in(app, context.secret, client, guild_id)}"
            }

            async def get(path: str) -> bytes:
                async with client.get(path, headers=headers) as response:
                    body = await response.read()
                    assert response.status == 200, (path, response.status)
                    return body

            def kept() -> Any:
                return context.summaries._kept[discussion_id][1]

            for _ in range(views + 1):  # the first one warms imports and the encoder
                context.summaries = SummaryCache(app)
                gc.collect()
                wall, cpu = time.perf_counter(), time.process_time()
                html = (await get(page)).decode()
                result["page_wall"].append(time.perf_counter() - wall)
                result["page_cpu"].append(time.process_time() - cpu)
                size_page = deep_size(kept())
                charts = re.findall(r'src="[^"]*/charts/([a-z]+)\.png"', html)
                dark = sorted(set(re.findall(r'srcset="[^"]*/charts/([a-z]+-dark)\.png"', html)))
                for key, names in (("light", charts), ("dark", dark)):
                    if not names:
                        continue
                    wall, cpu = time.perf_counter(), time.process_time()
                    sizes = [len(await get(f"{page}/charts/{name}.png")) for name in names]
                    result[f"{key}_wall"].append(time.perf_counter() - wall)
                    result[f"{key}_cpu"].append(time.process_time() - cpu)
                    result[f"{key}_png"] = sum(sizes)
                    result[f"{key}_charts"] = names
                result["size_page"] = size_page
                result["size_all"] = deep_size(kept())
            result["builds"] = context.summaries.builds
        await runner.cleanup()
        await app.close()
    for key in ("page_wall", "page_cpu", "light_wall", "light_cpu", "dark_wall", "dark_cpu"):
        result[key] = result[key][1:]  # the warm-up view left out
    strays = sorted(
        name
        for name, module in sys.modules.items()
        if name.split(".")[0] in ("bot", "db", "web")
        and getattr(module, "__file__", None)
        and not str(module.__file__).startswith(str(checkout))
    )
    assert not strays, f"modules not from {checkout}: {strays[:5]}"
    return result


def run_child(checkout: Path, replies: int, views: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(checkout), "OMP_NUM_THREADS": "1"}
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(checkout),
         "--replies", str(replies), "--views", str(views)],
        cwd=checkout, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if out.returncode:
        sys.stderr.write(out.stderr[-3000:])
        raise SystemExit(f"{checkout}: the child failed")
    return dict(json.loads(out.stdout.splitlines()[-1]))


def _commit(checkout: Path) -> str:
    """The checkout's commit, ``+changes`` when its tracked files differ ("" without git)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(checkout), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return ""
    return head + ("+changes" if dirty else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, action="append", default=[],
                        help="another checkout, measured in the same run (repeatable)")  # fmt: skip
    parser.add_argument("--replies", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--views", type=int, default=3, help="cold views a child times")
    parser.add_argument("--quick", action="store_true", help="1,000 replies, 1 round, 1 view")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        import asyncio
        import logging

        logging.basicConfig(level=logging.WARNING)
        print(json.dumps(asyncio.run(child(args.child, args.replies, args.views))))
        return 0
    if args.quick:
        args.replies, args.rounds, args.views = 1_000, 1, 1
    sys.path.insert(0, str(ROOT))
    from bench._reference import reference_seconds

    checkouts = {f"{c.name} ({_commit(c)})": c.resolve() for c in args.against}
    checkouts[f"this checkout ({_commit(ROOT)})"] = ROOT
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in checkouts}
    print(f"{args.replies:,} replies, {args.rounds} rounds of {args.views} cold views", flush=True)
    for r in range(args.rounds):
        for name, checkout in checkouts.items():
            load, reference = os.getloadavg()[0], reference_seconds()
            started = time.perf_counter()
            found[name].append(run_child(checkout, args.replies, args.views))
            print(f"round {r + 1}, {name}: load {load:.2f}, reference workload "
                  f"{reference:.3f} s, child {time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip

    def cell(runs: list[dict[str, Any]], key: str) -> str:
        values = [v for run in runs for v in run[key]]
        if not values:
            return "-"
        return f"{min(values):.2f} / {statistics.median(values):.2f}"

    print("\nFirst view, seconds (best / median of every view): CPU, then wall")
    print(
        "| checkout | page CPU | its light charts CPU | its dark charts CPU | page wall | light wall | dark wall |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, runs in found.items():
        keys = ("page_cpu", "light_cpu", "dark_cpu", "page_wall", "light_wall", "dark_wall")
        print(f"| {name} | " + " | ".join(cell(runs, k) for k in keys) + " |")
    print("\nThe summary kept in the cache, kB (after the page / after every chart was asked)")
    print("| checkout | charts | light PNGs | dark PNGs | whole summary |")
    print("|---|---|---|---|---|")
    for name, runs in found.items():
        last = runs[-1]
        charts = ", ".join(last.get("light_charts", []) + last.get("dark_charts", []))
        print(f"| {name} | {charts} | {last.get('light_png', 0) / 1000:.0f} | "
              f"{last.get('dark_png', 0) / 1000:.0f} | {last['size_page'] / 1000:.0f} / "
              f"{last['size_all'] / 1000:.0f} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    if "--child" in sys.argv:  # the checkout's code before this one's (and before the venv's)
        checkout = sys.argv[sys.argv.index("--child") + 1]
        sys.path[:] = [checkout, str(HERE)] + [
            p for p in sys.path if p not in (checkout, str(HERE))
        ]
        sys.path.append(str(ROOT))  # present: bench/_common.py does not put it first
    sys.exit(main())
