"""HTML and PDF from the model: ``tui-slides export`` (``export.command.run_export``).

Headless: no Textual, no Rich. The HTML page (``html_page``) and the PDF
(``pdf``, with reportlab) are both built from the deck model and
``deck.text``'s structured text, never from terminal cells.
"""
