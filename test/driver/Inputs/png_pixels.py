"""png_pixels.py — what a screenshot shows, for the browser test of the HTML report.

  png_pixels.py count IMAGE RRGGBB      pixels of exactly that colour
  png_pixels.py differ IMAGE1 IMAGE2    pixels that differ between two images of one size

Decodes the 8-bit, non-interlaced RGB/RGBA PNGs headless Chromium writes, with the standard
library only (zlib and the five PNG row filters)."""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"png_pixels: {path}: not a PNG")
    offset, idat = 8, b""
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    if depth != 8 or colour not in (2, 6) or interlace:
        sys.exit(f"png_pixels: {path}: unsupported PNG (depth {depth}, colour type {colour})")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                estimate = left + up - corner
                nearest = min((abs(estimate - left), 0, left), (abs(estimate - up), 1, up),
                              (abs(estimate - corner), 2, corner))[2]
                line[x] = (line[x] + nearest) & 255
        rows.append(bytes(line))
        previous = line
    return [(row[x], row[x + 1], row[x + 2]) for row in rows
            for x in range(0, stride, channels)], (width, height)


if sys.argv[1] == "count":
    wanted = tuple(bytes.fromhex(sys.argv[3]))
    print(sum(1 for p in pixels(sys.argv[2])[0] if p == wanted))
elif sys.argv[1] == "differ":
    (first, size1), (second, size2) = pixels(sys.argv[2]), pixels(sys.argv[3])
    if size1 != size2:
        sys.exit("png_pixels: the images differ in size")
    print(sum(1 for a, b in zip(first, second) if a != b))
