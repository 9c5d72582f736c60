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


# -- one date module: the calendar, and the dates pages print ---------------------------------------------


def test_the_calendar_numbers_months_from_one_and_weekdays_as_date_does():
    from chipread.nlp import dates

    assert dates.MONTH_NAMES[0] == "january" and dates.MONTH_NAMES[-1] == "december" and len(dates.MONTH_NAMES) == 12
    assert dates.MONTHS["sept"] == dates.MONTHS["sep"] == dates.MONTHS["september"] == 9 and dates.MONTHS["may"] == 5
    assert len(dates.WEEKDAY_NAMES) == 7 and dates.WEEKDAYS["thurs"] == date(2024, 6, 13).weekday() == 3
    assert dates.FOREIGN_MONTHS["märz"] == dates.FOREIGN_MONTHS["maart"] == 3 and dates.FOREIGN_MONTHS["déc"] == 12
    assert dates.SEASONS == {"spring", "summer", "autumn", "fall", "winter"}


def test_the_page_month_pattern_takes_every_listed_name_and_no_other():
    import re

    from chipread.nlp import dates

    month = re.compile(dates.MONTH, re.IGNORECASE)
    for name in dates.MONTHS:
        assert month.fullmatch(name) and month.fullmatch(name.upper() + ".")
    for other in ("janu", "septem", "mayo", "ju"):
        assert not month.fullmatch(other)


@pytest.mark.parametrize(
    "first, second, expected",
    [(12, 5, date(1990, 5, 12)), (5, 13, date(1990, 5, 13)), (31, 12, date(1990, 12, 31))],
)
def test_day_first_unless_impossible_is_one_rule_for_pages_and_text(first, second, expected):
    from chipread.nlp.dates import day_first, parse_date

    assert day_first(first, second, 1990) == expected
    assert parse_date(f"{first}/{second}/1990") == expected  # a page's stamp
    assert normalise_date(f"{first}/{second}/1990", None) == expected.isoformat()  # a date in the text


def test_neither_order_a_date_is_no_date():
    from chipread.nlp.dates import day_first, parse_date

    with pytest.raises(ValueError):
        day_first(13, 14, 1990)
    assert parse_date("13/14/1990") is None and normalise_date("13/14/1990", None) is None


@pytest.mark.parametrize(
    "stamp, expected",
    [
        ("15 mars 2024", date(2024, 3, 15)),
        ("5. Juli 2024", date(2024, 7, 5)),
        ("3 de marzo de 2024", date(2024, 3, 3)),
        ("1er mai 2024", date(2024, 5, 1)),
        ("Sept. 30, 2021", date(2021, 9, 30)),
        ("2023年5月29日", date(2023, 5, 29)),
    ],
)
def test_pages_dates_in_other_languages_and_forms(stamp, expected):
    from chipread.nlp.dates import parse_date

    assert parse_date(stamp) == expected


def test_a_metadata_value_falls_back_to_dateutil_only_with_a_plausible_year():
    from chipread.nlp.dates import parse_date, parse_date_value

    assert parse_date("2023.05.29") is None and parse_date_value("2023.05.29") == date(2023, 5, 29)
    assert parse_date_value("May 2023") == date(2023, 5, 1)
    assert parse_date_value("1850.05.29") is None  # read, but not a news date
    assert parse_date_value("no date here") is None
