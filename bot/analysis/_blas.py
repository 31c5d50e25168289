"""One BLAS thread for the analysis' small matrix products.

OpenBLAS spreads even a 500 x 512 product over every core and spins while
it waits; on a busy machine (other processes, or the analysis' own forked
workers) that made the themes 8-10 times slower than one thread does
(measured, see bench/README.md, themes). The limit applies only inside the
``with`` block.
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from typing import Any

_CONTROLLER: Any = None
_LOCK = threading.Lock()


def one_blas_thread() -> AbstractContextManager[Any]:
    global _CONTROLLER
    with _LOCK:
        if _CONTROLLER is None:
            from threadpoolctl import ThreadpoolController

            _CONTROLLER = ThreadpoolController()
        return _CONTROLLER.limit(limits=1, user_api="blas")  # type: ignore[no-any-return]
