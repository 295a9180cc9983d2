"""Hand-built analyses (no spaCy) for the stories tests: invented outlets, people and events."""

from __future__ import annotations

import datetime as dt

from wiretrace.model import Analysis, Article, Entity, Quote, Span, Speaker


def quote_at(text: str, words: str, speaker: str | None, kind: str = "direct") -> Quote:
    start = text.index(words)
    return Quote(
        span=Span(start=start, end=start + len(words)),
        kind=kind,
        speaker=Speaker(name=speaker, kind="person") if speaker else None,
    )


def entity(text: str, eid: int, name: str, label: str = "person") -> Entity:
    start = text.find(name)
    mentions = [Span(start=start, end=start + len(name))] if start >= 0 else []
    return Entity(id=eid, name=name, label=label, mentions=mentions)


def analysis(
    ident: str,
    text: str,
    *,
    published: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    people: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    quotes: tuple[tuple[str, str | None], ...] = (),
) -> Analysis:
    ents = [entity(text, i, n) for i, n in enumerate(people)]
    ents += [entity(text, len(people) + i, n, "place") for i, n in enumerate(places)]
    return Analysis(
        article=Article(
            id=ident,
            text=text,
            title=title,
            outlet=outlet,
            published=dt.date.fromisoformat(published) if published else None,
        ),
        entities=ents,
        quotes=[quote_at(text, w, s) for w, s in quotes],
    )


BRIDGE_QUOTE = "We will rebuild the Velmora bridge within two years and nobody will pay a toll"

BRIDGE = [
    analysis(
        "harbour-gazette-001",
        "Velmora bridge collapses into the Tarn river\n\nThe old Velmora bridge collapsed into the Tarn "
        "river on Monday after days of flooding, and rescuers pulled four drivers from the water. "
        "Mayor Ilse Dorn "
        f'said: "{BRIDGE_QUOTE}." Engineers had warned about cracks in the bridge pillars.',
        published="2031-03-03",
        outlet="harbourgazette.example",
        title="Velmora bridge collapses into the Tarn river",
        people=("Ilse Dorn",),
        places=("Velmora", "Tarn"),
        quotes=((BRIDGE_QUOTE, "Ilse Dorn"),),
    ),
    analysis(
        "north-courier-014",
        "Four rescued after Velmora bridge collapse\n\nFour drivers were rescued from the Tarn river "
        "after the "
        'Velmora bridge collapsed during flooding on Monday. "We will rebuild the Velmora bridge within two '
        'years," Mayor Ilse Dorn told reporters. Engineers said cracks in the pillars had been reported.',
        published="2031-03-04",
        outlet="northcourier.example",
        title="Four rescued after Velmora bridge collapse",
        people=("Ilse Dorn",),
        places=("Velmora", "Tarn"),
        quotes=(("We will rebuild the Velmora bridge within two years,", "Ilse Dorn"),),
    ),
    analysis(
        "valley-post-220",
        "Velmora bridge collapse: drivers pulled from flooded Tarn\n\nRescuers pulled four drivers from the "
        'flooded Tarn river when the Velmora bridge collapsed. Council spokesman Piet Marel said: "We will '
        'rebuild the Velmora bridge within two years and nobody will pay a toll." Cracks in the bridge '
        "pillars had been reported by engineers.",
        published="2031-03-04",
        outlet="valleypost.example",
        title="Velmora bridge collapse: drivers pulled from flooded Tarn",
        people=("Piet Marel",),
        places=("Velmora", "Tarn"),
        quotes=((BRIDGE_QUOTE, "Piet Marel"),),
    ),
]

ORCHARD = analysis(
    "valley-post-221",
    "Orchard festival returns to Salden\n\nThe apple orchard festival returned to Salden on Saturday with "
    "cider tastings, a tractor parade and a baking contest won by a local schoolteacher.",
    published="2031-03-08",
    outlet="valleypost.example",
    title="Orchard festival returns to Salden",
    places=("Salden",),
)


def trial(ident: str, published: str, lede: str) -> Analysis:
    text = (
        f"{lede}\n\nThe former Kestrel Bank director Anton Vey stood trial in Corvin over the loss of "
        "pension savings at Kestrel Bank. Prosecutors said Anton Vey moved pension savings of Kestrel "
        "Bank customers into his own accounts over six years."
    )
    return analysis(ident, text, published=published, people=("Anton Vey",), places=("Corvin",))


VERDICT = [
    trial("corvin-daily-010", "2031-05-02", "Anton Vey found guilty of pension fraud at Kestrel Bank"),
    trial("corvin-daily-011", "2031-05-03", "Jury convicted Anton Vey of Kestrel Bank pension fraud"),
]
SENTENCING = [
    trial(
        "corvin-daily-090", "2031-05-20", "Anton Vey sentenced to twelve years for Kestrel Bank pension fraud"
    ),
]
