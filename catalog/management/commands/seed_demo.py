from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Create (or reuse) a demo account for trying the app. Development only."

    def add_arguments(self, parser):
        parser.add_argument("--email", default="demo@example.com")
        parser.add_argument("--password", default="demo-pass-2026")
        parser.add_argument("--name", default="Demo")

    def handle(self, *args, email, password, name, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo is for development: set DJANGO_DEBUG=1.")
        User = get_user_model()
        with transaction.atomic():
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email, password=password, name=name
                )
                verb = "Created"
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
                verb = "Reused"
        self.stdout.write(self.style.SUCCESS(f"{verb} the demo account."))
        self.stdout.write("Sign in at http://127.0.0.1:8000/accounts/login/ with")
        self.stdout.write(f"  email:    {user.email}")
        self.stdout.write(f"  password: {password}")
