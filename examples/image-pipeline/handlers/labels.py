"""Lambda handler `detect-labels`: a small label detection that needs no cloud service.

The event is `{"bucket": "...", "key": "..."}`. The answer has the shape of Amazon
Rekognition's DetectLabels with image properties, so that the state machine would read a
Rekognition answer the same way:

    {"Labels": [{"Name": "Red", "Confidence": 71.3}, {"Name": "Landscape", "Confidence": 100.0}],
     "ImageProperties": {"Quality": {"Brightness": 44.7},
                         "DominantColors": [{"SimplifiedColor": "red", "HexCode": "#D63031",
                                             "PixelPercent": 71.3}, ...]}}

The labels are the image's dominant colours (each with its share of the pixels as the
confidence), its orientation, and "Bright" or "Dark" when it clearly is. A file that Pillow
cannot read as an image has no labels and no dominant colours.
"""

import colorsys
import io

from PIL import Image, UnidentifiedImageError

from objects import read_object

# The image is scaled down to at most this many pixels a side before its colours are counted:
# the shares hardly change, and a large photo is counted in milliseconds.
SAMPLE_SIDE = 128

# A colour becomes a dominant colour from this share of the pixels, and a label from the next.
DOMINANT_SHARE = 0.05
LABEL_SHARE = 0.10

# Hue ranges in degrees, each up to (not including) its bound; red wraps around 360.
HUES = [
    (15, "red"),
    (40, "orange"),
    (70, "yellow"),
    (165, "green"),
    (195, "cyan"),
    (255, "blue"),
    (290, "purple"),
    (345, "pink"),
    (360, "red"),
]


def colour_name(red, green, blue):
    """The simple name of a colour, from its hue, saturation and value."""
    hue, saturation, value = colorsys.rgb_to_hsv(red / 255, green / 255, blue / 255)
    if value < 0.2:
        return "black"
    if saturation < 0.2:
        return "white" if value > 0.85 else "gray"
    degrees = hue * 360
    name = next(name for bound, name in HUES if degrees < bound)
    # Dark orange is what people call brown.
    return "brown" if name == "orange" and value < 0.6 else name


def dominant_colours(image):
    """The colours that cover at least DOMINANT_SHARE of `image`, most common first, each with
    its share and the average of its pixels."""
    sample = image.convert("RGB")
    # NEAREST keeps the image's own colours; averaging would invent new ones at every edge.
    sample.thumbnail((SAMPLE_SIDE, SAMPLE_SIDE), Image.Resampling.NEAREST)
    counts = {}
    sums = {}
    for count, pixel in sample.getcolors(maxcolors=SAMPLE_SIDE * SAMPLE_SIDE):
        name = colour_name(*pixel)
        counts[name] = counts.get(name, 0) + count
        total = sums.setdefault(name, [0, 0, 0])
        for channel in range(3):
            total[channel] += pixel[channel] * count
    n_pixels = sample.width * sample.height
    colours = []
    for name, count in sorted(counts.items(), key=lambda item: -item[1]):
        share = count / n_pixels
        if share < DOMINANT_SHARE:
            break
        average = "".join(f"{round(total / count):02X}" for total in sums[name])
        colours.append({"name": name, "share": share, "hex": f"#{average}"})
    return colours


def orientation(width, height):
    """Landscape, portrait or square; within 5% counts as square."""
    if width > height * 1.05:
        return "Landscape"
    if height > width * 1.05:
        return "Portrait"
    return "Square"


def brightness(image):
    """The mean luminance, from 0 (black) to 100 (white), as Rekognition reports it."""
    grey = image.convert("L")
    grey.thumbnail((SAMPLE_SIDE, SAMPLE_SIDE))
    histogram = grey.histogram()
    n_pixels = sum(histogram)
    return 100 * sum(level * count for level, count in enumerate(histogram)) / (255 * n_pixels)


def detect(data):
    """The labels and image properties of the image in `data`."""
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError):
        return {"Labels": [], "ImageProperties": {"DominantColors": []}}
    colours = dominant_colours(image)
    light = brightness(image)
    labels = [
        {"Name": colour["name"].capitalize(), "Confidence": round(100 * colour["share"], 1)}
        for colour in colours
        if colour["share"] >= LABEL_SHARE
    ]
    labels.append({"Name": orientation(image.width, image.height), "Confidence": 100.0})
    if light >= 70:
        labels.append({"Name": "Bright", "Confidence": round(light, 1)})
    elif light <= 30:
        labels.append({"Name": "Dark", "Confidence": round(100 - light, 1)})
    return {
        "Labels": labels,
        "ImageProperties": {
            "Quality": {"Brightness": round(light, 1)},
            "DominantColors": [
                {
                    "SimplifiedColor": colour["name"],
                    "HexCode": colour["hex"],
                    "PixelPercent": round(100 * colour["share"], 1),
                }
                for colour in colours
            ],
        },
    }


def lambda_handler(event, context):
    bucket, key = event["bucket"], event["key"]
    result = detect(read_object(bucket, key))
    names = ", ".join(f"{label['Name']} {label['Confidence']}" for label in result["Labels"])
    print(f"detect-labels: s3://{bucket}/{key}: {names or 'no labels'}")
    return result
