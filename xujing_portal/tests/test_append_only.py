"""Event logs are append-only (xujing_portal.append_only), shown on the document workflow's
record (DocumentTransition): a row is added, never changed or removed through the ORM."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from documents.models import DocumentTransition, PolicyDocument, Status
from factories import PolicyDocumentFactory
from xujing_portal.append_only import AppendOnlyError

pytestmark = pytest.mark.django_db


@pytest.fixture
def transition() -> DocumentTransition:
    return DocumentTransition.objects.create(
        document=PolicyDocumentFactory(),
        from_status=Status.DRAFT,
        to_status=Status.PENDING_REVIEW,
        action=DocumentTransition.Action.SUBMIT,
    )


def test_a_row_is_added(transition):
    assert DocumentTransition.objects.filter(pk=transition.pk).exists()


def test_a_row_is_not_changed(transition):
    transition.comment = "改写历史"

    with pytest.raises(AppendOnlyError, match="流转记录只能追加，不能修改"):
        transition.save()

    assert DocumentTransition.objects.get(pk=transition.pk).comment == ""


def test_a_row_is_not_deleted(transition):
    with pytest.raises(AppendOnlyError, match="流转记录只能追加，不能删除"):
        transition.delete()

    assert DocumentTransition.objects.filter(pk=transition.pk).exists()


def test_rows_are_not_updated_in_bulk(transition):
    with pytest.raises(AppendOnlyError):
        DocumentTransition.objects.filter(pk=transition.pk).update(comment="改写历史")
    with pytest.raises(AppendOnlyError):
        transition.document.transitions.update(comment="改写历史")
    transition.comment = "改写历史"
    with pytest.raises(AppendOnlyError):
        DocumentTransition.objects.bulk_update([transition], ["comment"])

    assert DocumentTransition.objects.get(pk=transition.pk).comment == ""


def test_rows_are_not_deleted_in_bulk(transition):
    with pytest.raises(AppendOnlyError):
        DocumentTransition.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        transition.document.transitions.all().delete()

    assert DocumentTransition.objects.filter(pk=transition.pk).exists()


def test_the_refusal_is_a_validation_error_as_before(transition):
    with pytest.raises(ValidationError):
        transition.delete()


def test_deleting_the_document_removes_its_record_with_it(transition):
    PolicyDocument.objects.filter(pk=transition.document_id).delete()

    assert not DocumentTransition.objects.filter(pk=transition.pk).exists()


@pytest.mark.parametrize(
    "log",
    ["documents.DocumentTransition", "deadlines.DeadlineEvent", "consultations.MessageEvent",
     "decisions.StageChange", "workdays.CalendarChange", "applications.ApplicationEvent"],
)  # fmt: skip
def test_every_event_log_is_append_only(log):
    from django.apps import apps

    from xujing_portal.append_only import AppendOnlyModel

    assert issubclass(apps.get_model(log), AppendOnlyModel)
