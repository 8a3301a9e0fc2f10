import logging

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from . import posters

logger = logging.getLogger(__name__)


class PosterSizeLimitUploadHandler(FileUploadHandler):
    """
    Skip an uploaded file as soon as it passes the poster limit: the rest of
    it is read and thrown away, never written to disk, and the field's name
    goes into ``request.skipped_uploads`` so that the form can say why.
    """

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > posters.MAX_BYTES:
            skipped = getattr(self.request, "skipped_uploads", set())
            skipped.add(self.field_name)
            self.request.skipped_uploads = skipped
            logger.warning("Skipped an upload over %s bytes.", posters.MAX_BYTES)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
