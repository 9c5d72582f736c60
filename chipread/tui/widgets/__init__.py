"""The annotator's own widgets: the article text, the span list, the status line."""
