"""Lambda handler `extract-metadata`: an uploaded image's size, content type, format and
dimensions.

The event is `{"bucket": "...", "key": "..."}`. The format comes from the file's first bytes
(its magic number), never from its name, and the dimensions from the format's header, so this
function needs nothing beyond the Python standard library (and boto3, which Lambda provides).
A file that is not a known image is reported as `application/octet-stream` without dimensions.
"""

import struct

from objects import read_object

# Content types and format names by magic number; WebP and TIFF are recognized in `sniff`.
MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "image/png", "PNG"),
    (b"\xff\xd8\xff", "image/jpeg", "JPEG"),
    (b"GIF87a", "image/gif", "GIF"),
    (b"GIF89a", "image/gif", "GIF"),
    (b"BM", "image/bmp", "BMP"),
]

# JPEG markers that start a frame (SOF0 to SOF15) and so carry the dimensions; 0xC4, 0xC8 and
# 0xCC share the range but are tables and an extension.
JPEG_FRAMES = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def sniff(data):
    """The content type and format name of `data`, from its magic number."""
    for magic, content_type, name in MAGIC:
        if data.startswith(magic):
            return content_type, name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", "WEBP"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff", "TIFF"
    return "application/octet-stream", None


def png_size(data):
    # The IHDR chunk always comes first: width and height are its first two fields.
    return struct.unpack(">II", data[16:24])


def gif_size(data):
    return struct.unpack("<HH", data[6:10])


def bmp_size(data):
    width, height = struct.unpack("<ii", data[18:26])
    # A negative height means the rows are stored top-down; the image is just as tall.
    return width, abs(height)


def jpeg_size(data):
    offset = 2
    while offset + 9 < len(data):
        if data[offset] != 0xFF:
            raise ValueError(f"no JPEG marker at byte {offset}")
        marker = data[offset + 1]
        if marker == 0xFF:
            # Any number of 0xFF bytes may pad the space before a marker.
            offset += 1
            continue
        if marker in JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
            return width, height
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:
            # These markers stand alone, with no length after them.
            offset += 2
            continue
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        offset += 2 + length
    raise ValueError("no JPEG frame header")


def webp_size(data):
    chunk = data[12:16]
    if chunk == b"VP8 ":
        # Lossy: after a 3-byte frame tag and a 3-byte start code, two 14-bit sizes.
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        # Lossless: after the signature byte 0x2F, 14 bits of width - 1, then of height - 1.
        (bits,) = struct.unpack("<I", data[21:25])
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        # Extended: 24-bit canvas width - 1 and height - 1 after 4 bytes of flags.
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    raise ValueError(f"unknown WebP chunk {chunk!r}")


def tiff_size(data):
    order = "<" if data[:2] == b"II" else ">"
    (ifd,) = struct.unpack(order + "I", data[4:8])
    (n_entries,) = struct.unpack(order + "H", data[ifd : ifd + 2])
    found = {}
    for idx in range(n_entries):
        entry = data[ifd + 2 + 12 * idx : ifd + 14 + 12 * idx]
        tag, kind = struct.unpack(order + "HH", entry[:4])
        if tag in (256, 257):
            # ImageWidth and ImageLength are SHORT (3) or LONG (4), stored in the entry itself.
            fmt = "H" if kind == 3 else "I"
            (found[tag],) = struct.unpack(order + fmt, entry[8 : 8 + struct.calcsize(fmt)])
    return found[256], found[257]


SIZES = {
    "PNG": png_size,
    "JPEG": jpeg_size,
    "GIF": gif_size,
    "BMP": bmp_size,
    "WEBP": webp_size,
    "TIFF": tiff_size,
}


def describe(data):
    """What `data` is: its size, content type, format, width and height."""
    content_type, name = sniff(data)
    width = height = None
    if name is not None:
        try:
            width, height = SIZES[name](data)
        except (ValueError, KeyError, IndexError, struct.error):
            # A truncated or unusual header still has a type; only the dimensions are unknown.
            pass
    return {
        "size": len(data),
        "contentType": content_type,
        "format": name,
        "width": width,
        "height": height,
    }


def lambda_handler(event, context):
    bucket, key = event["bucket"], event["key"]
    data = read_object(bucket, key)
    metadata = describe(data)
    print(f"extract-metadata: s3://{bucket}/{key}: {metadata}")
    return {"bucket": bucket, "key": key, **metadata}
