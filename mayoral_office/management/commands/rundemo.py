"""`make run`'s server: Django's runserver, then the demo logins, printed last and alone once the server listens."""

from django.core.management.commands.runserver import Command as RunServerCommand

from mayoral_office import demo


class Command(RunServerCommand):
    help = "Serve the demo (as runserver does) and print the demo logins once the server is listening."

    def on_bind(self, server_port):
        super().on_bind(server_port)
        url = f"http://{self.addr}:{server_port}/"
        rows = demo.logins()
        if not rows:
            self.stdout.write(self.style.WARNING("No demo logins yet: run `make seed` (manage.py seed_demo) first."))
            return
        width = max(len(email) for email, _, _ in rows)
        self.stdout.write("")
        self.stdout.write(f"Emails the demo sends are kept in the outbox, not sent: {url}outbox/")
        self.stdout.write("(sign in as the Head of Mayor's Office to read them).")
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Open {url} and sign in with a demo login (password for all: {demo.DEMO_PASSWORD}):")
        )
        for email, name, role in rows:
            self.stdout.write(f"  {email.ljust(width)}  {name} — {role}")
