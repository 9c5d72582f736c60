"""Grouping proposals, and the analyst's records winning over them."""

from __future__ import annotations

from chipread.actors.grouping import group
from chipread.actors.knowledge import Knowledge, NameGroup
from chipread.actors.model import ActorRecord, Mention


def mentions(*items: tuple[str, str, int]) -> list[Mention]:
    return [Mention(article, f"{article}-{start}", text, start, start + len(text)) for article, text, start in items]


def actor_names(grouping) -> dict[str, set[str]]:
    """display name -> the span texts grouped under it."""
    return {a.name: {m.text for m in a.mentions} for a in grouping.actors.values()}


def test_qin_mr_qin_and_qin_gang_are_proposed_as_one_actor():
    grouping = group(mentions(("a", "Chinese Foreign Minister Qin Gang", 0), ("a", "Mr Qin", 90), ("b", "Qin", 5)), {})
    (actor,) = grouping.actors.values()
    assert actor.name == "Qin Gang" and actor.kind == "person" and actor.status == "proposed"
    assert set(actor.keys) == {"qin", "qin gang"}


def test_the_same_rules_group_other_names_alike():
    grouping = group(
        mentions(
            ("a", "President Joe Biden", 0),
            ("b", "Biden", 3),
            ("c", "Mr. Biden", 10),
            ("a", "Press Secretary Karine Jean-Pierre", 40),
            ("b", "Jean-Pierre", 50),
        ),
        {},
    )
    assert actor_names(grouping) == {
        "Joe Biden": {"President Joe Biden", "Biden", "Mr. Biden"},
        "Karine Jean-Pierre": {"Press Secretary Karine Jean-Pierre", "Jean-Pierre"},
    }


def test_a_short_name_two_actors_share_goes_by_the_full_name_in_its_own_article():
    grouping = group(
        mentions(
            ("a", "Commerce Minister Wang Wentao", 0),
            ("a", "Wang", 80),
            ("b", "Foreign Minister Wang Yi", 0),
            ("b", "Wang", 60),
            ("c", "Wang", 5),  # no full name in c: left on its own, with a suggestion
        ),
        {},
    )
    of = {span: grouping.actors[actor].name for span, actor in grouping.actor_of.items()}
    assert of["a-80"] == "Wang Wentao" and of["b-60"] == "Wang Yi" and of["c-5"] == "Wang"
    alone = grouping.actors[grouping.actor_of["c-5"]]
    targets = {grouping.actors[s.target].name for s in grouping.suggestions[alone.id]}
    assert targets == {"Wang Wentao", "Wang Yi"}


def test_places_and_organisations_are_not_surnames():
    grouping = group(
        mentions(
            ("a", "China", 0), ("a", "China's commerce ministry", 20), ("b", "Tokyo Electron", 0), ("b", "Tokyo", 30)
        ),
        {},
    )
    assert len(grouping.actors) == 4


def test_metonymy_is_offered_never_merged():
    grouping = group(mentions(("a", "Beijing", 0), ("b", "China", 0), ("c", "the Chinese government", 0)), {})
    assert len(grouping.actors) == 3
    beijing = next(a for a in grouping.actors.values() if a.name == "Beijing")
    reasons = grouping.suggestions[beijing.id]
    assert {grouping.actors[s.target].name for s in reasons} == {"China", "Chinese government"}
    assert all("metonymy" in s.reason for s in reasons)


def test_gazetteer_and_alias_file_entries_join_their_names():
    knowledge = Knowledge(
        (
            NameGroup(("ASML", "ASML Holding NV"), "org", "gazetteer"),
            NameGroup(("Tokyo Electron", "TEL"), "org", "aliases"),
        )
    )
    grouping = group(
        mentions(("a", "ASML Holding NV", 0), ("b", "ASML", 0), ("a", "Tokyo Electron", 30), ("c", "TEL", 0)),
        {},
        knowledge,
    )
    assert actor_names(grouping) == {
        "ASML Holding NV": {"ASML Holding NV", "ASML"},
        "Tokyo Electron": {"Tokyo Electron", "TEL"},
    }
    assert {a.kind for a in grouping.actors.values()} == {"org"}


def test_records_own_their_names_and_two_records_are_never_joined():
    records = {
        "r1": ActorRecord("r1", "Qin Gang", "person", ("qin gang",)),
        "r2": ActorRecord("r2", "Qin (other)", "person", ("qin",)),
    }
    grouping = group(mentions(("a", "Qin Gang", 0), ("b", "Qin", 0), ("b", "Mr Qin", 20)), records)
    assert actor_names(grouping) == {"Qin Gang": {"Qin Gang"}, "Qin (other)": {"Qin", "Mr Qin"}}
    assert all(a.stored and a.status == "confirmed" for a in grouping.actors.values())


def test_a_pinned_span_goes_to_its_record_whatever_its_name():
    records = {"r1": ActorRecord("r1", "Ministry", "org", (), ("b-0",))}
    grouping = group(mentions(("a", "China", 0), ("b", "China", 0)), records)
    assert grouping.actors[grouping.actor_of["b-0"]].name == "Ministry"
    assert grouping.actors[grouping.actor_of["a-0"]].name == "China"


def test_new_names_joining_a_record_are_shown_as_new():
    records = {"r1": ActorRecord("r1", "Qin Gang", "person", ("qin gang",))}
    grouping = group(mentions(("a", "Qin Gang", 0), ("b", "Qin", 0)), records)
    (actor,) = grouping.actors.values()
    assert actor.new_keys == ("qin",) and actor.status == "confirmed+"


def test_proposed_ids_are_stable_across_runs():
    items = mentions(("a", "Qin Gang", 0), ("b", "Qin", 0))
    assert set(group(items, {}).actors) == set(group(list(reversed(items)), {}).actors)


def test_a_pronoun_joins_the_name_before_it_in_its_own_article_never_one_he_across_the_corpus():
    # An imported corpus (PolNeAR marks "he" and "who" as sources) put 61 claims under one actor "he".
    grouping = group(
        mentions(
            ("a", "Qin Gang", 0),
            ("a", "he", 40),
            ("b", "the Ministry of Commerce", 0),
            ("b", "Hayashi", 30),
            ("b", "he", 60),
            ("b", "it", 90),
            ("c", "he", 5),  # nobody named before it in c
            ("d", "I", 0),
            ("e", "I", 0),
        ),
        {},
    )
    by_span = {m.span_id: a for a in grouping.actors.values() for m in a.mentions}
    assert by_span["a-40"].name == "Qin Gang" and "a-40" in by_span["a-40"].by_context
    assert by_span["b-60"].name == "Hayashi"
    assert by_span["b-90"] is by_span["b-0"] and by_span["b-90"] is not by_span["b-30"]  # "it": the ministry
    assert by_span["c-5"].name == "he" and by_span["c-5"].mentions == (by_span["c-5"].mentions[0],)
    assert by_span["d-0"] is not by_span["e-0"]  # two columns' authors are not one "I"
    assert len({a.id for a in grouping.actors.values()}) == len(grouping.actors)
