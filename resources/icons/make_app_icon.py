"""Draw the OpsDesk application icon: a 2x2 risk heat map in the level colours with a check mark.

Run from the repository root (`python resources/icons/make_app_icon.py`); it writes
`opsdesk.png` (256 px), `opsdesk-<size>.png` and a multi-size `opsdesk.ico` next to itself.
The ICO holds PNG-compressed entries (read by Windows Vista and later), so no imaging
library beyond Qt is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath, QPen  # noqa: E402

HERE = Path(__file__).resolve().parent
PNG_SIZES = (16, 32, 48, 64, 128)  # plus opsdesk.png at 256
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

# The default matrix's level colours (opsdesk.domain.matrix), placed as on a heat map:
# likelihood grows upwards, impact to the right.
LOW, MEDIUM, HIGH, CRITICAL = "#4CAF50", "#FFC107", "#FF7043", "#D32F2F"
TILE_TOP, TILE_BOTTOM = "#37474F", "#263238"


def draw_icon(size: int) -> QImage:
    """The icon at `size` pixels, drawn in a 256-unit design space."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)
    small = size <= 24  # fewer, bolder details where a pixel is 11+ design units

    margin = 4 if small else 8
    tile = QRectF(margin, margin, 256 - 2 * margin, 256 - 2 * margin)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomLeft())
    gradient.setColorAt(0, QColor(TILE_TOP))
    gradient.setColorAt(1, QColor(TILE_BOTTOM))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(gradient)
    painter.drawRoundedRect(tile, 44, 44)
    # A faint rim so the tile stays visible on a dark task bar.
    painter.setPen(QPen(QColor("#546E7A"), 6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(tile.adjusted(3, 3, -3, -3), 41, 41)
    painter.setPen(Qt.PenStyle.NoPen)

    inset, gap = (30, 16) if small else (40, 12)
    cell = (256 - 2 * inset - gap) / 2
    radius = 10 if small else 16
    for column, row, color in ((0, 0, MEDIUM), (1, 0, CRITICAL), (0, 1, LOW), (1, 1, HIGH)):
        x = inset + column * (cell + gap)
        y = inset + row * (cell + gap)
        painter.setBrush(QColor(color))
        painter.drawRoundedRect(QRectF(x, y, cell, cell), radius, radius)

    # The check mark: "under control". A tile-coloured halo keeps it legible on every cell.
    check = QPainterPath(QPointF(70, 132))
    check.lineTo(QPointF(112, 176))
    check.lineTo(QPointF(194, 82))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for color, width in ((TILE_BOTTOM, 64 if small else 54), ("#FFFFFF", 34 if small else 28)):
        pen = QPen(QColor(color), width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPath(check)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO container (ICONDIR + ICONDIRENTRY per size) holding PNG-compressed images."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in the ICO format
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs it)
    rendered = {size: png_bytes(draw_icon(size)) for size in sorted({*PNG_SIZES, *ICO_SIZES})}
    for size in PNG_SIZES:
        (HERE / f"opsdesk-{size}.png").write_bytes(rendered[size])
    (HERE / "opsdesk.png").write_bytes(rendered[256])
    (HERE / "opsdesk.ico").write_bytes(ico_bytes({size: rendered[size] for size in ICO_SIZES}))
    print(f"wrote opsdesk.png, opsdesk-{{{','.join(map(str, PNG_SIZES))}}}.png and opsdesk.ico in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
