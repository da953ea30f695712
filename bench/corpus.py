"""Seeded synthetic corpus: a workbench project of N news articles in English, with zh_CN, ru and fr catalogues.

    .venv/bin/python bench/corpus.py --seed 1 --articles 2000 --glossary-terms 5000 --out bench/out/corpus
    .venv/bin/python bench/corpus.py --seed 1 --glossary-terms 50000 --glossary-only --out terms.tbx

The same seed and sizes give the same bytes (SOURCE_DATE_EPOCH is fixed for
workbench's own steps). What it writes in ``--out``:

* ``pyproject.toml`` with ``[tool.workbench]`` (en -> zh_CN, ru, fr);
* ``seeds/<section>/<article>.txt``: regional economic news, ~50 sentences each
  (a title and paragraphs of 2-7 sentences), assembled from parallel sentence
  templates filled with people's names, titles, cities, glossary terms,
  company names, numbers, percentages, money, dates, years and quotations;
* ``glossary/terms.tbx``: the first ``--glossary-terms`` concepts of one ranked
  list of 50,000 (so a smaller glossary is a prefix of a larger one), written
  with workbench's TBX writer: names (proper nouns, case-sensitive), titles,
  cities, do-not-translate company names, domain terms, with admitted and
  deprecated variants;
* ``locales/``: made by running ``workbench extract`` and ``workbench update``,
  then filled: each msgid gets the parallel sentence generated with it (real
  Chinese, Russian and French text, the glossary's renderings, each language's
  number, date and quotation conventions). Like a real project in progress,
  ~5% of entries stay untranslated, ~3% are fuzzy, and ~6% carry a typical
  translator mistake (a changed number, a missing or deprecated term,
  lost end punctuation, doubled spaces, the wrong quotation marks).

Articles use terms from the whole 50,000-term list with a log-uniform rank
(about a third of mentions fall in the top 50, four fifths in the top 5,000),
so the corpus does not depend on the glossary size.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
LANGS = ("zh_CN", "ru", "fr")
TERM_POOL = 50_000
EPOCH = "1700000000"  # SOURCE_DATE_EPOCH for workbench's steps: reproducible headers
NBSP, NNBSP = "\u00a0", "\u202f"

# -- vocabulary -------------------------------------------------------------------

# (pinyin, hanzi, Russian by Palladius)
SURNAMES = [
    ("Wang", "王", "Ван"), ("Li", "李", "Ли"), ("Zhang", "张", "Чжан"), ("Liu", "刘", "Лю"),
    ("Chen", "陈", "Чэнь"), ("Yang", "杨", "Ян"), ("Zhao", "赵", "Чжао"), ("Huang", "黄", "Хуан"),
    ("Zhou", "周", "Чжоу"), ("Wu", "吴", "У"), ("Xu", "徐", "Сюй"), ("Sun", "孙", "Сунь"),
    ("Hu", "胡", "Ху"), ("Zhu", "朱", "Чжу"), ("Gao", "高", "Гао"), ("Lin", "林", "Линь"),
    ("He", "何", "Хэ"), ("Guo", "郭", "Го"), ("Ma", "马", "Ма"), ("Luo", "罗", "Ло"),
    ("Liang", "梁", "Лян"), ("Song", "宋", "Сун"), ("Zheng", "郑", "Чжэн"), ("Xie", "谢", "Се"),
    ("Han", "韩", "Хань"), ("Tang", "唐", "Тан"), ("Feng", "冯", "Фэн"), ("Yu", "于", "Юй"),
    ("Dong", "董", "Дун"), ("Xiao", "萧", "Сяо"), ("Cheng", "程", "Чэн"), ("Cao", "曹", "Цао"),
    ("Yuan", "袁", "Юань"), ("Deng", "邓", "Дэн"), ("Pan", "潘", "Пань"), ("Du", "杜", "Ду"),
    ("Ye", "叶", "Е"), ("Jiang", "蒋", "Цзян"), ("Wei", "魏", "Вэй"), ("Lu", "陆", "Лу"),
]
GIVEN = [
    ("guo", "国", "го"), ("qiang", "强", "цян"), ("ming", "明", "мин"), ("hua", "华", "хуа"),
    ("jian", "建", "цзянь"), ("jun", "军", "цзюнь"), ("ping", "平", "пин"), ("hong", "红", "хун"),
    ("wei", "伟", "вэй"), ("li", "丽", "ли"), ("fang", "芳", "фан"), ("min", "敏", "минь"),
    ("jing", "静", "цзин"), ("hai", "海", "хай"), ("bo", "波", "бо"), ("tao", "涛", "тао"),
    ("yong", "勇", "юн"), ("chao", "超", "чао"), ("xin", "鑫", "синь"), ("yan", "燕", "янь"),
    ("lei", "磊", "лэй"), ("yang", "洋", "ян"), ("feng", "峰", "фэн"), ("hui", "辉", "хуэй"),
    ("gang", "刚", "ган"), ("dong", "东", "дун"), ("xiao", "晓", "сяо"), ("zhi", "志", "чжи"),
    ("wen", "文", "вэнь"), ("bin", "斌", "бинь"), ("kai", "凯", "кай"), ("rong", "荣", "жун"),
    ("sheng", "胜", "шэн"), ("xiang", "祥", "сян"), ("lin", "林", "линь"), ("yu", "宇", "юй"),
    ("jie", "杰", "цзе"), ("peng", "鹏", "пэн"), ("da", "达", "да"), ("cheng", "成", "чэн"),
]
# (English/French, hanzi, Russian)
CITIES = [
    ("Yangzhou", "扬州", "Янчжоу"), ("Nanjing", "南京", "Нанкин"), ("Suzhou", "苏州", "Сучжоу"),
    ("Wuxi", "无锡", "Уси"), ("Changzhou", "常州", "Чанчжоу"), ("Nantong", "南通", "Наньтун"),
    ("Xuzhou", "徐州", "Сюйчжоу"), ("Hangzhou", "杭州", "Ханчжоу"), ("Ningbo", "宁波", "Нинбо"),
    ("Hefei", "合肥", "Хэфэй"), ("Wuhan", "武汉", "Ухань"), ("Chengdu", "成都", "Чэнду"),
    ("Xiamen", "厦门", "Сямэнь"), ("Qingdao", "青岛", "Циндао"), ("Dalian", "大连", "Далянь"),
    ("Shenzhen", "深圳", "Шэньчжэнь"), ("Guangzhou", "广州", "Гуанчжоу"), ("Tianjin", "天津", "Тяньцзинь"),
    ("Shanghai", "上海", "Шанхай"), ("Chongqing", "重庆", "Чунцин"), ("Kunming", "昆明", "Куньмин"),
    ("Harbin", "哈尔滨", "Харбин"), ("Changsha", "长沙", "Чанша"), ("Zhengzhou", "郑州", "Чжэнчжоу"),
    ("Jinan", "济南", "Цзинань"), ("Fuzhou", "福州", "Фучжоу"), ("Nanchang", "南昌", "Наньчан"),
    ("Taiyuan", "太原", "Тайюань"), ("Lanzhou", "兰州", "Ланьчжоу"), ("Zhenjiang", "镇江", "Чжэньцзян"),
]
COMPANIES = ["BYD", "CATL", "Geely", "NIO", "SAIC", "GAC", "Changan", "Great Wall Motor", "XPeng",
             "Li Auto", "Chery", "Dongfeng", "FAW", "JAC", "Leapmotor", "Zeekr", "Sinotruk", "Yutong"]
# (English, hanzi, Russian masculine, French masculine, French feminine)
ADJECTIVES = [
    ("digital", "数字", "цифровой", "numérique", "numérique"),
    ("industrial", "工业", "промышленный", "industriel", "industrielle"),
    ("automotive", "汽车", "автомобильный", "automobile", "automobile"),
    ("economic", "经济", "экономический", "économique", "économique"),
    ("technological", "科技", "технологический", "technologique", "technologique"),
    ("international", "国际", "международный", "international", "internationale"),
    ("green", "绿色", "зелёный", "vert", "verte"),
    ("intelligent", "智能", "интеллектуальный", "intelligent", "intelligente"),
    ("logistics", "物流", "логистический", "logistique", "logistique"),
    ("financial", "金融", "финансовый", "financier", "financière"),
    ("cultural", "文化", "культурный", "culturel", "culturelle"),
    ("regional", "区域", "региональный", "régional", "régionale"),
    ("municipal", "市级", "муниципальный", "municipal", "municipale"),
    ("advanced", "先进", "передовой", "avancé", "avancée"),
    ("strategic", "战略", "стратегический", "stratégique", "stratégique"),
    ("modern", "现代", "современный", "moderne", "moderne"),
    ("integrated", "综合", "комплексный", "intégré", "intégrée"),
    ("innovative", "创新", "инновационный", "innovant", "innovante"),
    ("agricultural", "农业", "сельскохозяйственный", "agricole", "agricole"),
    ("environmental", "环保", "экологический", "environnemental", "environnementale"),
    ("urban", "城市", "городской", "urbain", "urbaine"),
    ("electric", "电动", "электрический", "électrique", "électrique"),
    ("autonomous", "自动驾驶", "беспилотный", "autonome", "autonome"),
    ("marine", "海洋", "морской", "marin", "marine"),
    ("pharmaceutical", "医药", "фармацевтический", "pharmaceutique", "pharmaceutique"),
    ("cross-border", "跨境", "трансграничный", "transfrontalier", "transfrontalière"),
    ("public", "公共", "общественный", "public", "publique"),
    ("rural", "乡村", "сельский", "rural", "rurale"),
    ("hydrogen", "氢能", "водородный", "à hydrogène", "à hydrogène"),
    ("scientific", "科学", "научный", "scientifique", "scientifique"),
    ("commercial", "商业", "коммерческий", "commercial", "commerciale"),
    ("coastal", "沿海", "прибрежный", "côtier", "côtière"),
    ("national", "国家级", "национальный", "national", "nationale"),
    ("sustainable", "可持续", "устойчивый", "durable", "durable"),
]
# (English, hanzi, Russian, Russian gender m/f/n, French, French gender m/f)
NOUNS = [
    ("zone", "区", "зона", "f", "zone", "f"), ("park", "园区", "парк", "m", "parc", "m"),
    ("platform", "平台", "платформа", "f", "plateforme", "f"), ("industry", "产业", "отрасль", "f", "industrie", "f"),
    ("supply chain", "供应链", "цепочка поставок", "f", "chaîne d'approvisionnement", "f"),
    ("cluster", "集群", "кластер", "m", "pôle", "m"), ("centre", "中心", "центр", "m", "centre", "m"),
    ("base", "基地", "база", "f", "base", "f"), ("hub", "枢纽", "узел", "m", "carrefour", "m"),
    ("corridor", "走廊", "коридор", "m", "corridor", "m"), ("fund", "基金", "фонд", "m", "fonds", "m"),
    ("market", "市场", "рынок", "m", "marché", "m"), ("network", "网络", "сеть", "f", "réseau", "m"),
    ("system", "体系", "система", "f", "système", "m"), ("project", "项目", "проект", "m", "projet", "m"),
    ("programme", "计划", "программа", "f", "programme", "m"),
    ("initiative", "倡议", "инициатива", "f", "initiative", "f"),
    ("laboratory", "实验室", "лаборатория", "f", "laboratoire", "m"),
    ("institute", "研究院", "институт", "m", "institut", "m"), ("alliance", "联盟", "альянс", "m", "alliance", "f"),
    ("exhibition", "展览会", "выставка", "f", "exposition", "f"), ("forum", "论坛", "форум", "m", "forum", "m"),
    ("port", "港", "порт", "m", "port", "m"), ("economy", "经济", "экономика", "f", "économie", "f"),
    ("sector", "板块", "сектор", "m", "secteur", "m"), ("strategy", "战略", "стратегия", "f", "stratégie", "f"),
    ("policy", "政策", "политика", "f", "politique", "f"), ("battery", "电池", "аккумулятор", "m", "batterie", "f"),
    ("incubator", "孵化器", "инкубатор", "m", "incubateur", "m"), ("museum", "博物馆", "музей", "m", "musée", "m"),
    ("university", "大学", "университет", "m", "université", "f"), ("bureau", "局", "управление", "n", "bureau", "m"),
]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre"]
SECTIONS = ["economy", "industry", "city", "science", "trade", "culture", "transport", "energy"]


def ru_adjective(masculine: str, gender: str) -> str:
    if gender == "m":
        return masculine
    stem = masculine[:-2]
    return stem + ("ая" if gender == "f" else "ое")


def ru_plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


# -- the glossary ------------------------------------------------------------------

@dataclass
class TermSpec:
    """One concept: renderings per language (first = preferred), a kind, extras."""
    id: str
    kind: str  # name, city, title, company, term
    text: dict[str, list[str]]  # "en", "zh_CN", "ru", "fr" -> renderings, preferred first
    deprecated: dict[str, str] = field(default_factory=dict)  # language -> a deprecated rendering


def _name(rng: random.Random) -> tuple[str, str, str]:
    surname = rng.choice(SURNAMES)
    syllables = [rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.15 else 2)]
    given_en = "".join(s[0] for s in syllables).capitalize()
    given_ru = "".join(s[2] for s in syllables).capitalize()
    return (f"{surname[0]} {given_en}", surname[1] + "".join(s[1] for s in syllables), f"{surname[2]} {given_ru}")


def term_list(seed: int, count: int = TERM_POOL) -> list[TermSpec]:
    """The ranked concept list: cities, titles and companies first, then a seeded mix."""
    rng = random.Random(f"terms-{seed}")
    specs: list[TermSpec] = []
    seen: set[str] = set()

    def add(kind: str, en: str, zh: str, ru: str, fr: str, admitted: dict | None = None,
            deprecated: dict | None = None) -> None:
        keys = (en.casefold(), "zh:" + zh)
        if any(k in seen for k in keys):
            return
        seen.update(keys)
        text = {"en": [en], "zh_CN": [zh], "ru": [ru], "fr": [fr]}
        for lang, alt in (admitted or {}).items():
            if alt and alt not in text[lang]:
                text[lang].append(alt)
        specs.append(TermSpec(f"c{len(specs) + 1:05d}", kind, text, dict(deprecated or {})))

    for en, zh, ru in CITIES:
        add("city", en, zh, ru, {"Nanjing": "Nankin"}.get(en, en))
    for en, zh, ru in CITIES:
        add("title", f"Mayor of {en}", f"{zh}市长", f"мэр {ru}", f"maire de {en}",
            deprecated={"ru": f"градоначальник {ru}"})
        add("title", f"Party Secretary of {en}", f"{zh}市委书记", f"секретарь горкома КПК {ru}",
            f"secrétaire du comité municipal du PCC de {en}",
            admitted={"ru": f"секретарь горкома {ru}"})
    for company in COMPANIES:
        add("company", company, company, company, company)

    def domain() -> None:
        kind = rng.random()
        noun = rng.choice(NOUNS)
        n_en, n_zh, n_ru, n_ru_g, n_fr, n_fr_g = noun
        if kind < 0.35:
            adj = rng.choice(ADJECTIVES)
            add("term", f"{adj[0]} {n_en}", adj[1] + n_zh, f"{ru_adjective(adj[2], n_ru_g)} {n_ru}",
                f"{n_fr} {adj[3] if n_fr_g == 'm' else adj[4]}")
        elif kind < 0.7:
            a1, a2 = rng.sample(ADJECTIVES, 2)
            fr_a1, fr_a2 = (a[3] if n_fr_g == "m" else a[4] for a in (a1, a2))
            add("term", f"{a1[0]} {a2[0]} {n_en}", a1[1] + a2[1] + n_zh,
                f"{ru_adjective(a1[2], n_ru_g)} {ru_adjective(a2[2], n_ru_g)} {n_ru}",
                f"{n_fr} {fr_a2} {fr_a1}",
                deprecated={"fr": f"{n_fr} {fr_a1} {fr_a2}"} if rng.random() < 0.2 else None)
        else:
            city = rng.choice(CITIES)
            adj = rng.choice(ADJECTIVES)
            en = f"{city[0]} {adj[0].title()} {n_en.title()}"
            add("term", en, city[1] + adj[1] + n_zh, f"{ru_adjective(adj[2], n_ru_g)} {n_ru} {city[2]}",
                f"{n_fr} {adj[3] if n_fr_g == 'm' else adj[4]} de {city[0]}",
                admitted={"zh_CN": city[1] + "市" + adj[1] + n_zh} if rng.random() < 0.15 else None)

    attempts = 0
    while len(specs) < count and attempts < count * 20:
        attempts += 1
        if rng.random() < 0.3:
            en, zh, ru = _name(rng)
            add("name", en, zh, ru, en)
        else:
            domain()
    if len(specs) < count:
        raise SystemExit(f"the vocabulary gives only {len(specs)} distinct concepts, fewer than {count}")
    return specs[:count]


def write_glossary(specs: list[TermSpec], path: Path, title: str) -> None:
    """Write ``specs`` as TBX v3 with workbench's own writer."""
    sys.path.insert(0, str(ROOT))
    from workbench.glossary.model import Concept, Term, Termbase
    from workbench.glossary.tbx import save_tbx

    termbase = Termbase(source_language="en", title=title,
                        description="Synthetic benchmark glossary written by bench/corpus.py")
    subjects = {"name": "people", "city": "places", "title": "government titles", "company": "companies",
                "term": "economy and industry"}
    for spec in specs:
        concept = Concept(id=spec.id, subject=subjects[spec.kind])
        for language, renderings in spec.text.items():
            for number, text in enumerate(renderings):
                term = Term(text=text, status="preferred" if number == 0 else "admitted",
                            pos="properNoun" if spec.kind in ("name", "city", "company") else "noun",
                            case_sensitive=spec.kind in ("name", "company"), dnt=spec.kind == "company")
                concept.add(language, term)
            if language in spec.deprecated:
                concept.add(language, Term(text=spec.deprecated[language], status="deprecated", pos="noun"))
        termbase.concepts.append(concept)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_tbx(termbase, path)


# -- sentences ---------------------------------------------------------------------

def fmt_int(n: int, lang: str) -> str:
    if lang in ("en", "zh_CN"):
        return f"{n:,}"
    if lang == "ru":
        return f"{n:,}".replace(",", NBSP) if n >= 10_000 else str(n)
    return f"{n:,}".replace(",", NNBSP)


def fmt_dec(x: float, lang: str) -> str:
    text = f"{x:.1f}"
    return text.replace(".", ",") if lang in ("ru", "fr") else text


def fmt_pct(x: float, lang: str) -> str:
    return {"en": f"{fmt_dec(x, lang)}%", "zh_CN": f"{fmt_dec(x, lang)}%", "ru": f"{fmt_dec(x, lang)}{NBSP}%",
            "fr": f"{fmt_dec(x, lang)}{NNBSP}%"}[lang]


def fmt_money(x: float, unit: str, lang: str) -> str:
    """``x`` billion or million yuan."""
    if lang == "en":
        return f"{fmt_dec(x, lang)} {unit} yuan"
    if lang == "zh_CN":
        value = x * 10 if unit == "billion" else x * 100
        return f"{value:g}{'亿' if unit == 'billion' else '万'}元"
    if lang == "ru":
        return f"{fmt_dec(x, lang)} {'млрд' if unit == 'billion' else 'млн'} юаней"
    return f"{fmt_dec(x, lang)} {'milliards' if unit == 'billion' else 'millions'} de yuans"


def fmt_date(day: int, month: int, year: int, lang: str) -> str:
    return {"en": f"{MONTHS_EN[month - 1]} {day}, {year}", "zh_CN": f"{year}年{month}月{day}日",
            "ru": f"{day} {MONTHS_RU[month - 1]} {year} года", "fr": f"{day} {MONTHS_FR[month - 1]} {year}"}[lang]


def quote(text: str, lang: str) -> str:
    if lang == "ru":
        return f"«{text}»"
    if lang == "fr":
        return f"«{NNBSP}{text}{NNBSP}»"
    return f"“{text}”"


# Parallel templates: en, zh_CN, ru, fr. Slots: {P} person with title, {N} bare name, {C} city,
# {T} {U} terms, {K} company, {D} date, {Y} year, {X} integer, {R} percent, {M} money, {Q} quotation.
TEMPLATES = [
    ("On {D}, {P} visited {C} to inspect the {T} and the {U}.",
     "{D}，{P}赴{C}调研{T}和{U}。",
     "{D} {P} посетил город {C}, где ознакомился с объектами: {T}, {U}.",
     "Le {D}, {P} s'est rendu à {C} pour visiter les sites suivants : {T} et {U}."),
    ("The {T} attracted {X} enterprises in {Y}, an increase of {R} over the previous year.",
     "{Y}年，{T}吸引了{X}家企业，比上年增长{R}。",
     "В {Y} году объект «{T}» привлёк {X} {XE}, что на {R} больше, чем годом ранее.",
     "En {Y}, {T} a attiré {X} entreprises, soit une hausse de {R} sur un an."),
    ("Total investment in the {T} reached {M}.",
     "{T}总投资达{M}。",
     "Общий объём инвестиций в проект «{T}» достиг {M}.",
     "L'investissement total dans {T} a atteint {M}."),
    ("{P} said that the {T} is {Q}.",
     "{P}表示，{T}是{Q}。",
     "{P} заявил, что {T} — это {Q}.",
     "{P} a déclaré que {T} est {Q}."),
    ("{K} plans to build a new plant in the {T}, with an annual capacity of {X} vehicles.",
     "{K}计划在{T}新建工厂，年产能{X}辆。",
     "Компания {K} планирует построить новый завод на площадке «{T}» мощностью {X} автомобилей в год.",
     "{K} prévoit de construire une nouvelle usine dans {T}, d'une capacité annuelle de {X} véhicules."),
    ("The {T} and the {U} signed a cooperation agreement on {D}.",
     "{D}，{T}与{U}签署合作协议。",
     "{D} стороны — {T} и {U} — подписали соглашение о сотрудничестве.",
     "Le {D}, {T} et {U} ont signé un accord de coopération."),
    ("In the first half of {Y}, the output value of the {T} grew by {R}.",
     "{Y}年上半年，{T}产值增长{R}。",
     "В первом полугодии {Y} года объём производства в секторе «{T}» вырос на {R}.",
     "Au premier semestre {Y}, la valeur de la production de {T} a progressé de {R}."),
    ("More than {X} guests from {C} attended the opening ceremony of the {T}.",
     "来自{C}的{X}余位嘉宾出席了{T}开幕式。",
     "На церемонии открытия объекта «{T}» присутствовали более {X} гостей из города {C}.",
     "Plus de {X} invités venus de {C} ont assisté à la cérémonie d'ouverture de {T}."),
    ("{P} called for faster progress on the {T}.",
     "{P}要求加快推进{T}建设。",
     "{P} призвал ускорить работу по направлению «{T}».",
     "{P} a appelé à accélérer les travaux sur {T}."),
    ("According to {P}, {C} will invest {M} in the {T} by {Y}.",
     "据{P}介绍，到{Y}年{C}将向{T}投资{M}。",
     "По словам {P2}, к {Y} году город {C} вложит {M} в проект «{T}».",
     "Selon {P}, {C} investira {M} dans {T} d'ici {Y}."),
    ("The theme of this year's forum is {Q}.",
     "本届论坛的主题是{Q}。",
     "Тема форума в этом году — {Q}.",
     "Le thème du forum de cette année est {Q}."),
    ("Exports of the {T} rose to {M} in {Y}, up {R} year on year.",
     "{Y}年，{T}出口额升至{M}，同比增长{R}。",
     "В {Y} году экспорт по направлению «{T}» вырос до {M}, что на {R} больше, чем годом ранее.",
     "En {Y}, les exportations de {T} ont atteint {M}, en hausse de {R} sur un an."),
    ("{K} and the {T} will jointly set up a research centre with {X} engineers.",
     "{K}将与{T}共建研发中心，拥有{X}名工程师。",
     "Компания {K} и {T} совместно создадут исследовательский центр на {X} инженеров.",
     "{K} et {T} créeront ensemble un centre de recherche de {X} ingénieurs."),
    ("Since {D}, the {T} has handled {X} containers.",
     "自{D}以来，{T}已处理{X}个集装箱。",
     "С {D} объект «{T}» обработал {X} контейнеров.",
     "Depuis le {D}, {T} a traité {X} conteneurs."),
    ("{N} stressed the importance of the {T} for the development of {C}.",
     "{N}强调了{T}对{C}发展的重要意义。",
     "{N} подчеркнул значение проекта «{T}» для развития города {C}.",
     "{N} a souligné l'importance de {T} pour le développement de {C}."),
    ("The share of the {T} in the city's GDP reached {R}.",
     "{T}占全市地区生产总值的比重达到{R}。",
     "Доля сектора «{T}» в ВРП города достигла {R}.",
     "La part de {T} dans le PIB de la ville a atteint {R}."),
    ("{X} projects worth {M} were signed at the {T}.",
     "{T}上共签约{X}个项目，总金额{M}。",
     "На площадке «{T}» подписано {X} {XP} на сумму {M}.",
     "{X} projets d'une valeur de {M} ont été signés lors de {T}."),
    ("Are we ready for the {T}?",
     "我们为{T}做好准备了吗？",
     "Готовы ли мы к проекту «{T}»?",
     "Sommes-nous prêts pour {T} ?"),
    ("{P} met a delegation from {K} on {D}.",
     "{D}，{P}会见了{K}代表团。",
     "{D} {P} встретился с делегацией компании {K}.",
     "Le {D}, {P} a rencontré une délégation de {K}."),
    ("By the end of {Y}, the {T} will cover {X} square kilometres.",
     "到{Y}年底，{T}面积将达{X}平方公里。",
     "К концу {Y} года площадь объекта «{T}» составит {X} квадратных километров.",
     "D'ici fin {Y}, {T} couvrira {X} kilomètres carrés."),
]
QUOTES = [
    ("the engine of the city's growth", "城市发展的引擎", "двигатель роста города", "le moteur de la croissance de la ville"),
    ("a model for the whole region", "全区域的样板", "образец для всего региона", "un modèle pour toute la région"),
    ("our most important task this year", "今年最重要的任务", "наша главная задача в этом году", "notre tâche la plus importante cette année"),
    ("open, green and shared development", "开放、绿色、共享发展", "открытое, зелёное и совместное развитие", "un développement ouvert, vert et partagé"),
    ("a bridge between industry and science", "产业与科学之间的桥梁", "мост между промышленностью и наукой", "un pont entre l'industrie et la science"),
    ("International Cooperation in the Automobile Industry", "汽车产业国际合作", "Международное сотрудничество в автомобильной отрасли", "Coopération internationale dans l'industrie automobile"),
    ("high-quality development", "高质量发展", "высококачественное развитие", "un développement de haute qualité"),
    ("a new chapter of openness", "开放新篇章", "новая глава открытости", "un nouveau chapitre d'ouverture"),
]
ROLES = [
    ("Mayor", "市长", "мэр", "le maire"), ("Deputy Mayor", "副市长", "заместитель мэра", "l'adjoint au maire"),
    ("Director", "主任", "директор", "le directeur"), ("Chairman", "董事长", "председатель совета директоров", "le président"),
    ("Vice Governor", "副省长", "вице-губернатор", "le vice-gouverneur"),
]
TITLE_TEMPLATES = [
    ("{C} opens the {T}", "{C}{T}开园", "В городе {C} открылся объект «{T}»", "{C} inaugure {T}"),
    ("{K} invests {M} in {C}", "{K}在{C}投资{M}", "{K} инвестирует {M} в город {C}", "{K} investit {M} à {C}"),
    ("The {T} in {Y}: a year of growth", "{Y}年的{T}：增长之年", "«{T}» в {Y} году: год роста", "{T} en {Y} : une année de croissance"),
]


class Article:
    """One article: its English text and, per sentence, the parallel translations."""

    def __init__(self, rng: random.Random, specs: list[TermSpec], ranked: dict[str, list[TermSpec]]):
        self.rng = rng
        self.specs = specs
        self.ranked = ranked
        self.city = rng.choice(CITIES)
        self.year = rng.randint(2019, 2025)
        self.people = [self.pick("name") for _ in range(3)]

    def pick(self, kind: str | None = None) -> TermSpec:
        pool = self.ranked[kind] if kind else self.specs
        rank = int(math.exp(self.rng.random() * math.log(len(pool))))  # log-uniform rank
        return pool[min(rank, len(pool)) - 1]

    def rendering(self, spec: TermSpec, lang: str) -> str:
        options = spec.text[lang]
        return options[1] if len(options) > 1 and self.rng.random() < 0.3 else options[0]

    def fill(self, template: tuple[str, ...]) -> dict[str, str]:
        rng = self.rng
        term_t, term_u = self.pick("term"), self.pick("term")
        while term_u.id == term_t.id:
            term_u = self.pick("term")
        city = self.city if rng.random() < 0.6 else rng.choice(CITIES)
        person = rng.choice(self.people)
        role = rng.choice(ROLES)
        company = self.pick("company")
        quotation = rng.choice(QUOTES)
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), self.year
        size = rng.random()
        integer = rng.randint(2, 99) if size < 0.5 else rng.randint(100, 9_999) if size < 0.85 else rng.randint(10_000, 2_000_000)
        percent = rng.randint(5, 650) / 10
        money = (rng.randint(12, 990) / 10, rng.choice(["billion", "million"]))
        glossary_title = rng.random() < 0.25
        out = {}
        for index, lang in enumerate(("en", "zh_CN", "ru", "fr")):
            name = self.rendering(person, lang)
            if glossary_title:
                title_spec = next(s for s in self.ranked["title"] if s.text["en"][0] == f"Mayor of {city[0]}")
                title = self.rendering(title_spec, lang)
                p = {"en": f"the {title}, {name},", "zh_CN": f"{title}{name}", "ru": f"{title} {name}",
                     "fr": f"le {title}, {name},"}[lang]
                p2 = {"ru": f"мэра {city[2]} {name}"}.get(lang, p)
            else:
                p = {"en": f"{role[0]} {name}", "zh_CN": f"{name}{role[1]}", "ru": f"{role[2]} {name}",
                     "fr": f"{role[3]} {name}"}[lang]
                p2 = {"ru": f"{ {'мэр': 'мэра'}.get(role[2], role[2])} {name}"}.get(lang, p)
            values = {
                "P": p, "P2": p2, "N": name, "C": {"en": city[0], "zh_CN": city[1], "ru": city[2], "fr": city[0]}[lang],
                "T": self.rendering(term_t, lang), "U": self.rendering(term_u, lang), "K": company.text[lang][0],
                "D": fmt_date(day, month, year, lang), "Y": str(year), "X": fmt_int(integer, lang),
                "R": fmt_pct(percent, lang), "M": fmt_money(*money, lang),
                "Q": quote(quotation[index], lang),
                "XE": ru_plural(integer, "предприятие", "предприятия", "предприятий"),
                "XP": ru_plural(integer, "проект", "проекта", "проектов"),
            }
            text = template[index].format(**values)
            if lang == "en" and text[0].islower():
                text = text[0].upper() + text[1:]
            if lang == "en":
                text = text.replace(",, ", ", ").replace(",.", ".").replace(",,", ",")
            if lang == "fr":
                text = text.replace(",, ", ", ").replace(",.", ".").replace(" le le ", " le ").replace("Le le ", "Le ")
                text = text[0].upper() + text[1:]
            if lang == "ru":
                text = text[0].upper() + text[1:]
            out[lang] = text
        return out

    def write(self, sentences: int) -> tuple[str, list[dict[str, str]]]:
        rng = self.rng
        title = self.fill(rng.choice(TITLE_TEMPLATES))
        parallel = [title]
        paragraphs = [title["en"]]
        remaining = sentences - 1
        while remaining > 0:
            size = min(remaining, rng.randint(2, 7))
            group = [self.fill(rng.choice(TEMPLATES)) for _ in range(size)]
            parallel += group
            paragraphs.append(" ".join(s["en"] for s in group))
            remaining -= size
        return "\n\n".join(paragraphs) + "\n", parallel


# -- translation filling -------------------------------------------------------------

MISTAKES = ("number", "term", "punctuation", "spaces", "quotes", "deprecated")


def mistake(text: str, lang: str, kind: str, rng: random.Random, deprecated: dict[str, str]) -> str:
    if kind == "number":
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
        if digits:
            i = rng.choice(digits)
            return text[:i] + str((int(text[i]) + rng.randint(1, 8)) % 10) + text[i + 1:]
    if kind in ("term", "deprecated"):
        for right, wrong in deprecated.items():
            if right in text:
                return text.replace(right, wrong, 1)
        if kind == "term" and len(text) > 20:
            cut = len(text) // 3
            return text[:cut] + text[cut + min(8, len(text) // 6):]
    if kind == "punctuation" and text[-1:] in ".。!?！？":
        return text[:-1]
    if kind == "spaces":
        space = text.find(" ")
        return text[:space] + "  " + text[space + 1:] if space > 0 else text + " "
    if kind == "quotes":
        return text.replace("«", "\"").replace("»", "\"").replace("“", "\"").replace("”", "\"")
    return text


def fill_catalogues(out: Path, translations: dict[str, dict[str, str]], deprecated: dict[str, dict[str, str]],
                    seed: int, resume: bool = False) -> dict:
    sys.path.insert(0, str(ROOT))
    from workbench.po.reader import read_po
    from workbench.po.writer import write_po

    stats = {"entries": 0, "translated": 0, "fuzzy": 0, "untranslated": 0, "mistakes": 0, "unmatched": 0}
    for lang in LANGS:
        folder = out / "locales" / lang / "LC_MESSAGES"
        for path in sorted(folder.rglob("*.po")):
            rng = random.Random(f"fill-{seed}-{lang}-{path.relative_to(folder).as_posix()}")
            catalog = read_po(path)
            for message in catalog.entries():
                stats["entries"] += 1
                parallel = translations.get(message.msgid)
                if parallel is None:
                    parts = _assemble(message.msgid, translations)
                    if parts is None:
                        stats["unmatched"] += 1
                        continue
                    parallel = {lang: ("" if lang == "zh_CN" else " ").join(p[lang] for p in parts)}
                roll = rng.random()
                if roll < 0.05:
                    stats["untranslated"] += 1
                    continue
                text = parallel[lang]
                if roll < 0.11:
                    changed = mistake(text, lang, MISTAKES[int((roll - 0.05) / 0.01) % len(MISTAKES)], rng,
                                      deprecated.get(lang, {}))
                    stats["mistakes"] += changed != text
                    text = changed
                message.msgstr = text
                if roll > 0.97:
                    message.fuzzy = True
                    stats["fuzzy"] += 1
                else:
                    stats["translated"] += 1
            translator = f"Bench Translator <{lang}@example.org>"
            if resume and catalog.header_field("Last-Translator") == translator:
                continue  # filled before the generation was stopped: the same bytes again
            catalog.set_header_field("Last-Translator", translator)
            write_po(catalog, path)
    return stats


def _assemble(msgid: str, translations: dict[str, dict[str, str]]) -> list[dict[str, str]] | None:
    """A segment that joins several generated sentences (the segmenter did not cut between them)."""
    parts = []
    rest = msgid
    while rest:
        for end in range(len(rest), 0, -1):
            if rest[:end] in translations and (end == len(rest) or rest[end] == " "):
                parts.append(translations[rest[:end]])
                rest = rest[end:].lstrip(" ")
                break
        else:
            return None
    return parts


# -- the project ---------------------------------------------------------------------

def run_workbench(out: Path, *args: str) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    subprocess.run([str(PYTHON), "-m", "workbench", "-C", str(out), *args], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def generate(out: Path, seed: int, articles: int, glossary_terms: int, segments: int, log=print,
             resume: bool = False) -> dict:
    """Make the project in ``out``; with ``resume``, finish one whose catalogues were being filled when it
    was stopped (every seed, template and catalogue made, some catalogues filled): every step is
    deterministic, so the sentences are generated again and only the unfilled catalogues written."""
    started = time.monotonic()
    resume = resume and all((out / "locales" / lang / "LC_MESSAGES").is_dir() for lang in LANGS)
    if out.exists() and not resume:
        shutil.rmtree(out)
    (out / "seeds").mkdir(parents=True, exist_ok=True)
    (out / "pyproject.toml").write_text(
        "[project]\nname = \"bench-corpus\"\nversion = \"0\"\n\n"
        "[tool.workbench]\nproject-name = \"bench\"\nsource-language = \"en\"\n"
        f"target-languages = {json.dumps(list(LANGS))}\n"
        "seeds = \"seeds\"\nlocales = \"locales\"\nglossary = \"glossary\"\nbuild = \"build\"\n"
        "export-formats = [\"html\", \"tmx\", \"xliff\"]\n",
        encoding="utf-8")
    specs = term_list(seed)
    ranked: dict[str, list[TermSpec]] = {}
    for spec in specs:
        ranked.setdefault(spec.kind, []).append(spec)
    write_glossary(specs[:glossary_terms], out / "glossary" / "terms.tbx", f"Benchmark glossary, {glossary_terms} concepts")
    deprecated: dict[str, dict[str, str]] = {}
    for spec in specs:
        for lang, wrong in spec.deprecated.items():
            deprecated.setdefault(lang, {})[spec.text[lang][0]] = wrong
    rng = random.Random(f"articles-{seed}")
    translations: dict[str, dict[str, str]] = {}
    per_article = segments / articles
    sentence_count = 0
    for number in range(1, articles + 1):
        sentences = max(5, int(rng.gauss(per_article, per_article * 0.3)))
        article = Article(random.Random(f"article-{seed}-{number}"), specs, ranked)
        text, parallel = article.write(sentences)
        sentence_count += len(parallel)
        for sentence in parallel:
            translations.setdefault(sentence["en"], sentence)
        section = SECTIONS[number % len(SECTIONS)]
        path = out / "seeds" / section / f"{article.city[0].lower()}-{number:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not resume:
            path.write_text(text, encoding="utf-8")
    log(f"  corpus: {articles} articles, {sentence_count} sentences written ({time.monotonic() - started:.0f} s)")
    if not resume:
        run_workbench(out, "extract")
        log(f"  corpus: workbench extract done ({time.monotonic() - started:.0f} s)")
        run_workbench(out, "update")
        log(f"  corpus: workbench update done ({time.monotonic() - started:.0f} s)")
    stats = fill_catalogues(out, translations, deprecated, seed, resume)
    stats.update(articles=articles, sentences=sentence_count, glossary_terms=glossary_terms, seed=seed,
                 seconds=round(time.monotonic() - started, 1))
    (out / "corpus.json").write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    log(f"  corpus: catalogues filled ({time.monotonic() - started:.0f} s): {stats}")
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--articles", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--segments", type=int, help="sentences in all (default 50 per article)")
    parser.add_argument("--glossary-terms", type=int, default=5000, help="concepts in glossary/terms.tbx (50..50000)")
    parser.add_argument("--glossary-only", action="store_true", help="only write the glossary, to --out (a .tbx file)")
    parser.add_argument("--out", default=str(HERE / "out" / "corpus"), help="project folder to (re)create")
    parser.add_argument("--resume", action="store_true",
                        help="finish a generation of --out that was stopped while filling its catalogues")
    args = parser.parse_args(argv)
    if not 1 <= args.glossary_terms <= TERM_POOL:
        parser.error(f"--glossary-terms must be 1..{TERM_POOL}")
    if args.glossary_only:
        write_glossary(term_list(args.seed)[: args.glossary_terms], Path(args.out),
                       f"Benchmark glossary, {args.glossary_terms} concepts")
        return 0
    generate(Path(args.out), args.seed, args.articles, args.glossary_terms, args.segments or args.articles * 50,
             resume=args.resume)
    return 0


if __name__ == "__main__":
    sys.exit(main())
