"""Make the PDF of an issued pack version (or of every version still waiting or failed): the job the Celery task
runs, for a worker that was down when the version was issued. A version already made is never made again."""

from django.core.management.base import BaseCommand, CommandError

from briefings.models import PackVersion, RenderState
from briefings.tasks import render_pack_version


class Command(BaseCommand):
    help = "Render issued pack versions that are waiting or failed (--version-id N for one)."

    def add_arguments(self, parser):
        parser.add_argument("--version-id", type=int, metavar="N", help="Only the pack version with this id")

    def handle(self, *args, **options):
        versions = PackVersion.objects.exclude(render_state=RenderState.READY).order_by("pk")
        if options.get("version_id") is not None:
            versions = PackVersion.objects.filter(pk=options["version_id"])
            if not versions.exists():
                raise CommandError(f"There is no pack version {options['version_id']}")
        failed = 0
        for pk in versions.values_list("pk", flat=True):
            state = render_pack_version(pk)
            failed += state == RenderState.FAILED
            self.stdout.write(f"Pack version {pk}: {state}")
        if failed:
            raise CommandError(f"{failed} pack version{'s' if failed != 1 else ''} could not be rendered")
