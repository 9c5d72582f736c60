"""brat import: .ann parsing, the type mapping and the attribution preset, bad lines one by one, round trips."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chipread.errors import ConfigError, ImportFailed
from chipread.export import ExportOptions, ImportOptions, export, import_file
from chipread.export.brat_ann import parse_ann, read_standoff
from chipread.export.brat_mapping import quotation_marks
from chipread.guidelines import DEFAULT_GUIDELINES, Guidelines
from chipread.workspace import Workspace
from tests.export.conftest import CLOCK
from tests.export.test_golden import folder_dump

POLNEAR = Path(__file__).resolve().parents[3] / "shared" / "polnear"
if not POLNEAR.is_dir():
    POLNEAR = Path("/work/shared/polnear")

ATTRIBUTION = ImportOptions(maps=("attribution",))

# A PolNeAR-like article: a direct quote, indirect content with a cue, a discontinuous quote around its
# speaker, and an agentless attribution.
TEXT = (
    "Senate vote delayed\n\n"
    "\u201cWe will not back down,\u201d Senator Ana Lima said on Monday.\n\n"
    "Officials said the vote would be delayed until March.\n\n"
    "\u201cThe bill is dead,\u201d she said, \u201cand everyone knows it.\u201d\n\n"
    "The delay was reportedly a surprise."
)


def at(piece: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(piece, start + 1)
    return start, start + len(piece)


def t_line(ident: str, type_: str, *pieces: str | tuple[int, int]) -> str:
    frags = [at(p) if isinstance(p, str) else p for p in pieces]
    offsets = ";".join(f"{a} {b}" for a, b in frags)
    return f"{ident}\t{type_} {offsets}\t{' '.join(TEXT[a:b] for a, b in frags)}\n"


ANN = (
    t_line("T1", "Content", "\u201cWe will not back down,\u201d")
    + t_line("T2", "Source", "Senator Ana Lima")
    + t_line("T3", "Cue", "said on Monday")
    + t_line("T4", "Attribution", "said on Monday")
    + "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n"
    + t_line("T5", "Source", "Officials")
    + t_line("T6", "Cue", "said the")
    + t_line("T7", "Content", "the vote would be delayed until March")
    + t_line("T8", "Attribution", "said the")
    + "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7\n"
    + t_line("T9", "Content", "\u201cThe bill is dead,\u201d", "\u201cand everyone knows it.\u201d")
    + t_line("T10", "Source", "she")
    + t_line("T11", "Cue", "said,")
    + t_line("T12", "Attribution", "said,")
    + "E3\tAttribution:T12 Content:T9 Cue:T11 Source:T10\n"
    + t_line("T13", "Content", "The delay was")
    + t_line("T14", "Cue", "reportedly")
    + t_line("T15", "Attribution-no-source", "reportedly")
    + "E4\tAttribution-no-source:T15 Content:T13 Cue:T14\n"
    + "A1\tNegated E2\n"
    + "#1\tAnnotatorNotes T7\tindirect\n"
)


def clock() -> str:
    return CLOCK


def polnear_like(root: Path, ann: str = ANN, text: str = TEXT, annotator: str = "ab12") -> Path:
    """PolNeAR's layout: text/STEM.txt, attributions/STEM_ANNOTATOR.ann."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "senate.txt").write_text(text, encoding="utf-8", newline="")
    (root / "attributions" / f"senate_{annotator}.ann").write_text(ann, encoding="utf-8", newline="")
    return root


def empty_ws(tmp_path: Path, name: str = "db") -> Workspace:
    corpus = tmp_path / "corpus-empty"
    corpus.mkdir(exist_ok=True)
    return Workspace.open(corpus, db=tmp_path / name, annotator="tester", write=True, claim=False)


def stored(ws: Workspace, who: str):
    """(label, text) of every stored span, and (head text, child text, label) of every relation."""
    infos = ws.infos()
    assert len(infos) == 1
    ann = ws.annotations(ws.get(infos[0].id), who)
    by_id = {s.id: s for s in ann.spans}
    spans = sorted((s.label, s.text) for s in ann.spans)
    links = sorted((by_id[r.head].text, by_id[r.child].text, r.label) for r in ann.relations)
    return spans, links


# --- parsing ---------------------------------------------------------------------------------------


def test_parse_reads_every_kind_of_line():
    text = "Ana said it rains. Bob agreed."
    ann = (
        "T1\tPerson 0 3\tAna\n"
        "T2\tStatement 9 11;12 17\tit rains\n"
        "R1\tSays Arg1:T2 Arg2:T1\n"
        "T3\tCue 4 8\tsaid\n"
        "E1\tSay:T3 Speaker:T1 Content:T2 Content2:T1\n"
        "A1\tNegated E1\n"
        "M2\tConfidence T1 High\n"
        "#1\tAnnotatorNotes T1\ta note\twith a tab\n"
        "N1\tReference T1 Wikipedia:123\tAna\n"
        "*\tEquiv T1 T1\n"
    )
    out = parse_ann(ann, text)
    assert out.problems == []
    assert out.textbounds["T2"].fragments == ((9, 11), (12, 17))
    assert (out.textbounds["T2"].start, out.textbounds["T2"].end) == (9, 17)
    assert [(r.type, r.args) for r in out.relations] == [("Says", (("Arg1", "T2"), ("Arg2", "T1")))]
    event = out.events[0]
    assert (event.type, event.trigger) == ("Say", "T3")
    assert event.args == (("Speaker", "T1"), ("Content", "T2"), ("Content2", "T1"))
    assert [(a.type, a.target, a.value) for a in out.attributes] == [
        ("Negated", "E1", None),
        ("Confidence", "T1", "High"),
    ]
    assert out.notes[0].text == "a note\twith a tab"
    assert out.others == {"normalisation": 1, "equivalence": 1}


def test_each_bad_line_is_one_problem_and_the_rest_is_kept():
    text = "Ana said it rains."
    ann = (
        "T1\tPerson 0 3\tAna\n"
        "T2\tPerson 0 99\tAna\n"  # out of range
        "T3\tPerson 0 3\tBob\n"  # text mismatch
        "T4\tPerson x y\tAna\n"  # not numbers
        "T5\tPerson 5 5\t\n"  # empty
        "E1\tSay:T1 Speaker:T9\n"  # names a missing T
        "E2\tSay:T1 Speaker:T2\n"  # names a T left out above
        "T1\tPerson 0 3\tAna\n"  # id used twice
        "R1\tSays Arg1:T1\n"  # one argument
        "Q1\tWhat T1\n"  # unknown kind
        "just some words\n"  # not an annotation line
        "A1\tNegated E1\n"  # names an event left out
    )
    out = parse_ann(ann, text)
    assert list(out.textbounds) == ["T1"]
    got = [str(p) for p in out.problems]
    assert got == [
        "line 2: T2: offsets 0-99 are outside the text (0-18)",
        "line 3: T3: text 'Bob' does not match offsets 0-3 ('Ana')",
        "line 4: T4: offsets 'x y' are not 'start end' pairs of whole numbers separated by ';'",
        "line 5: T5: offsets 5-5 are empty or reversed",
        "line 6: E1: its Speaker T9 is not in this file",
        "line 7: E2: its Speaker T2 is left out (line 2)",
        "line 8: T1 is already used on line 1",
        "line 9: R1: expected 'Type Arg1:ID Arg2:ID', got 'Says Arg1:T1'",
        "line 10: Q1: unknown annotation kind 'Q' (not T, R, E, A, #)",
        "line 11: not a brat annotation line: 'just some words'",
        "line 12: A1: its target E1 is left out (line 6)",
    ]


def test_a_text_field_running_over_several_lines_is_read_whole():
    text = "He said: \u201cFirst part.\n\nSecond part.\u201d Then he left."
    a, b = text.index("\u201c"), text.index("\u201d") + 1
    ann = f"T1\tContent {a} {b}\t{text[a:b]}\nT2\tSource 0 2\tHe\n"
    out = parse_ann(ann, text)
    assert out.problems == [] and out.multiline == 1
    assert out.textbounds["T1"].text == text[a:b]
    assert out.textbounds["T2"].line == 4


@pytest.mark.parametrize("counted_with_cr", [True, False], ids=["offsets-with-cr", "offsets-without-cr"])
def test_crlf_text_is_read_as_lf_with_offsets_following_it(counted_with_cr):
    lf = "Title\n\nAna said it rains.\nBob agreed."
    raw = lf.replace("\n", "\r\n")
    base = raw if counted_with_cr else lf
    a = base.index("Bob")
    doc = read_standoff(raw, f"T1\tPerson {a} {a + 3}\tBob\n")
    assert doc.text == lf and doc.standoff.problems == []
    t = doc.standoff.textbounds["T1"]
    assert lf[t.start : t.end] == "Bob"
    assert doc.converted.startswith("CRLF line ends read as LF")


def test_quotation_test_and_the_guidelines_extent():
    def check(text, guidelines=DEFAULT_GUIDELINES):
        marks = quotation_marks(text, 0, len(text))
        if marks is None:
            return None
        start, end = guidelines.quote_extent(text, *marks)
        return text[start:end]

    assert check("\u201cWe will not back down,\u201d") == "We will not back down"
    assert check('"It rains."') == "It rains"
    assert check('"It rains".') == "It rains"  # British: the full stop after the mark
    assert check("\u2018in Their Heads.\u2019") == "in Their Heads"
    assert check('"Wait..."') == "Wait..."
    assert check('"It rains."', Guidelines(quote_marks=True)) == '"It rains."'
    assert check("the vote would be delayed") is None
    assert check('He said "no"') is None
    assert check('""') is None


# --- the attribution preset on PolNeAR's layout ------------------------------------------------------


def test_attribution_preset_maps_sources_contents_and_events(tmp_path):
    root = polnear_like(tmp_path / "polnear")
    ws = empty_ws(tmp_path)
    report = import_file(ws, root, "brat", options=ATTRIBUTION, clock=clock)
    assert report.problems == [] and report.imported == 1 and report.articles_added == 1
    spans, links = stored(ws, "ab12")  # the annotator is the file name's suffix
    assert spans == sorted(
        [
            ("quote", "\u201cWe will not back down,\u201d"),
            ("actor", "Senator Ana Lima"),
            ("actor", "Officials"),
            ("claim", "the vote would be delayed until March"),
            # the discontinuous quote around its speaker: one span per fragment, each linked
            ("quote", "\u201cThe bill is dead,\u201d"),
            ("quote", "\u201cand everyone knows it.\u201d"),
            ("actor", "she"),
            ("claim", "The delay was"),  # agentless: kept, linked to nobody
        ]
    )
    assert links == sorted(
        [
            ("\u201cWe will not back down,\u201d", "Senator Ana Lima", "attributed_to"),
            ("the vote would be delayed until March", "Officials", "attributed_to"),
            ("\u201cThe bill is dead,\u201d", "she", "attributed_to"),
            ("\u201cand everyone knows it.\u201d", "she", "attributed_to"),
        ]
    )
    info = ws.infos()[0]
    assert info.handle == "senate"
    notes = "\n".join(report.notes)
    assert "types the mapping drops (Attribution 3, Attribution-no-source 1, Cue 4)" in notes
    assert "quotation test (direct quotation or not): claim 2, quote 3" in notes
    assert "1 discontinuous span(s) imported as 2 spans, one per fragment" in notes
    assert "1 event(s) link nothing by their rule (Attribution-no-source 1)" in notes
    assert "line(s) chipread has no place for (attribute Negated 1, note (AnnotatorNotes) 1)" in notes


def test_mapping_options_keep_cues_join_fragments_and_follow_the_guidelines(tmp_path):
    root = polnear_like(tmp_path / "polnear")
    ws = empty_ws(tmp_path)  # no [guidelines]: quotation marks out, host punctuation out
    options = ImportOptions(maps=("attribution", "Cue=cue"), quote_extent="guidelines", join_fragments=True)
    report = import_file(ws, root, "brat", annotator="eva", options=options, clock=clock)
    assert report.problems == []
    spans, links = stored(ws, "eva")  # --annotator wins over the file name
    assert ("cue", "said on Monday") in spans
    assert ("quote", "We will not back down") in spans
    joined = TEXT[at("\u201cThe bill")[0] + 1 : at("knows it")[1]]
    assert ("quote", joined) in spans  # one span over the gap, marks trimmed at its outer ends
    assert "1 discontinuous span(s) imported as one span each" in "\n".join(report.notes)
    assert "2 direct quotation(s) stored with the extent [guidelines] gives" in "\n".join(report.notes)


def test_a_brat_table_in_chipread_toml_is_the_mapping(tmp_path):
    root = polnear_like(tmp_path / "polnear")
    corpus = tmp_path / "corpus-empty"
    corpus.mkdir()
    (corpus / "chipread.toml").write_text(
        '[brat]\npreset = "attribution"\n[brat.types]\nContent = "statement"\nCue = "cue"\n'
        '[brat.events.Attribution]\nhead = "Source"\nchild = "Content"\nlabel = "said"\n',
        encoding="utf-8",
    )
    ws = Workspace.open(corpus, db=tmp_path / "db", annotator="tester", write=True, claim=False)
    report = import_file(ws, root, "brat", clock=clock)
    assert report.problems == []
    spans, links = stored(ws, "ab12")
    assert {label for label, _ in spans} == {"actor", "statement", "cue"}
    assert ("Officials", "the vote would be delayed until March", "said") in links


def test_a_bad_brat_table_is_one_line_naming_the_key(tmp_path):
    root = polnear_like(tmp_path / "polnear")
    corpus = tmp_path / "corpus-empty"
    corpus.mkdir()
    (corpus / "chipread.toml").write_text('[brat.events.Attribution]\nhead = "Content"\n', encoding="utf-8")
    ws = Workspace.open(corpus, db=tmp_path / "db", annotator="tester", write=True, claim=False)
    with pytest.raises(ConfigError, match=r"brat.events.Attribution: give both head and child"):
        import_file(ws, root, "brat", clock=clock)
    assert ws.infos() == []
    (corpus / "chipread.toml").unlink()
    ws = empty_ws(tmp_path, "db2")
    for value, message in [
        ("nonsense", r"--map 'nonsense': not a preset \(attribution\), a TYPE=LABEL pair or a .toml file"),
        ("Cue=two words", r"--map 'Cue=two words': a label name has no spaces"),
        ("=actor", r"--map '=actor': expected TYPE=LABEL"),
        (str(tmp_path / "missing.toml"), r"missing.toml: no such file"),
    ]:
        with pytest.raises(ImportFailed, match=message):
            import_file(ws, root, "brat", options=ImportOptions(maps=(value,)), clock=clock)
    assert ws.infos() == []


# --- bad input: one line each, nothing under --strict ------------------------------------------------


BAD_ANN = (
    t_line("T1", "Source", "Officials")
    + f"T2\tContent {len(TEXT) - 5} {len(TEXT) + 10}\tsurprise.\n"  # out of range
    + t_line("T3", "Content", "the vote would be delayed until March").replace("the vote", "a vote")  # mismatch
    + t_line("T4", "Speaker", "she")  # unknown type
    + "E1\tAttribution:T8 Content:T3 Source:T1\n"  # names a missing T
    + t_line("T5", "Content", "The delay was")
    + t_line("T6", "Attribution", "reportedly")
    + "E2\tAttribution:T6 Content:T5 Source:T1\n"
)


def test_bad_lines_are_listed_one_each_and_the_good_ones_go_in(tmp_path):
    root = polnear_like(tmp_path / "polnear", ann=BAD_ANN)
    ws = empty_ws(tmp_path)
    report = import_file(ws, root, "brat", options=ATTRIBUTION, clock=clock)
    where = "attributions/senate_ab12.ann"
    assert report.problems[:3] == [
        f"{where} line 2: T2: offsets {len(TEXT) - 5}-{len(TEXT) + 10} are outside the text (0-{len(TEXT)})",
        f"{where} line 3: T3: text 'a vote would be delayed until March' does not match offsets "
        f"{at('the vote')[0]}-{at('until March')[1]} ('the vote would be delayed until March')",
        f"{where} line 5: E1: its trigger T8 is not in this file",
    ]
    assert report.problems[3].startswith(f"{where} line 4: T4: unknown type 'Speaker' (known: the attribution preset")
    assert len(report.problems) == 4 and report.bad_lines == 4
    spans, links = stored(ws, "ab12")
    assert spans == [("actor", "Officials"), ("claim", "The delay was")]
    assert links == [("The delay was", "Officials", "attributed_to")]
    assert "4 bad lines left out (listed above)" in report.summary()


def test_strict_imports_nothing_when_a_line_is_bad(tmp_path):
    root = polnear_like(tmp_path / "polnear", ann=BAD_ANN)
    ws = empty_ws(tmp_path)
    report = import_file(ws, root, "brat", strict=True, options=ATTRIBUTION, clock=clock)
    assert report.bad_lines == 4
    assert report.summary().startswith("imported nothing from")
    assert ws.infos() == [] and ws.store.annotators() == []


def test_crlf_text_imports_with_one_note(tmp_path):
    crlf = TEXT.replace("\n", "\r\n")
    root = polnear_like(tmp_path / "polnear", text=crlf)  # offsets counted on the LF text
    ws = empty_ws(tmp_path)
    report = import_file(ws, root, "brat", options=ATTRIBUTION, clock=clock)
    assert report.problems == []
    assert ws.get(ws.infos()[0].id).text == TEXT
    assert [n for n in report.notes if "CRLF" in n] == [
        "brat: text/senate.txt: CRLF line ends read as LF (offsets counted without the CRs)"
    ]
    assert len(stored(ws, "ab12")[0]) == 8


def test_folder_problems_are_one_line(tmp_path):
    ws = empty_ws(tmp_path)
    with pytest.raises(ImportFailed, match="no such folder"):
        import_file(ws, tmp_path / "missing", "brat", clock=clock)
    (tmp_path / "nothing").mkdir()
    with pytest.raises(ImportFailed, match="no .ann files"):
        import_file(ws, tmp_path / "nothing", "brat", clock=clock)
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    (lonely / "a.ann").write_text("T1\tactor 0 3\tAna\n", encoding="utf-8")
    (lonely / "b.txt").write_text("Bob\n", encoding="utf-8")
    (lonely / "c.txt").write_bytes(b"\xff\xfe bad")
    (lonely / "c.ann").write_text("", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("Not for import.", encoding="utf-8")
    (lonely / "d.txt").symlink_to(secret)
    (lonely / "d.ann").write_text("", encoding="utf-8")
    report = import_file(ws, lonely, "brat", clock=clock)
    assert report.problems == [
        "a.ann: no a.txt beside it",
        "c.ann: c.txt is not valid UTF-8 (byte 1); brat files are UTF-8",
        f"d.ann: d.txt is a link out of {lonely}: not read",
    ]
    assert ws.infos() == []
    assert "left out 1 record(s) with a .txt but no .ann" in report.notes


def test_types_as_written_need_annotation_conf_or_the_label_set(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "doc.txt").write_text("Ana said it rains.", encoding="utf-8")
    (folder / "doc.ann").write_text("T1\tactor 0 3\tAna\nT2\tPerson 0 3\tAna\n", encoding="utf-8")
    ws = empty_ws(tmp_path)
    report = import_file(ws, folder, "brat", annotator="eva", clock=clock)
    assert len(report.problems) == 1 and "T2: unknown type 'Person'" in report.problems[0]
    (folder / "annotation.conf").write_text("[entities]\nPerson\n[relations]\n[events]\n[attributes]\n")
    report = import_file(ws, folder, "brat", annotator="eva", clock=clock)
    assert report.problems == []
    assert stored(ws, "eva")[0] == [("Person", "Ana"), ("actor", "Ana")]


def test_chipreads_own_relation_label_is_known_without_annotation_conf(tmp_path):
    folder = tmp_path / "alice"  # one annotator's folder of a chipread export: annotation.conf is a level up
    folder.mkdir()
    (folder / "doc.txt").write_text("Ana said it rains.", encoding="utf-8")
    ann = "T1\tactor 0 3\tAna\nT2\tclaim 9 17\tit rains\nR1\tattributed_to Arg1:T2 Arg2:T1\n"
    (folder / "doc.ann").write_text(ann, encoding="utf-8")
    ws = empty_ws(tmp_path)
    report = import_file(ws, folder, "brat", annotator="eva", clock=clock)
    assert report.problems == [] and report.bad_lines == 0
    assert stored(ws, "eva")[1] == [("it rains", "Ana", "attributed_to")]


# --- chipread's own brat export comes back exactly -----------------------------------------------------


@pytest.mark.parametrize("corpus", ["same", "empty"])
def test_chipread_brat_export_imports_back_exactly(store, tmp_path, corpus):
    first = tmp_path / "first"
    export(store.open(), "brat", first, ExportOptions(include_all=True))
    target = store.corpus if corpus == "same" else tmp_path / "empty-corpus"
    target.mkdir(exist_ok=True)
    ws = Workspace.open(target, db=tmp_path / "fresh", annotator="tester", write=True, claim=False)
    report = import_file(ws, first, "brat", clock=clock)
    assert report.problems == [] and report.bad == 0
    assert report.spans_added == 17 and report.relations_added == 8
    assert sorted(ws.store.annotators()) == ["alice", "bob"]
    second = tmp_path / "second"
    export(
        Workspace.open(target, db=tmp_path / "fresh", annotator="x"), "brat", second, ExportOptions(include_all=True)
    )
    assert folder_dump(second) == folder_dump(first)
    # Importing it again changes nothing.
    again = import_file(ws, first, "brat", clock=clock)
    assert again.spans_added == 0 and again.relations_added == 0
    # brat has no place for a status (README): work comes back in_progress, and a status a store has stands.
    original = store.open()

    def statuses(store_) -> set[tuple[str, str]]:
        return {(who, ann.status) for who in store_.annotators() for _, _, ann in store_.iter_files(who)}

    assert ("alice", "done") in statuses(original.store)
    assert ("alice", "in_progress") in statuses(ws.store) and ("alice", "done") not in statuses(ws.store)
    import_file(Workspace.open(store.corpus, db=store.db, annotator="x", write=True, claim=False), first, "brat")
    assert statuses(store.open().store) == statuses(original.store)


# --- PolNeAR itself, when this machine has it ------------------------------------------------------


@pytest.mark.skipif(not (POLNEAR / "dev" / "attributions").is_dir(), reason="PolNeAR is not in ../shared/polnear")
def test_a_few_polnear_dev_files_import_cleanly(tmp_path):
    names = sorted(p.name for p in (POLNEAR / "dev" / "attributions").glob("*.ann"))[:6]
    sample = tmp_path / "sample"
    (sample / "attributions").mkdir(parents=True)
    (sample / "text").mkdir()
    for name in names:
        stem = name.rsplit("_", 1)[0]
        shutil.copy(POLNEAR / "dev" / "attributions" / name, sample / "attributions" / name)
        shutil.copy(POLNEAR / "dev" / "text" / f"{stem}.txt", sample / "text" / f"{stem}.txt")
    ws = empty_ws(tmp_path)
    report = import_file(ws, sample, "brat", options=ATTRIBUTION, clock=clock)
    assert report.problems == [] and report.imported == len(names)
    total_sources = sum(
        line.split("\t")[1].startswith("Source ")
        for name in names
        for line in (POLNEAR / "dev" / "attributions" / name).read_text(encoding="utf-8").splitlines()
        if line.startswith("T")
    )
    actors = 0
    for info in ws.infos():
        for who in ws.store.annotators():
            ann = ws.annotations(ws.get(info.id), who)
            actors += sum(s.label == "actor" for s in ann.spans)
            text = ws.get(info.id).text
            assert all(text[s.start : s.end] == s.text for s in ann.spans)
            assert all(r.label == "attributed_to" for r in ann.relations)
    assert 0 < actors <= total_sources  # repeated Source lines over one mention are one span


def test_brat_files_gives_other_readers_the_documents(tmp_path):
    from chipread.export.import_brat import brat_files

    root = polnear_like(tmp_path / "polnear")
    (root / "text" / "orphan.txt").write_text("No annotations here.", encoding="utf-8")
    files, unpaired = brat_files(root)
    [f] = files
    assert (f.txt.name, f.annotator, f.problem) == ("senate.txt", "ab12", None)
    assert f.document.text == TEXT and len(f.document.standoff.events) == 4
    assert [p.name for p in unpaired] == ["orphan.txt"]


def test_quote_extent_follows_the_projects_guidelines(tmp_path):
    root = polnear_like(tmp_path / "polnear")
    corpus = tmp_path / "corpus-empty"
    corpus.mkdir()
    (corpus / "chipread.toml").write_text(
        '[guidelines]\nquote_marks = "in"\n[brat]\npreset = "attribution"\nquote_extent = "guidelines"\n',
        encoding="utf-8",
    )
    ws = Workspace.open(corpus, db=tmp_path / "db", annotator="tester", write=True, claim=False)
    report = import_file(ws, root, "brat", clock=clock)
    assert report.problems == []
    spans, _ = stored(ws, "ab12")
    # PolNeAR's quotes keep their marks already: with marks "in", nothing is reshaped.
    assert ("quote", "\u201cWe will not back down,\u201d") in spans
    assert not any("stored with the extent" in n for n in report.notes)
