"""Tests of chipread.corpus: cleaning rules, untrusted input, ids, handles, cache, JSONL."""
