"""
Poster images: check an upload by its content, re-encode it without its
metadata, and make the renditions that pages show.

An upload is refused unless Pillow reads it whole as a JPEG, PNG, WebP or
GIF within the size and pixel caps. What is stored is always a fresh
encoding (EXIF, GPS included, dropped after applying its orientation), so
nothing the uploader put in the file beyond its pixels reaches a browser.
"""

import io
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ACCEPTED = {"JPEG", "PNG", "WEBP", "GIF"}
# How each accepted format is stored: GIF becomes a still PNG.
STORED = {"JPEG": ("JPEG", "jpg"), "PNG": ("PNG", "png"), "WEBP": ("WEBP", "webp")}
STORED["GIF"] = STORED["PNG"]
EXTENSIONS = sorted({ext for _, ext in STORED.values()})
# Renditions: (suffix, width, height). Posters are 2:3.
THUMBNAIL = ("thumb", 160, 240)
THUMBNAIL_2X = ("thumb2x", 320, 480)
LARGE = ("large", 600, 900)
RENDITIONS = (THUMBNAIL, THUMBNAIL_2X, LARGE)
ORIGINAL_MAX_SIDE = 3000


@dataclass
class Poster:
    """A checked, re-encoded poster: the original and its renditions."""

    original: ContentFile
    extension: str
    renditions: dict


def rendition_name(name, suffix):
    """Name the rendition ``suffix`` of the stored poster ``name``."""
    stem = name.rsplit(".", 1)[0]
    return f"{stem}-{suffix}.webp"


def check_and_encode(upload):
    """
    Return a ``Poster`` for ``upload``, or raise ``ValidationError`` with a
    message for the user. The size is checked before anything is read.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError("The image is larger than 10 MB.", code="too_large")
    image = open_image(upload)
    try:
        return encode(image)
    except (OSError, ValueError) as error:
        logger.info("Refused an image that could not be re-encoded: %s", error)
        raise refused() from error
    finally:
        image.close()


def too_large():
    return ValidationError("The image is larger than 10 MB.", code="too_large")


def refused():
    return ValidationError(
        "Upload a JPEG, PNG, WebP or GIF image. This file is not one, or it is "
        "damaged.",
        code="invalid_image",
    )


def open_image(upload):
    try:
        upload.seek(0)
        image = Image.open(upload, formats=sorted(ACCEPTED))
        if image.format not in ACCEPTED:
            raise refused()
        width, height = image.size
        if width * height > MAX_PIXELS or not width or not height:
            logger.warning("Refused a poster of %sx%s pixels.", width, height)
            raise ValidationError(
                "The image has too many pixels (at most 40 megapixels).",
                code="too_many_pixels",
            )
        image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        logger.warning("Refused a decompression bomb: %s", error)
        raise ValidationError(
            "The image has too many pixels (at most 40 megapixels).",
            code="too_many_pixels",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        logger.info("Refused an upload that is not a readable image: %s", error)
        raise refused() from error
    return image


def encode(image):
    stored_format, extension = STORED[image.format]
    picture = ImageOps.exif_transpose(image)
    if stored_format == "JPEG":
        picture = picture.convert("RGB")
    elif picture.mode not in ("RGB", "RGBA"):
        picture = picture.convert("RGBA")
    picture.thumbnail((ORIGINAL_MAX_SIDE, ORIGINAL_MAX_SIDE))
    original = save(picture, stored_format)
    renditions = {
        suffix: save(ImageOps.fit(picture, (width, height)), "WEBP")
        for suffix, width, height in RENDITIONS
    }
    return Poster(original=original, extension=extension, renditions=renditions)


def save(picture, image_format):
    buffer = io.BytesIO()
    options = {"JPEG": {"quality": 88, "optimize": True}, "WEBP": {"quality": 82}}
    picture.save(buffer, image_format, **options.get(image_format, {}))
    return ContentFile(buffer.getvalue())


def poster_names(series):
    """Return the stored names of the poster of ``series`` and renditions."""
    if not series.image:
        return []
    name = series.image.name
    return [name] + [rendition_name(name, suffix) for suffix, _, _ in RENDITIONS]


def delete_files(storage, names):
    """Delete ``names`` from ``storage``; a failure is logged, not raised."""
    for name in names:
        try:
            storage.delete(name)
        except Exception:
            logger.exception("Could not delete the stored file %s.", name)


def attach(series, poster):
    """
    Store ``poster`` as the poster of ``series``. The old files are deleted
    once the transaction commits; if storing or saving fails, the new files
    are deleted and the old ones stay.
    """
    storage = series.image.storage
    old = poster_names(series)
    written = []
    try:
        series.image.save(f"poster.{poster.extension}", poster.original, save=False)
        written.append(series.image.name)
        for suffix, content in poster.renditions.items():
            name = rendition_name(series.image.name, suffix)
            written.append(storage.save(name, content))
        series.save(update_fields=["image", "updated"])
    except Exception:
        logger.exception("Could not store the poster of series %s.", series.pk)
        delete_files(storage, written)
        raise
    transaction.on_commit(lambda: delete_files(storage, old))


def detach(series):
    """Remove the poster of ``series``; its files go once the transaction
    commits."""
    storage = series.image.storage
    old = poster_names(series)
    series.image = ""
    series.save(update_fields=["image", "updated"])
    transaction.on_commit(lambda: delete_files(storage, old))
