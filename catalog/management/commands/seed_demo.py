import io
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont, ImageOps

from catalog import versions
from catalog.models import Character, Series, Tag
from catalog.posters import attach, check_and_encode

TAGS = [
    "Drama", "Comedy", "Crime", "Sci-fi", "Fantasy", "Thriller", "Mystery",
    "Animation", "Documentary", "Romance", "Horror", "Historical", "Western",
    "Anime", "Miniseries", "Rewatch", "Comfort", "Slow burn", "Binge-worthy",
    "With friends", "Award winner", "Cancelled too soon", "Hidden gem",
    "Dark", "Feel-good",
]  # fmt: skip
FIRST = [
    "Ada", "Bram", "Cleo", "Dario", "Edda", "Farid", "Greta", "Hugo", "Iris",
    "Jonas", "Kira", "Luca", "Mira", "Nils", "Olga", "Pavel", "Quinn", "Rosa",
    "Sami", "Tove", "Ugo", "Vera", "Wim", "Xenia", "Yusuf", "Zora",
]  # fmt: skip
LAST = ["Abbott", "Berg", "Castell", "Doyle", "Eze", "Fontaine", "Grieg", "Holm"]
ADJECTIVES = [
    "Silent", "Broken", "Golden", "Last", "Hidden", "Northern", "Crimson",
    "Endless", "Quiet", "Wild", "Electric", "Distant", "Lonely", "Burning",
]  # fmt: skip
NOUNS = [
    "Harbor", "Kingdom", "Signal", "Frontier", "Orchard", "Station", "Tide",
    "Empire", "Garden", "Archive", "Horizon", "Circuit", "Lighthouse", "Valley",
]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Create (or reuse) a demo account with tags, characters and series, "
        "for trying the app and for benchmarks. Development only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", default="demo@example.com")
        parser.add_argument("--password", default="demo-pass-2026")
        parser.add_argument("--name", default="Demo")
        parser.add_argument(
            "--series",
            type=int,
            default=60,
            help="How many series the account should hold (default 60).",
        )
        parser.add_argument(
            "--posters",
            type=int,
            default=48,
            help="How many of the new series get a generated poster (default 48).",
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, email, password, name, series, posters, seed, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo is for development: set DJANGO_DEBUG=1.")
        if series < 0:
            raise CommandError("--series must be 0 or more.")
        rng = random.Random(seed)
        with transaction.atomic():
            user, created = self.get_user(email, password, name)
            tags = self.labels(Tag, user, TAGS)
            characters = self.labels(
                Character, user, [f"{f} {last}" for f in FIRST for last in LAST[:3]]
            )
            missing = series - Series.objects.for_user(user).count()
            if missing > 0:
                created = self.create_series(user, missing, tags, characters, rng)
                newest = created[len(created) - posters :] if posters > 0 else []
                for item in newest:
                    attach(item, check_and_encode(generated_poster(item, rng)))
            # The bulk inserts bypass the signals that version the catalog.
            versions.changed(user.pk)
        verb = "Created" if created else "Reused"
        total = Series.objects.for_user(user).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} the demo account: {len(tags)} tags, "
                f"{len(characters)} characters, {total} series."
            )
        )
        self.stdout.write("Sign in at http://127.0.0.1:8000/accounts/login/ with")
        self.stdout.write(f"  email:    {user.email}")
        self.stdout.write(f"  password: {password}")

    def get_user(self, email, password, name):
        User = get_user_model()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            return User.objects.create_user(email, password, name=name), True
        user.set_password(password)
        user.save(update_fields=["password"])
        return user, False

    def labels(self, model, user, names):
        existing = {label.name.casefold() for label in model.objects.for_user(user)}
        model.objects.bulk_create(
            model(user=user, name=name)
            for name in names
            if name.casefold() not in existing
        )
        return list(model.objects.for_user(user).order_by("pk"))

    def create_series(self, user, count, tags, characters, rng):
        """Bulk-create ``count`` series; labels follow a skewed spread, so a
        few are on many series and most on few."""
        statuses = [choice for choice, _ in Series.Status.choices]
        batch = [
            Series(
                user=user,
                title=f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {n + 1}",
                description="A demo series. " * rng.randint(1, 6),
                year=rng.randint(1960, 2026),
                seasons=rng.randint(1, 12),
                episodes=rng.randint(6, 200),
                status=rng.choice(statuses),
                rating=rng.choice([None, *range(1, 11)]),
            )
            for n in range(count)
        ]
        created = Series.objects.bulk_create(batch, batch_size=2000)
        tag_links, character_links = [], []
        for item in created:
            for tag in self.pick(rng, tags, rng.randint(1, 3)):
                tag_links.append(Series.tags.through(series=item, tag=tag))
            for character in self.pick(rng, characters, rng.randint(0, 3)):
                character_links.append(
                    Series.characters.through(series=item, character=character)
                )
        Series.tags.through.objects.bulk_create(tag_links, batch_size=5000)
        Series.characters.through.objects.bulk_create(character_links, batch_size=5000)
        # The bulk inserts bypass the signals that keep the counts.
        Tag.objects.for_user(user).recount_series()
        Character.objects.for_user(user).recount_series()
        return created

    @staticmethod
    def pick(rng, labels, k):
        """Pick ``k`` distinct labels, earlier ones far more often."""
        if not labels:
            return []
        weights = [1 / (rank + 1) for rank in range(len(labels))]
        chosen = {}
        while len(chosen) < min(k, len(labels)):
            label = rng.choices(labels, weights)[0]
            chosen[label.pk] = label
        return list(chosen.values())


def generated_poster(series, rng):
    """Draw a simple 2:3 poster: a two-colour gradient and the initials."""
    top = tuple(rng.randint(20, 200) for _ in range(3))
    bottom = tuple(rng.randint(20, 200) for _ in range(3))
    gradient = Image.linear_gradient("L").resize((400, 600))
    image = ImageOps.colorize(gradient, top, bottom)
    draw = ImageDraw.Draw(image)
    initials = "".join(word[0] for word in series.title.split()[:2]).upper()
    font = ImageFont.load_default(size=160)
    draw.text((200, 300), initials, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="poster.jpg")
