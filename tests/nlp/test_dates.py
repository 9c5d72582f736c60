from __future__ import annotations

from datetime import date

import pytest

from chipread.nlp import normalise_date

MON = date(2023, 5, 29)  # Monday 29 May 2023


@pytest.mark.parametrize(
    "text, value",
    [
        ("Monday", "2023-05-29"),
        ("on Friday", "2023-05-26"),
        ("Sunday", "2023-05-28"),
        ("last Friday", "2023-05-26"),
        ("next Monday", "2023-06-05"),
        ("last year", "2022"),
        ("this year", "2023"),
        ("next year", "2024"),
        ("in January", "2023-01"),
        ("December", "2022-12"),  # the nearest December is the past one
        ("this month", "2023-05"),
        ("earlier this month", "2023-05"),
        ("last month", "2023-04"),
        ("May 26", "2023-05-26"),
        ("on 26 May", "2023-05-26"),
        ("26th May", "2023-05-26"),
        ("December 2019", "2019-12"),
        ("May 26, 2023", "2023-05-26"),
        ("Sept. 30, 2021", "2021-09-30"),
        ("2023-05-29", "2023-05-29"),
        ("2011", "2011"),
        ("yesterday", "2023-05-28"),
        ("three years ago", "2020"),
        ("next week", "2023-W23"),
    ],
)
def test_relative_and_absolute(text, value):
    assert normalise_date(text, MON) == value


@pytest.mark.parametrize("text", ["recent years", "the 1990s", "someday", "spring", "the past"])
def test_unknown_stays_unknown(text):
    assert normalise_date(text, MON) is None


def test_without_publication_date_only_absolute_dates_resolve():
    assert normalise_date("Monday", None) is None
    assert normalise_date("last year", None) is None
    assert normalise_date("May 26", None) is None
    assert normalise_date("December 2019", None) == "2019-12"
    assert normalise_date("2023-05-29", None) == "2023-05-29"


def test_month_resolves_to_the_nearest_occurrence():
    assert normalise_date("November", date(2024, 6, 5)) == "2024-11"
    assert normalise_date("October", date(2024, 1, 10)) == "2023-10"
    assert normalise_date("invalid 31 February", MON) is None


def test_date_entities_carry_values(builtin):
    text = "The minister spoke on Monday. Last year the plan failed, and in January it was revived."
    found = {(e.text, e.value) for e in builtin(text, published=MON) if e.label == "DATE"}
    assert found == {("Monday", "2023-05-29"), ("Last year", "2022"), ("January", "2023-01")}


WED = date(2024, 6, 12)  # Wednesday 12 June 2024


def test_bare_weekday_follows_the_tense_around_it(builtin):
    def value(text):
        (d,) = [e for e in builtin(text, published=WED) if e.label == "DATE"]
        return d.value

    assert value("The final will take place on Saturday in Berlin.") == "2024-06-15"
    assert value("The match is scheduled for Saturday.") == "2024-06-15"
    assert value("The final took place on Saturday in Berlin.") == "2024-06-08"
    assert value("Police said on Monday he would be charged.") == "2024-06-10"
    assert normalise_date("Saturday", WED, future=True) == "2024-06-15"
    assert normalise_date("Wednesday", WED, future=True) == "2024-06-12"


def test_relative_dates_at_a_sentence_start(builtin):
    found = {
        (e.text, e.value) for e in builtin("Two years ago the plant closed. A year ago it reopened.", published=WED)
    }
    assert ("Two years ago", "2022") in found and ("A year ago", "2023") in found


@pytest.mark.parametrize(
    "text, value",
    [
        ("12/05/1990", "1990-05-12"),  # ambiguous: day first
        ("05/13/1990", "1990-05-13"),  # 13 cannot be a month: month first
        ("31.12.2023", "2023-12-31"),
        ("2023/05/29", "2023-05-29"),
    ],
)
def test_numeric_dates_day_first_unless_impossible(builtin, text, value):
    assert normalise_date(text, None) == value
    (d,) = builtin(f"The contract was signed on {text} in Geneva.")[:1]
    assert (d.text, d.label, d.value) == (text, "DATE", value)
