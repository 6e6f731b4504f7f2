"""Re-encode images stored before uploads were cleaned: drop their metadata and uploaded names.

Run once after upgrading (``python manage.py scrub_attachments``); running it again changes nothing,
because an image without metadata and with a neutral name is left alone.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.management.base import BaseCommand
from django.db import transaction

from apps.core.models import Attachment
from apps.core.uploads import INLINE_TYPES, clean_image, has_metadata


class Command(BaseCommand):
    help = "Strip metadata (EXIF, GPS, XMP, comments) and uploaded names from stored image attachments."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count what would change")

    def handle(self, *args, dry_run=False, **options):
        changed = skipped = failed = 0
        for att in Attachment.objects.filter(mime_type__in=INLINE_TYPES).iterator(chunk_size=200):
            try:
                with att.file.open("rb") as handle:
                    data = handle.read()
            except (FileNotFoundError, OSError):
                failed += 1
                self.stderr.write(f"missing file for attachment {att.pk}")
                continue
            upload = File(ContentFile(data), name=att.file.name)
            neutral = att.original_name == f"photo.{att.file.name.rsplit('.', 1)[-1]}"
            try:
                if neutral and not has_metadata(upload):
                    skipped += 1
                    continue
                if dry_run:
                    changed += 1
                    continue
                image = clean_image(upload)
            except ValidationError as exc:
                failed += 1
                self.stderr.write(f"attachment {att.pk}: {' '.join(exc.messages)}")
                continue
            old_file, old_thumb = att.file.name, att.thumbnail.name
            with transaction.atomic():
                att.file.save(f"file.{image.ext}", ContentFile(image.content), save=False)
                att.thumbnail.save("thumb.jpg", ContentFile(image.thumbnail), save=False)
                att.original_name = f"photo.{image.ext}"
                att.mime_type = image.mime
                att.size = len(image.content)
                att.save(update_fields=["file", "thumbnail", "original_name", "mime_type", "size"])
            storage = att.file.storage
            for name in (old_file, old_thumb):
                if name and name not in (att.file.name, att.thumbnail.name):
                    storage.delete(name)
            changed += 1
        verb = "would clean" if dry_run else "cleaned"
        self.stdout.write(f"{verb} {changed}, already clean {skipped}, failed {failed}")
