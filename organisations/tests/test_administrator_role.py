from __future__ import annotations

import pytest

from factories import client_for


@pytest.mark.parametrize(
    "path",
    ["/admin/workdays/calendarentry/", "/admin/workdays/calendaryear/", "/admin/deadlines/deadline/"],
)
def test_the_administrator_manages_the_calendar_and_sees_deadlines(administrator, path):
    response = client_for(administrator).get(path)

    assert response.status_code == 200


def test_a_drafter_cannot_edit_the_calendar(drafter):
    response = client_for(drafter).get("/admin/workdays/calendarentry/")

    assert response.status_code == 403
