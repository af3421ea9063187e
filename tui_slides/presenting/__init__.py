"""The talk's state outside any view: the position, the step, blank, the search, the clock.

No Textual and no Rich here: the presenter's screen, the console, audiences and
exports are views that subscribe to a ``Presentation``.
"""
