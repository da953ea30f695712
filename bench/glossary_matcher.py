"""Benchmark: glossary matching cost per segment with 50 vs 50,000 terms over the same text.

The matcher keys every term into one Aho-Corasick automaton, so matching a
segment should cost about the same whatever the glossary size; only building
the automaton grows with it. This builds two reproducible glossaries (seeded
random multi-word terms from a domain vocabulary, plus the seed glossary's 38
concepts so there are real hits), cuts the seed article into sentences,
repeats them to 10,000 segments, and times ``TermMatcher.find`` over all of
them for each glossary.

    .venv/bin/python bench/glossary_matcher.py [--segments N] [--big N] [--lang en|ru]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.glossary import TermMatcher, read_tbx  # noqa: E402
from workbench.glossary.model import Concept, Term, Termbase  # noqa: E402

VOCABULARY = {
    "en": """municipal provincial national regional economic technological industrial digital automotive
        vehicle electric battery charging logistics trade service export import customs bonded free pilot zone
        park cluster chain supply enterprise company group holding committee bureau office department commission
        council congress session plenary standing working party government people's development reform
        planning investment promotion innovation research centre center institute university laboratory
        platform exchange market fair expo forum summit conference association federation chamber commerce
        bank fund finance capital credit insurance energy power grid water transport railway highway port
        airport canal river delta belt road silk cooperation partnership agreement memorandum project
        programme initiative strategy policy regulation standard quality safety environment ecology green
        carbon emission manufacturing assembly component parts engine chassis body design software data
        cloud network platform smart intelligent connected autonomous new high quality advanced modern
        secretary deputy director chairman vice mayor governor member head chief general manager president""",
    "ru": """муниципальный региональный национальный экономический технологический промышленный цифровой
        автомобильный электрический логистика торговля услуга экспорт импорт таможня зона парк кластер цепочка
        предприятие компания группа комитет бюро отдел комиссия совет съезд пленум правительство развитие
        реформа планирование инвестиция инновация исследование центр институт университет лаборатория
        платформа биржа рынок ярмарка выставка форум саммит конференция ассоциация федерация палата банк фонд
        финансы капитал кредит страхование энергия сеть транспорт железная дорога порт аэропорт канал река
        сотрудничество партнёрство соглашение проект программа стратегия политика стандарт качество
        безопасность экология производство сборка компонент двигатель дизайн данные секретарь заместитель
        директор председатель мэр губернатор член руководитель""",
}


def random_termbase(size: int, language: str, seed_termbase: Termbase, rng: random.Random) -> Termbase:
    """``size`` concepts: the seed glossary's first, then random 1-5 word terms (2-3 words most often)."""
    words = VOCABULARY[language].split()
    concepts = list(seed_termbase.concepts)[:size]
    seen = {t.text for c in concepts for t in c.terms_in(language)}
    while len(concepts) < size:
        length = rng.choices([1, 2, 3, 4, 5], weights=[1, 4, 4, 2, 1])[0]
        text = " ".join(rng.choice(words) for _ in range(length))
        if text in seen:
            continue
        seen.add(text)
        concepts.append(Concept(f"r{len(concepts)}", terms={language: [Term(text, status="preferred")]}))
    return Termbase(concepts=concepts, source_language=language)


def segments(count: int, language: str) -> list[str]:
    if language == "en":
        text = (ROOT / "seeds" / "yangzhou-auto-forum-2023.txt").read_text(encoding="utf-8")
        sentences = [s for p in text.split("\n\n") for s in re.split(r"(?<=[.”])\s+(?=[A-Z(])", " ".join(p.split())) if s]
    else:
        sys.path.insert(0, str(ROOT))
        from workbench.po.reader import read_po

        catalogue = read_po(ROOT / "locales" / language / "LC_MESSAGES" / "yangzhou-auto-forum-2023.po")
        sentences = [message.msgstr for message in catalogue.entries()]
    return [sentences[i % len(sentences)] for i in range(count)]


def measure(termbase: Termbase, texts: list[str], language: str, repeat: int) -> tuple[float, float, int]:
    start = time.perf_counter()
    matcher = TermMatcher(termbase)
    matcher.find("warm-up builds the automaton", language)
    build = time.perf_counter() - start
    runs, hits = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        hits = sum(len(matcher.find(text, language)) for text in texts)
        runs.append(time.perf_counter() - start)
    return build, statistics.median(runs), hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=50)
    parser.add_argument("--big", type=int, default=50_000)
    parser.add_argument("--lang", default="en", choices=sorted(VOCABULARY))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    seed = read_tbx(ROOT / "glossary" / "yangzhou-auto-forum.tbx")
    texts = segments(args.segments, args.lang)
    characters = sum(map(len, texts))
    print(f"text: {len(texts)} segments, {characters} characters ({args.lang}); median of {args.repeat} runs")
    results = {}
    for size in (args.small, args.big):
        termbase = random_termbase(size, args.lang, seed, random.Random(20230829))
        build, elapsed, hits = measure(termbase, texts, args.lang, args.repeat)
        results[size] = elapsed
        print(f"{size:>7} terms: build {build * 1000:8.1f} ms | match {elapsed * 1000:8.1f} ms "
              f"= {elapsed / len(texts) * 1e6:6.1f} µs/segment | {hits} matches")
    print(f"ratio {args.big} / {args.small} terms (matching): {results[args.big] / results[args.small]:.2f}")


if __name__ == "__main__":
    main()
