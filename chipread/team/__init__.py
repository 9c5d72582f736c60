"""Teams: agreement between annotators, merging stores, and adjudication into a gold annotation (no Textual)."""
