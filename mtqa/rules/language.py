"""Language rules: untranslated sentences and fragments, source-language debris, stories in the wrong language."""

from __future__ import annotations

from collections.abc import Iterator

from mtqa.analysis import Analysis
from mtqa.context import Context
from mtqa.findings import Applicability, Severity
from mtqa.langid import language_name
from mtqa.langspans import foreign_spans, source_language, story_language
from mtqa.registry import Example, Hit, Rule, replacement_hit
from mtqa.sources import available_sources, load_source, token_runs_on


def check_untranslated(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag sentences and fragments left in another language (the source language, as a rule)."""
    target = language_name(doc.doc.lang or ctx.lang)
    for span in foreign_spans(doc, ctx):
        lang = language_name(span.lang)
        if span.kind == "sentence":
            message = f"untranslated {lang} text in a {target} story"
        elif span.quoted:
            message = f"quoted {lang} text: translate it, or keep it on purpose with a translation beside it"
        else:
            message = f"{lang} words left untranslated inside a {target} sentence"
        yield Hit(span.start, span.end, message)


UNTRANSLATED = Rule(
    code="LNG001",
    name="untranslated-text",
    family="language",
    severity=Severity.ERROR,
    mqm="Accuracy/Untranslated",
    fix=None,
    summary="A sentence, clause or quotation left in the source language (“Le gouvernement a annoncé …”).",
    explanation=(
        "Machine translation sometimes passes a sentence, a clause or a quotation through untranslated. "
        "Only sentences that hold words typical of another language and rare in the target (dans, selon, "
        "été) are examined; their words are compared in the two languages' frequency lists, and a run of "
        "mostly foreign words is flagged when langdetect (seeded, so reproducible) agrees, or, for runs "
        "too short for langdetect, when the evidence of the word lists is strong. The candidate languages "
        "are the source language (--source, the configuration or a bilingual file), else every shipped "
        "profile. A story that is in another language altogether is reported once, by wrong-language. "
        "There is no fix: the text needs translating."
    ),
    check=check_untranslated,
    flags=(
        Example("The talks resumed on Monday. Le gouvernement a annoncé une réforme des retraites. It failed."),
        Example("The minister said that le projet de loi sera présenté au Parlement dans les prochains jours."),
        Example("He called it « une décision qui n'a pas été prise à la légère » before leaving."),
    ),
    passes=(
        "The talks resumed on Monday at the Place de la Concorde in Paris, near the Musée d'Orsay.",
        "Charles de Gaulle airport and the Tour de France were closed; the film Les Misérables was shown.",
        "She said it was a fait accompli, a sort of déjà vu for the régime.",
    ),
)


def _sources(doc: Analysis, ctx: Context) -> list[str]:
    """The source profiles to consult: the document's source language, else every shipped one."""
    target = doc.doc.lang or ctx.lang
    source = source_language(doc, ctx)
    if source is not None:
        return [source] if source in available_sources() and source != target else []
    return [lang for lang in available_sources() if lang != target]


SENTENCE_OPENERS = '.!?…:;"“‘«(\n'


def _part_of_name(text: str, start: int, kind: str, found: str) -> bool:
    """True when a match is part of a longer name.

    That is a capitalised word mid-sentence (Rabbi Marvin Hier), or a place after another capitalised
    word (Financial Times Deutschland).
    """
    before = text[max(0, start - 40) : start].rstrip(" \t\u00a0")
    if not before or before[-1] in SENTENCE_OPENERS:
        return False  # the start of a sentence or a quotation
    previous = before.split()[-1] if before.split() else ""
    if kind == "word":
        return found[:1].isupper()
    return kind == "exonym" and previous[:1].isupper()


def check_debris(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag source-language words and names left in a translated sentence (``selon``, ``a-t-il``, ``Moscou``)."""
    if story_language(doc, ctx) is not None:
        return  # the whole story is in another language: wrong-language says so once
    spans = foreign_spans(doc, ctx)
    text = doc.text

    def runs_on() -> bool:  # asked by each source language's profile, worked out once
        return doc.shared("sources.runs-on", lambda: token_runs_on(text))

    for lang in _sources(doc, ctx):
        profile = load_source(lang)
        if profile is None:
            continue
        for start, end in profile.debris_spans(text, doc.word_types, runs_on):
            found = text[start:end]
            if any(span.start <= start < span.end for span in spans):
                continue  # inside an untranslated sentence: reported there
            entry = profile.debris_entry(found)
            if entry is None or _part_of_name(text, start, entry.kind, found):
                continue
            name = language_name(lang)
            if entry.kind == "word":
                what = f"{name} word “{found}” left in the translation"
            else:
                what = f"{name} form “{found}” of a name"
            replacement = entry.replacement
            if replacement and found[:1].isupper() and replacement[:1].islower():
                replacement = replacement[:1].upper() + replacement[1:]
            message = f"{what}: “{replacement}”" if replacement else what
            if entry.note:
                message += f" ({entry.note})"
            yield replacement_hit(start, end, message, [replacement] if replacement else [], Applicability.UNSAFE)


DEBRIS = Rule(
    code="LNG002",
    name="source-debris",
    family="language",
    severity=Severity.ERROR,
    mqm="Accuracy/Untranslated",
    fix=Applicability.UNSAFE,
    summary="A source-language word or name left in a translated sentence (“selon”, “a-t-il”, “Moscou”).",
    explanation=(
        "Machine translation leaves small source-language words in otherwise translated sentences "
        "(“selon the ministry”, “a-t-il said”, “laut Reuters”) and keeps the source language's names of "
        "places and people (“Moscou”, “Pékin”, “Poutine”). The words and names are data, one file per "
        "source language (mtqa/data/sources/<lang>/debris.tsv), consulted for the source language when "
        "it is known and for every shipped one otherwise. The fix replaces the word with its English form "
        "where there is one; it is unsafe (a name can be a surname or a brand)."
    ),
    check=check_debris,
    flags=(
        Example("The strike will continue, selon the union.", "The strike will continue, according to the union."),
        Example("Talks in Moscou ended without a deal.", "Talks in Moscow ended without a deal."),
        Example("“We will not give up,” a-t-il said."),
        Example("Vladimir Poutine met Xi in Pékin.", "Vladimir Putin met Xi in Beijing."),
        Example("Prices rose, laut the statistics office.", "Prices rose, according to the statistics office."),
    ),
    passes=(
        "The strike will continue, according to the union; talks in Moscow ended.",
        "The poutine stand at Mardi Gras was run by Credit Suisse staff from Alger Street.",
    ),
    languages=frozenset({"en"}),
)


def check_story_language(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a story written in another language than its target altogether (once, on its first paragraph)."""
    found = story_language(doc, ctx)
    if found is None or not doc.paragraphs:
        return
    first = doc.paragraphs[0]
    target = language_name(doc.doc.lang or ctx.lang)
    yield Hit(
        first.start,
        first.end,
        f"the story is in {language_name(found)}, not in the target language ({target}); "
        f"untranslated, or linted with the wrong --target",
    )


STORY_LANGUAGE = Rule(
    code="LNG003",
    name="wrong-language",
    family="language",
    severity=Severity.ERROR,
    mqm="Accuracy/Untranslated",
    fix=None,
    summary="A whole story in another language than its target (untranslated, or the wrong --target).",
    explanation=(
        "The function words of every shipped language vote on the story's language; when another "
        "language wins clearly and langdetect does not read the story as the target language, the story "
        "is flagged once, on its headline or first paragraph. Either the story was never translated or "
        "the target language given (--target, the configuration, the feed item) is wrong. Without a "
        "target language mtqa detects each story's own, so this rule then stays silent."
    ),
    check=check_story_language,
    flags=(
        Example(
            "Le gouvernement présente sa réforme\n\nLe Premier ministre a présenté mercredi un projet de loi "
            "qui doit être examiné par les députés dans les prochaines semaines. Selon lui, la réforme est "
            "nécessaire pour l'avenir du pays.\n"
        ),
    ),
    passes=(
        "Government presents its reform\n\nThe prime minister presented a bill on Wednesday that MPs will "
        "examine in the coming weeks, saying the reform was needed for the future of the country.\n",
    ),
)

RULES = (UNTRANSLATED, DEBRIS, STORY_LANGUAGE)
