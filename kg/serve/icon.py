"""The site's icon (``/favicon.ico``): a 16×16 picture made here, with the standard
library only — a blue square with an orange centre, the colours of the site's header
and of a page's own node in its neighbourhood picture. An ICO file holding one PNG.

Examples
--------
>>> data = favicon()
>>> data[:4], data[22:26]
(b'\\x00\\x00\\x01\\x00', b'\\x89PNG')
"""

from __future__ import annotations

import struct
import zlib
from functools import cache

__all__ = ["favicon", "MEDIA_TYPE"]

MEDIA_TYPE = "image/x-icon"
_SIZE = 16
_BLUE, _ORANGE = (0x1F, 0x3A, 0x68), (0xD3, 0x54, 0x00)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def _png() -> bytes:
    rows = []
    for y in range(_SIZE):
        row = bytearray([0])  # filter: none
        for x in range(_SIZE):
            centre = 5 <= x <= 10 and 5 <= y <= 10
            row += bytes(_ORANGE if centre else _BLUE)
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", _SIZE, _SIZE, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _chunk(b"IEND", b""))


@cache
def favicon() -> bytes:
    """The icon as the bytes of an ICO file (one 16×16 PNG image)."""
    png = _png()
    head = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", _SIZE, _SIZE, 0, 0, 1, 32, len(png), 6 + 16)
    return head + entry + png
