"""The canvas's export formats, apart from the renderers so that the command line offers them
without importing those (``grenzeloos canvas export --format`` answers its help at once)."""

EXPORT_FORMATS = ("pdf", "svg", "png", "odt", "docx", "md", "json")
