"""File to model: reading, repairing and checking decks (``load_deck``), and the model they become.

No Textual and no Rich here: ``check`` and every view build on this package alone.
"""
