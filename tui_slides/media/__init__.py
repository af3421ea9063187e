"""Media for slides: images, video and map cards, and opening videos in a player.

Importing this package imports nothing heavy: Pillow is imported only when an
image is actually decoded (``images.load_image``), the QR encoder only when a
map card is drawn, and Textual only by ``media.widgets``, which the app imports.
"""
