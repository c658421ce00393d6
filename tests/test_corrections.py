# ruff: noqa: E501 - a table of facts reads best one fact a line
"""Every correction to the articles, pinned: the date, span and people the record shows for each
corrected or disputed event (asked for by the id the articles' version had), and every role
with its dates. A later edit that brings an error back fails here."""

from __future__ import annotations

import pytest

from nkru.index import Catalog
from nkru.models import Store

# (id as first published, start, end, people) as the record shows them
CORRECTED = [
    ("1945-japanese-rule-ends-korea-divided", "1945-08", "1948-09-09", []),
    ("1948-kim-il-sung-founds-north-korea", "1948-09-09", None, ["kim-il-sung"]),
    (
        "1950-06-korean-war-begins",
        "1950-06-25",
        None,
        ["joseph-stalin", "kim-il-sung", "mao-zedong"],
    ),
    ("1950-korean-war-china-enters-soviet-air-support", "1950-10", "1953-07-27", []),
    ("1953-korean-war-armistice", "1953-07-27", None, []),
    ("1961-mutual-defence-treaty", "1961-07-06", None, ["kim-il-sung", "nikita-khrushchev"]),
    (
        "1984-kim-il-sung-visits-moscow",
        "1984-05-18",
        "1984-07-01",
        ["kim-il-sung", "konstantin-chernenko"],
    ),
    ("1980-gorbachev-cuts-aid-courts-seoul", "1985-03", "1989", ["mikhail-gorbachev"]),
    ("1980-seoul-expands-ties-with-eastern-europe", "1989-02-01", None, []),
    (
        "1990-moscow-establishes-ties-with-seoul",
        "1990-09-30",
        None,
        ["choi-ho-joong", "eduard-shevardnadze"],
    ),
    ("1991-soviet-collapse", "1991-12-25", "1991-12-26", ["mikhail-gorbachev"]),
    ("1997-north-korean-famine", "1994", "1998", []),
    ("1994-kim-il-sung-dies", "1994-07-08", None, ["kim-il-sung"]),
    ("1992-yeltsin-ends-military-alliance", "1995-08-07", "1996-09-10", ["boris-yeltsin"]),
    (
        "2000-putin-elected-seeks-to-restore-ties",
        "2000-03-26",
        "2000-05-07",
        ["boris-yeltsin", "vladimir-putin"],
    ),
    (
        "2000-07-putin-visits-pyongyang",
        "2000-07-19",
        "2000-07-20",
        ["kim-jong-il", "vladimir-putin"],
    ),
    (
        "2001-kim-jong-il-visits-russia",
        "2001-07-26",
        "2001-08-18",
        ["kim-jong-il", "vladimir-putin"],
    ),
    (
        "2002-08-putin-kim-jong-il-vladivostok",
        "2002-08-23",
        None,
        ["kim-jong-il", "vladimir-putin"],
    ),
    ("2005-denuclearisation-talks", "2003-08-27", "2008-12-11", []),
    ("2006-first-un-sanctions-on-north-korea", "2006-10-14", None, []),
    ("2005-russia-twice-backs-un-sanctions", "2006-10-14", "2009-06-12", []),
    ("2008-12-denuclearisation-talks-collapse", "2008-12-08", "2008-12-11", []),
    ("2011-08-kim-jong-il-medvedev-summit", "2011-08-24", None, ["dmitry-medvedev", "kim-jong-il"]),
    ("2011-kim-jong-il-dies", "2011-12-17", None, ["kim-jong-il"]),
    ("2011-kim-jong-un-succeeds-father", "2011-12-19", "2011-12-30", ["kim-jong-un"]),
    ("2012-russia-writes-off-north-korean-debt", "2012-09-17", None, []),
    (
        "2016-kim-jong-un-steps-up-nuclear-missile-tests",
        "2016-01-06",
        "2017-11-29",
        ["kim-jong-un"],
    ),
    ("2016-russia-china-back-tough-un-sanctions", "2016-03-02", "2017-12-22", []),
    (
        "2018-kim-jong-un-opens-diplomacy-with-us-and-south-korea",
        "2018",
        "2018-06-12",
        ["donald-trump", "kim-jong-un", "moon-jae-in"],
    ),
    (
        "2017-kim-jong-un-mends-ties-with-russia-and-china",
        "2018-03-25",
        "2019-04-25",
        ["kim-jong-un", "sergei-lavrov", "vladimir-putin"],
    ),
    ("2019-second-trump-summit-fails", "2019-02-27", "2019-02-28", ["donald-trump", "kim-jong-un"]),
    ("2019-04-vladivostok-summit", "2019-04-25", None, ["kim-jong-un", "vladimir-putin"]),
    ("2022-north-korea-backs-russia-ukraine-war", "2022-02-24", "2022-03-02", ["vladimir-putin"]),
    ("2022-04-russia-china-veto-us-sanctions-draft", "2022-05-26", None, []),
    (
        "2022-us-accuses-north-korea-of-arming-wagner",
        "2022-12-22",
        "2023-01-20",
        ["john-kirby", "yevgeny-prigozhin"],
    ),
    (
        "2023-07-shoigu-visits-pyongyang",
        "2023-07-25",
        "2023-07-27",
        ["kim-jong-un", "sergei-shoigu"],
    ),
    ("2023-kim-jong-un-tours-weapons-factories", "2023-08-03", "2023-08-12", ["kim-jong-un"]),
    ("2023-09-us-officials-putin-may-seek-artillery", "2023-08-30", "2023-09-04", ["john-kirby"]),
    (
        "2023-09-12-kozlov-welcomes-kim-jong-un",
        "2023-09-12",
        None,
        ["alexander-kozlov", "kim-jong-un", "oleg-kozhemyako"],
    ),
    (
        "2023-09-13-kim-jong-un-predicts-russian-victory",
        "2023-09-13",
        None,
        ["kim-jong-un", "vladimir-putin"],
    ),
    (
        "2023-11-15-intergovernmental-commission-meets-pyongyang",
        "2023-11-15",
        None,
        ["alexander-kozlov", "oleg-matytsin", "yun-jong-ho"],
    ),
    (
        "2024-06-19-putin-state-visit-to-pyongyang",
        "2024-06-19",
        None,
        ["kim-jong-un", "vladimir-putin"],
    ),
    ("2024-10-18-seoul-says-north-korean-troops-sent-to-russia", "2024-10-18", None, []),
    ("2024-10-23-us-confirms-north-korean-troops-in-russia", "2024-10-23", None, ["lloyd-austin"]),
    ("2024-11-north-korean-troops-enter-combat-in-kursk", "2024-11", None, ["volodymyr-zelensky"]),
    (
        "2024-11-01-choe-son-hui-visits-moscow",
        "2024-11-01",
        "2024-11-04",
        ["choe-son-hui", "sergei-lavrov", "vladimir-putin"],
    ),
    ("2024-12-16-first-north-korean-casualties-confirmed", "2024-12-16", "2024-12-19", []),
    (
        "2025-04-26-gerasimov-acknowledges-north-korean-troops",
        "2025-04-26",
        None,
        ["valery-gerasimov", "vladimir-putin"],
    ),
    (
        "2025-04-30-tumen-road-bridge-construction-begins",
        "2025-04-30",
        None,
        ["mikhail-mishustin", "pak-thae-song"],
    ),
    ("2025-06-17-moscow-pyongyang-passenger-train-resumes", "2025-06-17", "2025-06-25", []),
    (
        "2025-06-29-treaty-anniversary-gala-in-pyongyang",
        "2025-06-29",
        None,
        ["kim-jong-un", "olga-lyubimova"],
    ),
    ("2025-08-kim-honours-troops-killed-fighting-for-russia", "2025-08", None, ["kim-jong-un"]),
    ("2025-09-05-putin-says-tumen-road-bridge-opens-2026", "2025-09-05", None, ["vladimir-putin"]),
    (
        "2025-10-26-choe-son-hui-visits-moscow",
        "2025-10-26",
        "2025-10-28",
        ["choe-son-hui", "sergei-lavrov", "vladimir-putin"],
    ),
    ("2025-12-12-kim-welcomes-engineers-back-from-kursk", "2025-12-12", None, ["kim-jong-un"]),
    ("2026-01-01-kim-new-year-letter-to-troops-in-russia", "2026-01-01", None, ["kim-jong-un"]),
]


@pytest.mark.parametrize(("asked", "start", "end", "people"), CORRECTED)
def test_corrected_event_stays_corrected(
    catalog: Catalog, asked: str, start: str, end: str | None, people: list[str]
) -> None:
    event, _ = catalog.event(asked)
    assert (event.start, event.end, sorted(event.people)) == (start, end, people)


# (person, role, from, to)
ROLES = [
    (
        "joseph-stalin",
        "General Secretary of the Soviet Communist Party",
        "1922-04-03",
        "1952-10-16",
    ),
    (
        "joseph-stalin",
        "Secretary of the Central Committee of the Communist Party of the Soviet Union (still its leader; the title of General Secretary was dropped in 1952)",
        "1952-10-16",
        "1953-03-05",
    ),
    (
        "joseph-stalin",
        "Chairman of the Council of People's Commissars (from 1946 the Council of Ministers) of the Soviet Union",
        "1941-05-06",
        "1953-03-05",
    ),
    ("kim-il-sung", "Leader of North Korea", "1948-09-09", "1994-07-08"),
    ("kim-il-sung", "Premier of North Korea", "1948-09-09", "1972-12-28"),
    ("kim-il-sung", "President of North Korea", "1972-12-28", "1994-07-08"),
    (
        "kim-il-sung",
        "Leader of the Workers' Party of Korea (chairman, later general secretary)",
        "1949",
        "1994-07-08",
    ),
    ("kim-jong-il", "Leader of North Korea", "1994-07-08", "2011-12-17"),
    ("kim-jong-il", "Supreme Commander of the Korean People's Army", "1991-12-24", "2011-12-17"),
    ("kim-jong-il", "Chairman of the National Defence Commission", "1993-04-09", "2011-12-17"),
    ("kim-jong-il", "General Secretary of the Workers' Party of Korea", "1997-10-08", "2011-12-17"),
    ("kim-jong-un", "Leader of North Korea", "2011-12", None),
    ("kim-jong-un", "Supreme Commander of the Korean People's Army", "2011-12-30", None),
    ("kim-jong-un", "General Secretary of the Workers' Party of Korea", "2021-01-10", None),
    ("vladimir-putin", "Acting Prime Minister of Russia", "1999-08-09", "1999-08-16"),
    ("vladimir-putin", "Prime Minister of Russia", "1999-08-16", "2000-05-07"),
    ("vladimir-putin", "Acting President of Russia", "1999-12-31", "2000-05-07"),
    ("vladimir-putin", "President of Russia", "2000-05-07", "2008-05-07"),
    ("vladimir-putin", "Prime Minister of Russia", "2008-05-08", "2012-05-07"),
    ("vladimir-putin", "President of Russia", "2012-05-07", None),
    ("boris-yeltsin", "President of Russia", "1991-07-10", "1999-12-31"),
    (
        "mikhail-gorbachev",
        "General Secretary of the Communist Party of the Soviet Union",
        "1985-03-11",
        "1991-08-24",
    ),
    ("mikhail-gorbachev", "President of the Soviet Union", "1990-03-15", "1991-12-25"),
    (
        "nikita-khrushchev",
        "First Secretary of the Communist Party of the Soviet Union",
        "1953-09",
        "1964-10",
    ),
    (
        "nikita-khrushchev",
        "Chairman of the Council of Ministers (Premier) of the Soviet Union",
        "1958-03-27",
        "1964-10",
    ),
    ("dmitry-medvedev", "Chairman of the United Russia party", "2012-05-26", None),
    ("dmitry-medvedev", "President of Russia", "2008-05-07", "2012-05-07"),
    ("dmitry-medvedev", "Prime Minister of Russia", "2012-05-08", "2020-01-15"),
    ("dmitry-medvedev", "Acting Prime Minister of Russia", "2020-01-15", "2020-01-16"),
    ("dmitry-medvedev", "Deputy Chairman of the Security Council of Russia", "2020-01-16", None),
    ("donald-trump", "President of the United States", "2017-01-20", "2021-01-20"),
    ("donald-trump", "President of the United States", "2025-01-20", None),
    ("sergei-shoigu", "Minister of Emergency Situations of Russia", "1994-01-10", "2012-05-11"),
    ("sergei-shoigu", "Governor of Moscow Oblast", "2012-05-11", "2012-11-06"),
    ("sergei-shoigu", "Defence Minister of Russia", "2012-11-06", "2024-05-12"),
    ("sergei-shoigu", "Secretary of the Security Council of Russia", "2024-05-12", None),
    (
        "alexander-kozlov",
        "Minister for the Development of the Russian Far East (and the Arctic from 2019)",
        "2018-05-18",
        "2020-11-10",
    ),
    ("alexander-kozlov", "Minister of Natural Resources and Ecology of Russia", "2020-11-10", None),
    (
        "alexander-kozlov",
        "Russian co-chair of the Russia–North Korea Intergovernmental Commission on Trade, Economic, Scientific and Technical Cooperation",
        "2018",
        None,
    ),
    ("sergei-lavrov", "Minister of Foreign Affairs of Russia", "2004-03-09", None),
    ("choe-son-hui", "Minister of Foreign Affairs of North Korea", "2022-06", None),
    (
        "sergei-naryshkin",
        "Director of the Foreign Intelligence Service (SVR) of Russia",
        "2016-10-05",
        None,
    ),
    ("andrei-belousov", "Defence Minister of Russia", "2024-05-14", None),
    (
        "valery-gerasimov",
        "Chief of the General Staff of the Russian Armed Forces",
        "2012-11-09",
        None,
    ),
    ("mikhail-mishustin", "Prime Minister of Russia", "2020-01-16", None),
    ("vyacheslav-volodin", "Chairman of the State Duma of Russia", "2016-10-05", None),
]


def test_every_role_keeps_its_dates(store: Store) -> None:
    """Each role read against the record keeps its dates; the people pinned here have no
    other roles (people added since are pinned by their own second reading)."""
    pinned = {person for person, *_ in ROLES}
    found = [
        (p.id, r.title.en, r.start, r.end) for p in store.people if p.id in pinned for r in p.roles
    ]
    assert sorted(found, key=str) == sorted(ROLES, key=str)
