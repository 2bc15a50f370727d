"""The trail of an application is append-only: no step is changed or removed."""

from __future__ import annotations

import pytest

from applications.models import ApplicationEvent
from xujing_portal.append_only import AppendOnlyError

pytestmark = pytest.mark.django_db


def test_a_step_of_the_trail_cannot_be_changed_or_removed(new_application):
    application = new_application().application
    event = application.events.first()

    event.comment = "改写"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        ApplicationEvent.objects.filter(application=application).update(comment="改写")
    with pytest.raises(AppendOnlyError):
        ApplicationEvent.objects.filter(application=application).delete()

    assert application.events.filter(comment="改写").count() == 0


def test_new_steps_are_added(new_application):
    application = new_application().application

    ApplicationEvent.objects.create(
        application=application, action=ApplicationEvent.Action.MESSAGE, comment="请补充文号"
    )

    assert application.events.count() == 3
