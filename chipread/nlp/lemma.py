"""Verb lemmas by rule: enough to group "said", "says" and "saying" under one cue word."""

from __future__ import annotations

from functools import lru_cache

_IRREGULAR = {
    "said": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "thought": "think",
    "saw": "see",
    "seen": "see",
    "found": "find",
    "felt": "feel",
    "knew": "know",
    "known": "know",
    "spoke": "speak",
    "spoken": "speak",
    "made": "make",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "sought": "seek",
    "brought": "bring",
    "held": "hold",
    "meant": "mean",
    "heard": "hear",
    "understood": "understand",
    "led": "lead",
    "put": "put",
    "set": "set",
    "read": "read",
    "began": "begin",
    "begun": "begin",
    "came": "come",
    "went": "go",
    "gone": "go",
    "got": "get",
    "gotten": "get",
    "kept": "keep",
    "left": "leave",
    "stood": "stand",
    "swore": "swear",
    "sworn": "swear",
    "forecast": "forecast",
    "foresaw": "foresee",
    "foreseen": "foresee",
    "taught": "teach",
    "fought": "fight",
    "bought": "buy",
    "spent": "spend",
    "sent": "send",
    "withheld": "withhold",
    "upheld": "uphold",
    "overheard": "overhear",
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "been": "be",
    "being": "be",
    "am": "be",
    "has": "have",
    "had": "have",
    "having": "have",
    "does": "do",
    "did": "do",
    "done": "do",
}
_KEEP = frozenset("news always perhaps thus does has was is this bus gas yes us his its ours yours across".split())
_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The base form of a lower-case word read as a verb ("says" -> "say", "urged" -> "urge")."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or w in _KEEP or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ied"):
        return w[:-3] + "y"
    if w.endswith("ing") and len(w) > 5:
        return _restore(w[:-3])
    if w.endswith("ed") and len(w) > 4:
        return _restore(w[:-2] if not w.endswith("eed") else w[:-1])
    if w.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _restore(stem: str) -> str:
    """Undo the spelling changes of -ed and -ing: doubled consonants, a dropped final e."""
    if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in "lsz" + "".join(_VOWELS):
        return stem[:-1]  # "planned" -> "plan", "admitted" -> "admit"
    if (
        len(stem) >= 3
        and stem[-1] not in _VOWELS
        and stem[-1] not in "wxy"
        and stem[-2] in _VOWELS
        and stem[-3] not in _VOWELS
        and stem[-2:] not in ("er", "en", "on", "el", "et", "al")
    ):
        return stem + "e"  # "urged" -> "urg" -> "urge" is caught below; "noted" -> "note", "hoped" -> "hope"
    if stem[-1] in "uv" or (stem[-1] in "cs" and stem[-2] in "aeio"):
        return stem + "e"  # "argued" -> "argue", "believed" -> "believe", "praised" -> "praise"
    if stem.endswith(("rg", "dg", "ng", "rc", "nc", "lv", "rv", "ul", "iz", "ys", "ps", "rs", "ns", "ls")):
        return stem + "e"  # "urg" -> "urge", "judg" -> "judge", "chang" -> "change", "forc" -> "force"
    return stem
