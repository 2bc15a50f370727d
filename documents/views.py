from __future__ import annotations

from django.http import HttpResponse


def _stub(request, *args, **kwargs):
    return HttpResponse("todo")


home = document_list = normative_list = document_detail = attachment_download = _stub
catalogue = catalogue_item = organisation = completeness_report = historical_review = _stub
bad_request = permission_denied = page_not_found = server_error = _stub
