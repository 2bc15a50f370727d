"""Staff check people in at the door on a phone-width page; nobody else reaches it."""

from __future__ import annotations

from django.urls import reverse

from events import services
from factories import client_for


def test_staff_check_in_and_the_count_goes_up(drafter, session):
    receipt = services.registration_register(session_id=session.pk, name="赵六", phone="13700000001", party_size=2)
    staff = client_for(drafter)
    page = staff.get(reverse("events:door", args=[session.pk]), {"q": "0001"})
    html = page.content.decode()
    assert page.status_code == 200 and "赵六" in html and 'name="viewport"' in html
    assert "13700000001" not in html  # only the last four digits
    staff.post(reverse("events:door_check_in", args=[session.pk, receipt.registration.pk]))
    receipt.registration.refresh_from_db()
    assert receipt.registration.checked_in_at is not None
    assert "到场 <strong>2</strong>" in staff.get(reverse("events:door", args=[session.pk])).content.decode()


def test_the_public_and_other_organisations_cannot_reach_the_door(client, session, other_organisation):
    from factories import make_staff
    from organisations import roles

    assert client.get(reverse("events:door", args=[session.pk])).status_code == 302
    other = client_for(make_staff(roles.DRAFTER, other_organisation, "other"))
    assert other.get(reverse("events:door", args=[session.pk])).status_code == 404
