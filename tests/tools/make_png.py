#!/usr/bin/env python3
"""Writes test PNG images with transparency (no third-party modules: zlib + struct).

  make_png.py seal OUT.png       a red seal: two rings and a five-pointed star, 400 px
  make_png.py signature OUT.png  a blue pen stroke, 600 x 240 px
  make_png.py emblem OUT.png     a red disc with a gold star and a gold rim, 300 px
  make_png.py opaque OUT.png     a 40 x 20 px opaque grey-to-blue gradient (no alpha)

Stand-ins for the images an office supplies; the real national emblem and seals are not
ours to ship.
"""
import math
import struct
import sys
import zlib


def write_png(path, width, height, pixel, alpha=True):
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            r, g, b, a = pixel(x, y)
            row += bytes([r, g, b, a] if alpha else [r, g, b])
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def in_star(x, y, cx, cy, r):
    # A point is inside a five-pointed star when it is inside the pentagram polygon.
    pts = []
    for i in range(10):
        ang = -math.pi / 2 + i * math.pi / 5
        rad = r if i % 2 == 0 else r * 0.38
        pts.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
    inside = False
    j = len(pts) - 1
    for i in range(len(pts)):
        xi, yi = pts[i]
        xj, yj = pts[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def seal(x, y, n=400):
    d = math.hypot(x - n / 2, y - n / 2)
    red = (200, 16, 32)
    if 185 <= d <= 198 or 120 <= d <= 128 or in_star(x, y, n / 2, n / 2, 95):
        return red + (210,)
    return (255, 255, 255, 0)


def signature(x, y):
    # A pen stroke: a damped sine, 5 px thick.
    t = x / 600
    cy = 120 + 70 * math.sin(t * 9) * (1 - t) + 30 * math.cos(t * 23)
    if 30 <= x <= 570 and abs(y - cy) < 3.5:
        return (20, 40, 150, 255)
    return (255, 255, 255, 0)


def emblem(x, y, n=300):
    d = math.hypot(x - n / 2, y - n / 2)
    if d > 148:
        return (255, 255, 255, 0)
    if d > 132:
        return (214, 170, 40, 255)
    if in_star(x, y, n / 2, n / 2 - 10, 90):
        return (250, 210, 60, 255)
    return (200, 20, 30, 255)


kind, out = sys.argv[1], sys.argv[2]
if kind == "seal":
    write_png(out, 400, 400, seal)
elif kind == "signature":
    write_png(out, 600, 240, signature)
elif kind == "emblem":
    write_png(out, 300, 300, emblem)
elif kind == "opaque":
    write_png(out, 40, 20, lambda x, y: (100 + x * 3, 100 + x * 3, 200, 255), alpha=False)
else:
    sys.exit("usage: make_png.py seal|signature|emblem|opaque OUT.png")
