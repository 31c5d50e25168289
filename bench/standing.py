"""What « Où je me situe » costs a click, beside what the voting card's next reply costs.

Each click on "Where I stand" (or ``/summary position``) finds the discussion's opinion
groups, places the member and, when she is on it, draws the opinion map with her star
(:func:`bot.services.standing._standing`, the worker thread's whole job). The baseline,
measured in the same run on the same discussions: choosing the voting card's next reply
(:func:`bot.analysis.polis.routing.next_reply_for`, the work of every vote click, its
extremity cache cleared so each round computes it as a fresh discussion would).

    python bench/standing.py           # 3 sizes, 5 rounds each
    python bench/standing.py --quick   # the smallest size, 2 rounds (CI)

Discussions are planted (three groups, ``bench/planted.py``): members x replies, each
member voting on up to 25 replies. Printed: median CPU seconds per click of each, their
ratio, and the peak resident memory.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import maxrss_mb  # noqa: E402
from bench.planted import planted_discussion  # noqa: E402
from bot.analysis._blas import one_blas_thread  # noqa: E402
from bot.analysis.model import Discussion  # noqa: E402
from bot.analysis.polis import routing  # noqa: E402
from bot.services.standing import _standing  # noqa: E402

SIZES = ((50, 30), (500, 100), (3000, 300))


def cpu(work: object, rounds: int) -> float:
    """Median CPU seconds of ``work()`` over ``rounds`` runs."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        work()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sizes, rounds = (SIZES[:1], 2) if args.quick else (SIZES, 5)
    print(f"{'members x replies':>18} {'votes':>7} {'where I stand (s)':>18} "
          f"{'next card (s)':>14} {'ratio':>6}")  # fmt: skip
    with one_blas_thread():
        for members, replies in sizes:
            planted = planted_discussion(
                n_users=members, n_replies=replies, n_groups=3, seed=members
            )
            discussion = planted.discussion
            member = next(iter(planted.truth))

            def stand(discussion: Discussion = discussion, member: str = member) -> None:
                _standing(discussion, member, "fr")

            def card(discussion: Discussion = discussion, member: str = member) -> None:
                routing._extremity_cache.clear()
                routing.next_reply_for(member, discussion)

            stand(), card()  # warm: the first click imports numpy's and matplotlib's parts
            stood, carded = cpu(stand, rounds), cpu(card, rounds)
            print(f"{members:>8} x {replies:<7} {len(discussion.votes):>7} {stood:>18.3f} "
                  f"{carded:>14.3f} {stood / carded:>6.1f}")  # fmt: skip
    print(f"peak RSS {maxrss_mb():.0f} MiB")


if __name__ == "__main__":
    main()
