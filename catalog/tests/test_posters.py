import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image

from catalog import posters
from catalog.models import Series, series_image_path

from .factories import SeriesFactory


def image_file(fmt="PNG", size=(300, 450), name=None, mode="RGB", **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size, "teal").save(buffer, fmt, **save_options)
    extension = {"JPEG": "jpg"}.get(fmt, fmt.lower())
    return SimpleUploadedFile(name or f"poster.{extension}", buffer.getvalue())


def upload_url(series):
    return reverse("catalog:series_image", args=[series.pk])


def stored(series):
    series.refresh_from_db()
    return posters.poster_names(series)


def open_stored(name):
    with default_storage.open(name) as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
        return image


class TestNaming:
    @pytest.mark.parametrize(
        ("filename", "extension"),
        [
            ("holiday.JPG", ".jpg"),
            ("poster.png", ".png"),
            ("../../etc/passwd", ""),
            ("ü" * 300 + ".webp", ".webp"),
            ("no-extension", ""),
            ("evil.php%00.jpg", ".jpg"),
        ],
    )
    def test_names_are_a_fresh_uuid_keeping_the_extension(self, filename, extension):
        name = series_image_path(None, filename)

        assert re.fullmatch(
            rf"uploads/series/[0-9a-f]{{32}}{re.escape(extension)}", name
        )

    def test_every_name_is_new(self):
        assert series_image_path(None, "a.png") != series_image_path(None, "a.png")


@pytest.mark.django_db
class TestUpload:
    @pytest.mark.parametrize(
        ("fmt", "name", "extension"),
        [
            ("JPEG", "photo.JPG", "jpg"),
            ("PNG", "poster.png", "png"),
            ("WEBP", "poster.WebP", "webp"),
            ("GIF", "poster.gif", "png"),
            ("PNG", "poster.txt", "png"),
        ],
    )
    def test_accepts_images_by_their_content(
        self,
        auth_client,
        user,
        fmt,
        name,
        extension,
        django_capture_on_commit_callbacks,
    ):
        series = SeriesFactory(user=user)

        with django_capture_on_commit_callbacks(execute=True):
            response = auth_client.post(
                upload_url(series), {"image": image_file(fmt, name=name)}
            )

        names = stored(series)
        assert response.status_code == 302
        assert response["Location"] == series.get_absolute_url()
        assert re.fullmatch(
            rf"uploads/series/[0-9a-f]{{32}}\.{extension}", series.image.name
        )
        assert all(default_storage.exists(n) for n in names)

    def test_renditions_have_their_sizes_and_are_webp(self, auth_client, user):
        series = SeriesFactory(user=user)

        auth_client.post(upload_url(series), {"image": image_file(size=(900, 600))})

        series.refresh_from_db()
        for suffix, width, height in posters.RENDITIONS:
            image = open_stored(posters.rendition_name(series.image.name, suffix))
            assert image.format == "WEBP"
            assert image.size == (width, height)

    def test_exif_is_stripped_after_applying_the_orientation(self, auth_client, user):
        exif = Image.Exif()
        exif[0x0112] = 6  # rotated 90° clockwise
        exif[0x8825] = {1: "N", 2: (52.0, 22.0, 0.0)}  # GPS
        exif[0x010F] = "Camera maker"
        upload = image_file("JPEG", size=(40, 20), exif=exif.tobytes())
        series = SeriesFactory(user=user)

        auth_client.post(upload_url(series), {"image": upload})

        series.refresh_from_db()
        image = open_stored(series.image.name)
        assert image.size == (20, 40)
        assert not image.getexif()
        assert "exif" not in image.info

    def test_trailing_html_after_a_png_is_dropped(self, auth_client, user):
        upload = image_file("PNG")
        payload = upload.read() + b"<html><script>alert(1)</script></html>"
        series = SeriesFactory(user=user)

        auth_client.post(
            upload_url(series), {"image": SimpleUploadedFile("x.png", payload)}
        )

        series.refresh_from_db()
        with default_storage.open(series.image.name) as handle:
            assert b"<script>" not in handle.read()

    @pytest.mark.parametrize(
        ("content", "name"),
        [
            (b"just some text, honestly", "poster.jpg"),
            (b"<html><body>hi</body></html>", "poster.png"),
            (
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
                b"</svg>",
                "poster.svg",
            ),
            (b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", "poster.eps"),
            (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "poster.pdf"),
            (b"", "empty.png"),
        ],
        ids=["text", "html", "svg", "eps", "pdf", "empty"],
    )
    def test_refuses_what_is_not_an_image(self, auth_client, user, content, name):
        series = SeriesFactory(user=user)

        response = auth_client.post(
            upload_url(series), {"image": SimpleUploadedFile(name, content)}
        )

        assert response.status_code == 200
        assert not stored(series)
        assert (
            b"Upload a JPEG, PNG, WebP or GIF image" in response.content
            or b"The submitted file is empty." in response.content
        )

    def test_refuses_other_image_formats(self, auth_client, user):
        series = SeriesFactory(user=user)

        response = auth_client.post(
            upload_url(series), {"image": image_file("BMP", name="poster.jpg")}
        )

        assert b"Upload a JPEG, PNG, WebP or GIF image" in response.content
        assert not stored(series)

    def test_refuses_a_truncated_image(self, auth_client, user):
        data = image_file("JPEG", size=(400, 400)).read()
        series = SeriesFactory(user=user)

        response = auth_client.post(
            upload_url(series),
            {"image": SimpleUploadedFile("cut.jpg", data[: len(data) // 2])},
        )

        assert b"Upload a JPEG, PNG, WebP or GIF image" in response.content
        assert not stored(series)

    def test_refuses_a_decompression_bomb(self, auth_client, user):
        bomb = image_file("PNG", size=(10_000, 5_000), mode="1")
        assert bomb.size < 100_000
        series = SeriesFactory(user=user)

        response = auth_client.post(upload_url(series), {"image": bomb})

        assert b"too many pixels" in response.content
        assert not stored(series)

    def test_refuses_a_file_over_10_mb_before_reading_it(
        self, auth_client, user, monkeypatch
    ):
        def never(*args, **kwargs):
            raise AssertionError("the file was opened")

        monkeypatch.setattr(posters.Image, "open", never)
        series = SeriesFactory(user=user)
        big = SimpleUploadedFile("big.png", b"\0" * (10 * 1024 * 1024 + 1))

        response = auth_client.post(upload_url(series), {"image": big})

        assert b"larger than 10 MB" in response.content
        assert not stored(series)

    def test_refuses_a_post_without_a_file(self, auth_client, user):
        series = SeriesFactory(user=user)

        response = auth_client.post(upload_url(series), {})

        assert b"Choose an image to upload." in response.content

    @pytest.mark.parametrize(
        "name", ["ü" * 300 + ".png", "../../../etc/passwd.png", "x.png\x00.html"]
    )
    def test_any_file_name_is_replaced_by_a_generated_one(
        self, auth_client, user, name
    ):
        series = SeriesFactory(user=user)

        auth_client.post(upload_url(series), {"image": image_file(name=name)})

        series.refresh_from_db()
        assert re.fullmatch(r"uploads/series/[0-9a-f]{32}\.png", series.image.name)

    def test_two_files_in_one_field_store_one_poster(self, auth_client, user):
        series = SeriesFactory(user=user)

        auth_client.post(
            upload_url(series), {"image": [image_file("PNG"), image_file("JPEG")]}
        )

        assert len(stored(series)) == 1 + len(posters.RENDITIONS)

    def test_htmx_upload_returns_the_poster_part(self, auth_client, user, htmx_headers):
        series = SeriesFactory(user=user)

        response = auth_client.post(
            upload_url(series), {"image": image_file()}, headers=htmx_headers
        )

        content = response.content.decode()
        series.refresh_from_db()
        assert content.lstrip().startswith('<section id="poster"')
        assert series.large_url in content
        assert "Poster saved." in content
        assert "<html" not in content

    def test_htmx_error_returns_the_poster_part_with_the_message(
        self, auth_client, user, htmx_headers
    ):
        series = SeriesFactory(user=user)

        response = auth_client.post(
            upload_url(series),
            {"image": SimpleUploadedFile("a.jpg", b"nope")},
            headers=htmx_headers,
        )

        content = response.content.decode()
        assert content.lstrip().startswith('<section id="poster"')
        assert "Upload a JPEG, PNG, WebP or GIF image" in content

    def test_the_page_without_javascript(self, auth_client, user):
        series = SeriesFactory(user=user, title="Dark")

        response = auth_client.get(upload_url(series))

        content = response.content.decode()
        assert 'enctype="multipart/form-data"' in content
        assert "Poster of “Dark”" in content

    def test_another_users_series_is_404(self, auth_client, other_user):
        series = SeriesFactory(user=other_user)

        get = auth_client.get(upload_url(series))
        post = auth_client.post(upload_url(series), {"image": image_file()})

        assert get.status_code == post.status_code == 404
        assert not stored(series)


@pytest.mark.django_db
class TestReplaceAndRemove:
    def upload(self, client, series, capture):
        with capture(execute=True):
            client.post(upload_url(series), {"image": image_file()})
        return stored(series)

    def test_replacing_deletes_the_old_files(
        self, auth_client, user, django_capture_on_commit_callbacks
    ):
        series = SeriesFactory(user=user)
        old = self.upload(auth_client, series, django_capture_on_commit_callbacks)

        new = self.upload(auth_client, series, django_capture_on_commit_callbacks)

        assert set(old).isdisjoint(new)
        assert not any(default_storage.exists(n) for n in old)
        assert all(default_storage.exists(n) for n in new)

    def test_removing_deletes_the_files(
        self, auth_client, user, django_capture_on_commit_callbacks
    ):
        series = SeriesFactory(user=user)
        old = self.upload(auth_client, series, django_capture_on_commit_callbacks)

        with django_capture_on_commit_callbacks(execute=True):
            response = auth_client.post(upload_url(series), {"remove": "1"})

        assert response.status_code == 302
        assert not stored(series)
        assert not any(default_storage.exists(n) for n in old)

    def test_deleting_the_series_deletes_the_files(
        self, auth_client, user, django_capture_on_commit_callbacks
    ):
        series = SeriesFactory(user=user)
        old = self.upload(auth_client, series, django_capture_on_commit_callbacks)

        with django_capture_on_commit_callbacks(execute=True):
            auth_client.post(reverse("catalog:series_delete", args=[series.pk]))

        assert not any(default_storage.exists(n) for n in old)

    def test_deleting_the_user_deletes_the_files(
        self, auth_client, user, django_capture_on_commit_callbacks
    ):
        series = SeriesFactory(user=user)
        old = self.upload(auth_client, series, django_capture_on_commit_callbacks)

        with django_capture_on_commit_callbacks(execute=True):
            user.delete()

        assert not any(default_storage.exists(n) for n in old)

    def test_a_rolled_back_replacement_keeps_the_old_files(
        self, auth_client, user, django_capture_on_commit_callbacks
    ):
        series = SeriesFactory(user=user)
        old = self.upload(auth_client, series, django_capture_on_commit_callbacks)
        poster = posters.check_and_encode(image_file())

        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            posters.attach(series, poster)
            raise RuntimeError("something later failed")

        assert stored(series) == old
        assert all(default_storage.exists(n) for n in old)

    def test_a_storage_failure_leaves_no_row_pointing_at_missing_files(
        self, auth_client, user, monkeypatch
    ):
        series = SeriesFactory(user=user)
        calls = []
        real_save = default_storage.save

        def failing_save(name, content, *args, **kwargs):
            calls.append(name)
            if len(calls) == 2:
                raise OSError("disk full")
            return real_save(name, content, *args, **kwargs)

        monkeypatch.setattr(default_storage, "save", failing_save)

        response = auth_client.post(upload_url(series), {"image": image_file()})

        assert b"could not be stored" in response.content
        assert not stored(series)
        assert not default_storage.exists(calls[0])


@pytest.mark.django_db
class TestServing:
    def test_lists_show_the_thumbnail_never_the_original(self, auth_client, user):
        series = SeriesFactory(user=user)
        auth_client.post(upload_url(series), {"image": image_file()})
        series.refresh_from_db()

        content = auth_client.get(reverse("catalog:series_list")).content.decode()

        assert series.thumbnail_url in content
        assert f"{series.thumbnail_2x_url} 2x" in content
        assert 'loading="lazy"' in content
        assert 'width="160"' in content
        assert series.image.url not in content

    def test_detail_shows_the_large_rendition(self, auth_client, user):
        series = SeriesFactory(user=user)
        auth_client.post(upload_url(series), {"image": image_file()})
        series.refresh_from_db()

        content = auth_client.get(series.get_absolute_url()).content.decode()

        assert series.large_url in content

    def test_the_owner_gets_the_file_with_nosniff(self, auth_client, user):
        series = SeriesFactory(user=user)
        auth_client.post(upload_url(series), {"image": image_file()})
        series.refresh_from_db()

        response = auth_client.get(series.thumbnail_url)

        assert response.status_code == 200
        assert response["Content-Type"] == "image/webp"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "private" in response["Cache-Control"]
        assert "no-store" not in response["Cache-Control"]
        assert b"".join(response.streaming_content).startswith(b"RIFF")

    def test_another_user_gets_404_even_knowing_the_name(
        self, auth_client, client, user, other_user
    ):
        series = SeriesFactory(user=user)
        auth_client.post(upload_url(series), {"image": image_file()})
        series.refresh_from_db()
        client.force_login(other_user)

        for url in (series.image.url, series.thumbnail_url, series.large_url):
            assert client.get(url).status_code == 404

    def test_visitors_are_sent_to_login(self, client, user):
        series = SeriesFactory(user=user)
        name = posters.rendition_name(series_image_path(series, "a.png"), "thumb")

        response = client.get(f"/media/{name}")

        assert response.status_code == 302

    def test_media_directory_cannot_be_listed(self, auth_client):
        assert auth_client.get("/media/uploads/series/").status_code == 404
        assert auth_client.get("/media/").status_code == 404


@pytest.mark.django_db
class TestSeriesFormPoster:
    def test_create_with_a_poster(self, auth_client, user):
        response = auth_client.post(
            reverse("catalog:series_create"),
            {"title": "Dark", "status": "watching", "poster": image_file()},
        )

        series = Series.objects.get()
        assert response.status_code == 302
        assert len(stored(series)) == 1 + len(posters.RENDITIONS)

    def test_a_bad_poster_stores_no_series(self, auth_client, user):
        response = auth_client.post(
            reverse("catalog:series_create"),
            {
                "title": "Dark",
                "status": "watching",
                "poster": SimpleUploadedFile("x.jpg", b"not an image"),
            },
        )

        assert response.status_code == 200
        assert b"Upload a JPEG, PNG, WebP or GIF image" in response.content
        assert not Series.objects.exists()


@pytest.mark.django_db
class TestUploadLimit:
    def test_a_big_upload_is_dropped_while_it_arrives(
        self, auth_client, user, monkeypatch
    ):
        from django.core.files.uploadhandler import TemporaryFileUploadHandler

        written = []
        original = TemporaryFileUploadHandler.receive_data_chunk

        def spy(self, raw_data, start):
            written.append(len(raw_data))
            return original(self, raw_data, start)

        monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", spy)
        series = SeriesFactory(user=user)
        big = SimpleUploadedFile("big.png", b"\0" * (12 * 1024 * 1024))

        response = auth_client.post(upload_url(series), {"image": big})

        assert b"larger than 10 MB" in response.content
        assert sum(written) <= posters.MAX_BYTES
        assert not stored(series)

    def test_a_big_poster_in_the_series_form_stores_nothing(self, auth_client):
        big = SimpleUploadedFile("big.jpg", b"\0" * (11 * 1024 * 1024))

        response = auth_client.post(
            reverse("catalog:series_create"),
            {"title": "Dark", "status": "watching", "poster": big},
        )

        assert response.status_code == 200
        assert b"larger than 10 MB" in response.content
        assert not Series.objects.exists()
