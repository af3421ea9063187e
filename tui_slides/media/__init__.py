"""Headless media: image files decoded within limits, links, the video opener, terminal protocols.

No Textual and no Rich here. Importing this package imports nothing heavy:
Pillow is imported only when an image is actually decoded (``images.load_image``).
What draws media lives in ``tui_slides.render`` (Rich) and ``tui_slides.app`` (Textual).
"""
