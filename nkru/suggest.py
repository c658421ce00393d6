"""'Did you mean …?' hints for ids, topics, people and decades."""

from __future__ import annotations

from collections.abc import Sequence

from nkru.text import fold


def closest(word: str, choices: Sequence[str], limit: int = 3, cutoff: float = 50.0) -> list[str]:
    """Up to ``limit`` choices nearest to ``word``, best first, ignoring case and accents."""
    # rapidfuzz is imported only when a hint is needed: about 4 ms a start otherwise.
    from rapidfuzz import fuzz, process

    folded = [fold(c) for c in choices]
    found = process.extract(
        fold(word), folded, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff
    )
    return [choices[index] for _, _, index in found]
