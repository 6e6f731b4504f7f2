from celery import shared_task


@shared_task(name="archive.build_export")
def build_export(export_id):
    from .services import export_build

    export_build(export_id=export_id)


@shared_task(name="archive.cleanup_exports")
def cleanup_exports():
    from .services import exports_cleanup

    return exports_cleanup()


@shared_task(name="archive.requeue_exports")
def requeue_exports():
    from .services import exports_requeue_stale

    return exports_requeue_stale()
