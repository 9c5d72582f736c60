"""What an export or an import did: counts, notes for the user, and (imports) the bad records line by line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


def by_prefix(counts: Counter, prefix: str) -> Counter:
    """The counters under a key prefix ("conll.overlap:claim" -> "claim"), the zero ones left out."""
    return Counter({k[len(prefix) :]: v for k, v in counts.items() if k.startswith(prefix) and v})


def listing(found: Counter) -> str:
    """ "claim 2, quote 1": counts by name, for a note."""
    return ", ".join(f"{k} {v}" for k, v in sorted(found.items()))


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 span", "2 spans", "2 statuses" (with `many`)."""
    return f"{n} {word if n == 1 else many or word + 's'}"


@dataclass
class ExportReport:
    fmt: str
    output: str
    records: int = 0
    articles: int = 0
    spans: int = 0
    relations: int = 0
    files: list[str] = field(default_factory=list)
    splits: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        what = (
            f"{plural(self.records, 'record')} ({plural(self.articles, 'article')}, "
            f"{plural(self.spans, 'span')}, {plural(self.relations, 'relation')})"
        )
        where = "stdout" if self.output == "-" else ", ".join(self.files) or self.output
        if self.splits:
            parts = ", ".join(f"{name} {plural(n, 'article')}" for name, n in self.splits.items())
            return f"exported {what} as {self.fmt}, split {parts}: {where}"
        return f"exported {what} as {self.fmt} to {where}"


@dataclass
class ImportReport:
    fmt: str
    path: str
    strict: bool = False
    records: int = 0
    bad: int = 0
    bad_lines: int = 0  # lines left out of records that were otherwise imported (brat's .ann lines)
    imported: int = 0
    articles_added: int = 0
    spans_added: int = 0
    spans_updated: int = 0
    relations_added: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    written: int = 0  # (article, annotator) store files written so far

    def written_summary(self, planned: int) -> str:
        """What an import that stopped part-way had written: each of those writes is whole."""
        if not self.written and not self.articles_added:
            return "nothing had been written"
        return (
            f"before it stopped, the import had written {self.written} of {planned} article file(s) "
            f"({plural(self.spans_added, 'span')} and {plural(self.relations_added, 'relation')} added, "
            f"{plural(self.articles_added, 'article')} added to the store); each is whole, and importing the "
            f"file again completes the rest without duplicates"
        )

    def summary(self) -> str:
        if self.bad_lines and self.strict:
            bad = plural(self.bad_lines, "bad line") + (f" and {plural(self.bad, 'bad record')}" if self.bad else "")
            return (
                f"imported nothing from {self.path}: {bad} in {plural(self.records, 'record')} "
                f"(--strict: fix them or drop --strict to import the rest)"
            )
        if self.bad and self.strict:
            return (
                f"imported nothing from {self.path}: {plural(self.bad, 'bad record')} of {self.records} "
                f"(--strict: fix them or drop --strict to import the {self.records - self.bad} good ones)"
            )
        parts = [
            f"imported {plural(self.imported, 'record')} of {self.records} from {self.path}",
            f"{plural(self.spans_added, 'span')} added",
        ]
        if self.spans_updated:
            parts.append(f"{self.spans_updated} updated")
        parts.append(f"{plural(self.relations_added, 'relation')} added")
        if self.duplicates:
            parts.append(f"{plural(self.duplicates, 'duplicate')} skipped")
        if self.articles_added:
            parts.append(f"{plural(self.articles_added, 'article')} added to the store's imported articles")
        if self.bad:
            parts.append(f"{plural(self.bad, 'bad record')} left out (listed above)")
        if self.bad_lines:
            parts.append(f"{plural(self.bad_lines, 'bad line')} left out (listed above)")
        return "; ".join(parts)
