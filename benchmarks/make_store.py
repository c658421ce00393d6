"""Write a valid synthetic store of N events, for measuring nkru on stores far larger than the
bundled one.

    python benchmarks/make_store.py 100000 /tmp/big.json

Text is realistic in both languages: summaries of several sentences in English and in
Vietnamese with its accents, drawn from templates with names, places, years and a rare word
per event (so a search can hit a few events or many). People and sources are the bundled
store's; spans, precisions, tones and topics vary. The same N always gives the same file.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

from nkru.labels import labels_for
from nkru.models import TOPICS
from nkru.store import packaged_store_path
from nkru.validate import load_store

PLACES = [
    ("Pyongyang", "Bình Nhưỡng"),
    ("Moscow", "Moskva"),
    ("Vladivostok", "Vladivostok"),
    ("Seoul", "Seoul"),
    ("Beijing", "Bắc Kinh"),
    ("Khabarovsk", "Khabarovsk"),
    ("the Amur region", "vùng Amur"),
    ("Rason", "Rason"),
]
EN_SENTENCES = [
    "{leader} met officials in {place} to discuss {topic} in {year}.",
    "Talks in {place} on {topic} ended without a joint statement, according to {leader}.",
    "Delegations from both sides signed a protocol on {topic} and the {word} programme.",
    "Observers in {place} described the meeting as a turning point for the relationship.",
    "The agreement on {topic} was renewed for another five years after long negotiations.",
    "{leader} said the {word} project would deepen ties between Moscow and Pyongyang.",
    "Reports from {place} said trade fell sharply while the sanctions were in force.",
    "A new railway and port link near {place} was announced as part of the {word} plan.",
]
VI_SENTENCES = [
    "{leader} gặp các quan chức tại {place} để thảo luận về {topic} vào năm {year}.",
    "Các cuộc hội đàm tại {place} về {topic} kết thúc mà không có tuyên bố chung.",
    "Phái đoàn hai bên ký nghị định thư về {topic} và chương trình {word}.",
    "Giới quan sát ở {place} cho rằng cuộc gặp là bước ngoặt trong quan hệ song phương.",
    "Thỏa thuận về {topic} được gia hạn thêm năm năm sau những cuộc đàm phán kéo dài.",
    "{leader} tuyên bố dự án {word} sẽ thắt chặt quan hệ giữa Moskva và Bình Nhưỡng.",
    "Báo chí tại {place} cho biết thương mại giảm mạnh trong thời gian lệnh trừng phạt.",
    "Tuyến đường sắt và cảng biển mới gần {place} được công bố trong kế hoạch {word}.",
]
#: Topic names in Vietnamese, as the labels give them.
TOPIC_VI = labels_for("vi").topics
SYLLABLES = [
    "ka",
    "lin",
    "mo",
    "ra",
    "vo",
    "tan",
    "sun",
    "hae",
    "dong",
    "bek",
    "nor",
    "yan",
    "pri",
    "mir",
    "zor",
    "gal",
    "tui",
    "hen",
]


def rare_word(rng: random.Random) -> str:
    """A made-up word; about one in a few thousand events shares each one."""
    return "".join(rng.choice(SYLLABLES) for _ in range(3))


def make_event(index: int, rng: random.Random, people: list[Any], sources: list[Any]) -> Any:
    year = rng.randint(1945, 2023)
    precision = rng.random()
    start = str(year)
    if precision > 0.5:
        start += f"-{rng.randint(1, 12):02d}"
    if precision > 0.8:
        start += f"-{rng.randint(1, 28):02d}"
    approximate = precision < 0.15
    end = str(min(year + rng.randint(1, 12), 2023)) if precision < 0.3 else None
    cast = rng.sample(people, k=rng.randint(1, 3))
    place = rng.choice(PLACES)
    topics = rng.sample(TOPICS, k=rng.randint(1, 3))
    word = rare_word(rng)
    fields_en = {
        "leader": cast[0].name.en,
        "place": place[0],
        "topic": topics[0],
        "year": year,
        "word": word,
    }
    fields_vi = {**fields_en, "leader": cast[0].name.vi, "place": place[1]}
    fields_vi["topic"] = TOPIC_VI[topics[0]]
    count = rng.randint(3, 5)
    summary_en = " ".join(s.format(**fields_en) for s in rng.sample(EN_SENTENCES, count))
    summary_vi = " ".join(s.format(**fields_vi) for s in rng.sample(VI_SENTENCES, count))
    event: dict[str, Any] = {
        "id": f"{start}-synthetic-{index}",
        "start": start,
        "end": end,
        "approximate": approximate,
        "title": {
            "en": f"{cast[0].name.en} and the {word} talks on {topics[0]} in {place[0]}",
            "vi": f"{cast[0].name.vi} và đàm phán {word} về {TOPIC_VI[topics[0]]} tại {place[1]}",
        },
        "summary": {"en": summary_en, "vi": summary_vi},
        "tone": rng.choice(["warming", "cooling", "steady"]),
        "topics": topics,
        "sources": [{"source": rng.choice(sources).id, "where": "synthetic"}],
        "people": [p.id for p in cast],
        "countries": ["RU", "KP"],
        "places": [{"en": place[0], "vi": place[1]}],
    }
    if approximate:
        event["period"] = {"en": f"around {year}", "vi": f"khoảng năm {year}"}
    return event


def make_store(count: int) -> dict[str, Any]:
    """A store of ``count`` synthetic events with the bundled store's people and sources."""
    bundled = load_store(packaged_store_path())
    rng = random.Random(count)
    people = list(bundled.people)
    sources = list(bundled.sources)
    raw = json.loads(packaged_store_path().read_text(encoding="utf-8"))
    events = [make_event(i, rng, people, sources) for i in range(count)]
    # Written in date order, as a real store is (the bundled one is).
    events.sort(key=lambda e: (e["start"], e["end"] or e["start"], e["id"]))
    return {
        "schema_version": 2,
        "coverage": {"start": "1945", "end": "2023"},
        "sources": raw["sources"],
        "people": raw["people"],
        "events": events,
    }


def search_word(store: dict[str, Any]) -> str:
    """The made-up word of the store's first event ("… and the kalinmo talks on …")."""
    title: str = store["events"][0]["title"]["en"]
    return title.split(" and the ")[1].split()[0]


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python benchmarks/make_store.py N PATH", file=sys.stderr)
        return 2
    count, path = int(argv[0]), Path(argv[1])
    store = make_store(count)
    path.write_text(json.dumps(store, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {count} events to {path} ({path.stat().st_size / 1e6:.1f} MB)")
    print(f"a word a few events use: {search_word(store)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
