"""The browser view: ``--http`` serves the deck as a web page that follows the presenter live.

``options`` (what the command line asks for) imports nothing heavy; the page
(``page``: the HTML export's rendering plus a small script) and the server
(``server``, with aiohttp, in the presenter's own asyncio loop) are imported
only when a talk is served. No Textual and no Rich here.
"""
