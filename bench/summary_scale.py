"""How long the whole analysis takes on a synthetic server, run as the CLI runs it.

A generator (below, written for this bench: templates of French arguments,
hedges, negations, typos and emoji) builds a server's export JSONL; a child
process reads it, analyses it and prints the JSON report, as
``python -m bot analyze FILE --format json`` does (that command is used when
it exists, else the same three calls through ``python -c``).

    python bench/summary_scale.py            # 10k and 100k replies
    python bench/summary_scale.py --quick    # 1k replies
    python bench/summary_scale.py --keep DIR # keep the exports (to profile them)
    python bench/summary_scale.py --sizes 10000 --baseline ../main  # and main's code, same vectors
    python bench/summary_scale.py --cache-dir DIR  # keep the vectors: a second run skips encoding

Goals: 10k replies <= 2 s; 100k <= 15 s and <= 12x the 10k figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._reference import reference_seconds  # noqa: E402
from bot.export_format import (  # noqa: E402
    discussion_record,
    reaction_lines,
    record_line,
    reply_lines,
    stance_lines,
)

OPENED = datetime(2025, 1, 1, 10, tzinfo=UTC)
STANCE_AT = datetime(2025, 1, 1, 11, tzinfo=UTC)
REPLY_AT = datetime(2025, 1, 1, 12, tzinfo=UTC)

QUESTIONS = [
    ("L'IA devrait-elle remplacer les développeurs juniors ?", ("Oui", "Non", "Nuancé")),
    ("Faut-il interdire les smartphones à l'école ?", ("Oui", "Non", "Nuancé")),
    ("Le télétravail devrait-il devenir un droit ?", ("Oui", "Non")),
    ("Les réseaux sociaux doivent-ils vérifier l'âge des utilisateurs ?", ("Oui", "Non")),
    (
        "Quel rôle l'IA devrait-elle jouer dans la création artistique ?",
        ("Un simple outil", "Un co-créateur", "Aucun rôle"),
    ),
    ("Faut-il taxer les robots ?", ("Oui", "Non", "Nuancé")),
    (
        "Quelle place pour la voiture en ville ?",
        ("Plus de voitures", "Moins de voitures", "Comme aujourd'hui"),
    ),
]
SUBJECTS = [
    "l'IA",
    "ce projet",
    "la mesure",
    "cette loi",
    "le télétravail",
    "l'école",
    "les juniors",
    "les réseaux sociaux",
    "la voiture",
    "les robots",
    "cette idée",
]
PRO = [
    "c'est indispensable pour {s}",
    "ça permettrait d'améliorer {s}",
    "il faut soutenir {s}",
    "{s} est une bonne idée",
    "c'est juste et logique",
    "on gagne du temps avec {s}",
    "ça fait des années qu'on attend {s}",
    "c'est un progrès pour tout le monde",
]
CON = [
    "c'est inutile, {s} existe déjà",
    "ça coûte trop cher pour {s}",
    "{s} est dangereux",
    "c'est une mauvaise idée",
    "on n'a pas besoin de {s}",
    "ça ne marchera jamais",
    "{s} va créer plus de problèmes",
    "c'est absurde et excessif",
]
NUANCE = [
    "ça dépend du contexte",
    "oui mais pas pour {s}",
    "dans certains cas seulement",
    "d'un côté c'est bien, de l'autre c'est risqué",
    "à condition de bien encadrer {s}",
]
OPENERS = [
    "",
    "",
    "Perso, ",
    "Franchement ",
    "Je pense que ",
    "Bof, ",
    "Honnêtement, ",
    "Clairement ",
]
ANSWERS = {"pro": ["Oui, ", "Je suis pour. ", "", ""], "con": ["Non, ", "Je suis contre. ", "", ""]}
TAILS = ["", "", ".", " !", " 🙂", " 👍", "...", " non ?", " lol", " <@123456789>"]


def typo(text: str, rng: random.Random) -> str:
    if len(text) < 8 or rng.random() > 0.3:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1 :] if rng.random() < 0.5 else text[:i] + text[i] + text[i:]


def reply_text(side: str, rng: random.Random) -> str:
    pool = {"pro": PRO, "con": CON, "nuance": NUANCE}[side]
    parts = [rng.choice(pool).format(s=rng.choice(SUBJECTS)) for _ in range(rng.randint(1, 3))]
    text = rng.choice(OPENERS) + rng.choice(ANSWERS.get(side, [""])) + ", et ".join(parts)
    return typo(text, rng) + rng.choice(TAILS)


def write_export(path: Path, n_replies: int, seed: int = 0) -> None:
    """A server export: discussions of 20 to 200 replies over 3 guilds."""
    rng = random.Random(seed)
    written = 0
    d = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < n_replies:
            size = min(rng.randint(20, 200), n_replies - written)
            fh.writelines(_discussion_lines(d, size, rng))
            written += size
            d += 1


def _discussion_lines(d: int, size: int, rng: random.Random) -> list[str]:
    """One synthetic discussion's lines, through the bot's own export writers."""
    question, options = QUESTIONS[d % len(QUESTIONS)]
    did = f"d{d}"
    head = SimpleNamespace(
        id=did,
        guild_id=f"g{d % 3}",
        question_text=question,
        options=options,
        language="fr",
        channel_id="1",
        thread_id=f"t{d}",
        opened_at=OPENED,
        closes_at=OPENED + timedelta(days=7),
        closed_at=None,
    )
    lines = [record_line(discussion_record(head))]
    authors = [f"u{rng.randrange(5000)}" for _ in range(max(2, size // 2))]
    sides = {a: rng.choice(["pro", "con", "pro", "con", "nuance"]) for a in authors}
    option_of = {"pro": 0, "con": 1, "nuance": len(options) - 1}
    stances = [(did, a, option_of[sides[a]], STANCE_AT) for a in authors if rng.random() < 0.4]
    lines += stance_lines(stances, options)
    for k in range(size):
        a = rng.choice(authors)
        rid = f"{did}r{k}"
        text = reply_text(sides[a], rng)
        reply_to = f"{did}r{rng.randrange(k)}" if k and rng.random() < 0.3 else None
        lines += reply_lines([(did, rid, a, a, text, REPLY_AT, None, reply_to, False)])
        votes = [
            (did, rid, rng.choice(authors), rng.choice([1, 1, -1, 0]))
            for _ in range(rng.randint(0, 3))
        ]
        lines += reaction_lines(votes)
    return lines


CHILD = (
    "import json,sys;from bot.analysis.jsonl import read_export;"
    "from bot.analysis.batch import analyze;from bot.analysis.summary_json import report_json;"
    "r=read_export(sys.argv[1]);sys.stdout.write(json.dumps(report_json(analyze(r.discussions))))"
)


def command(path: Path, cwd: Path = ROOT) -> list[str]:
    """The CLI when it has an ``analyze`` command, else the same calls via ``-c``."""
    probe = subprocess.run(
        [sys.executable, "-m", "bot", "analyze", "--help"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode == 0 and "--format" in probe.stdout:
        return [sys.executable, "-m", "bot", "analyze", str(path), "--format", "json"]
    return [sys.executable, "-c", CHILD, str(path)]


def run(path: Path, *extra: str, cwd: Path = ROOT) -> tuple[float, float, int, float]:
    """Wall seconds, peak RSS (MiB) of the child, output size and CPU seconds (user + system
    of the child and its workers), with the code of the checkout ``cwd`` and the CLI's
    ``extra`` arguments."""
    cmd = command(path, cwd) + list(extra)
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode() if proc.stderr else ""
        if proc.returncode != 0:
            sys.exit(f"analysis failed ({proc.returncode}):\n{err[-2000:]}")
        size = out.tell()
        out.seek(0)
        report = json.loads(out.read())
    assert report["discussions"], "empty report"
    return elapsed, usage.ru_maxrss / 1024, size, usage.ru_utime + usage.ru_stime


def stand_in_vectors(path: Path, cache: Path) -> None:
    """Fill ``cache`` with a unit vector per reply text, as if each had been encoded.

    The vectors are random (seeded by the text's key), not the encoder's: what
    is timed is reading stored vectors and finding themes, whose cost does not
    depend on what the vectors mean; encoding 100k replies for real would take
    many minutes (see the cold 10k run for the encoder's own rate).
    """
    import numpy as np

    from bot.analysis.embeddings import UniversalSentenceEncoder, text_key
    from bot.analysis.jsonl import read_export
    from bot.vector_cache import VectorCache

    name = UniversalSentenceEncoder.name
    store = VectorCache(cache, name)
    try:
        batch = {}
        for d in read_export(path).discussions:
            for r in d.replies:
                key = text_key(name, r.text)
                v = np.random.default_rng(int(key[:12], 16)).standard_normal(512)
                batch[key] = (v / np.linalg.norm(v)).astype(np.float32)
                if len(batch) >= 5_000:
                    store.put(batch)
                    batch = {}
        store.put(batch)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k replies only")
    parser.add_argument("--keep", metavar="DIR", help="write the exports here and keep them")
    parser.add_argument(
        "--baseline",
        metavar="DIR",
        type=Path,
        help="another checkout (e.g. of main) run on the same export right after, same minutes",
    )
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="keep the vector caches here (DIR/cache-N); a filled one skips the encoding run",
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", metavar="N", help="replies of each server (10k 100k)"
    )
    args = parser.parse_args()
    sizes = args.sizes or ([1_000] if args.quick else [10_000, 100_000])
    times: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(
            f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPU(s), reference "
            f"workload (sorting 4M floats) {reference_seconds():.3f} s"
        )
        for n in sizes:
            path = folder / f"server-{n}.jsonl"
            t0 = time.perf_counter()
            write_export(path, n)
            gen = time.perf_counter() - t0
            cache = Path(args.cache_dir or tmp) / f"cache-{n}"
            kept = cache.exists() and any(cache.iterdir())
            runs = [("no themes (before issue 18)", ("--no-themes",))]
            if n <= 10_000 and not kept:
                runs.append(("themes, nothing stored (encodes every reply)", ()))
            runs.append(("themes, vectors stored", ()))
            for label, extra in runs:
                if label.endswith("stored") and n > 10_000 and not kept:
                    stand_in_vectors(path, cache)
                load = os.getloadavg()[0]
                elapsed, rss, size, cpu = run(path, *extra, "--cache-dir", str(cache))
                if label.endswith("stored"):
                    times[n] = elapsed
                print(
                    f"{n:>7} replies, {label}: {elapsed:6.2f} s  CPU {cpu:6.2f} s  peak RSS "
                    f"{rss:7.1f} MiB  load {load:.2f}  (export {path.stat().st_size / 1e6:.1f} MB "
                    f"made in {gen:.1f} s, report {size / 1e6:.1f} MB)"
                )
                if args.baseline and label.endswith("vectors stored"):
                    load = os.getloadavg()[0]
                    base, base_rss, _, base_cpu = run(
                        path, *extra, "--cache-dir", str(cache), cwd=args.baseline
                    )
                    print(
                        f"{'':>7}   baseline {args.baseline}, same vectors: {base:6.2f} s  CPU "
                        f"{base_cpu:6.2f} s  peak RSS {base_rss:7.1f} MiB  load {load:.2f}  "
                        f"(ours / baseline: wall {elapsed / base:.2f}, CPU {cpu / base_cpu:.2f})"
                    )
    print(f"reference workload after the runs: {reference_seconds():.3f} s")
    if 10_000 in times and 100_000 in times:
        ratio = times[100_000] / times[10_000]
        ok = times[10_000] <= 2 and times[100_000] <= 15 and ratio <= 12
        print(
            f"with stored vectors, 100k / 10k time ratio: {ratio:.1f}  goals (10k <= 2 s, "
            f"100k <= 15 s, ratio <= 12): {'met' if ok else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
