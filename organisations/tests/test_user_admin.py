"""The user admin as a matrix: each role × each user-admin action × a target of each role.

Administrators manage staff, not the people above them: no one but a superuser makes a
superuser, changes one, hands out permissions they do not hold or types another
account's password (they send a link instead)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail

from factories import UserFactory, client_for, make_staff
from organisations import roles

pytestmark = pytest.mark.django_db

User = get_user_model()
REQUESTERS = ["drafter", "reviewer", "signer", "administrator", "superuser"]
TARGETS = ["drafter", "administrator", "superuser", "enterprise"]
PASSWORD = "test-password-123"


@pytest.fixture
def people(organisation):
    made = {
        "drafter": make_staff(roles.DRAFTER, organisation, "p-drafter"),
        "reviewer": make_staff(roles.REVIEWER, organisation, "p-reviewer"),
        "signer": make_staff(roles.SIGNER, organisation, "p-signer"),
        "administrator": make_staff(roles.ADMINISTRATOR, organisation, "p-admin"),
        "superuser": UserFactory(username="p-root", is_staff=True, is_superuser=True, email="root@xujing.example"),
        "enterprise": UserFactory(username="p-enterprise", email="ent@example.com"),
    }
    for user in made.values():
        user.email = user.email or f"{user.username}@xujing.example"
        user.save()
    # Targets are other accounts of the same kind, so nobody edits themselves here.
    targets = {
        "drafter": make_staff(roles.DRAFTER, organisation, "t-drafter"),
        "administrator": make_staff(roles.ADMINISTRATOR, organisation, "t-admin"),
        "superuser": UserFactory(username="t-root", is_staff=True, is_superuser=True),
        "enterprise": UserFactory(username="t-enterprise"),
    }
    return made, targets


def change_url(user) -> str:
    return f"/admin/auth/user/{user.pk}/change/"


def form_data(user, **overrides) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "date_joined_0": user.date_joined.date().isoformat(),
        "date_joined_1": user.date_joined.time().strftime("%H:%M:%S"),
    }
    if user.is_staff:
        data["is_staff"] = "on"
    if user.is_superuser:
        data["is_superuser"] = "on"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def may_manage(requester: str, target: str) -> bool:
    if requester == "superuser":
        return True
    return requester == "administrator" and target in {"drafter", "administrator", "enterprise"}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("requester", REQUESTERS)
def test_only_those_who_may_manage_an_account_can_save_changes_to_it(people, requester, target):
    made, targets = people
    victim = targets[target]

    response = client_for(made[requester]).post(change_url(victim), form_data(victim, first_name="改过"))

    victim.refresh_from_db()
    if may_manage(requester, target):
        assert response.status_code == 302, response.content.decode()[:2000]
        assert victim.first_name == "改过"
    else:
        assert response.status_code == 403
        assert victim.first_name != "改过"


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("requester", REQUESTERS)
def test_no_one_but_a_superuser_can_make_an_account_superuser(people, requester, target):
    made, targets = people
    victim = targets[target]

    client_for(made[requester]).post(change_url(victim), form_data(victim, is_superuser="on"))

    victim.refresh_from_db()
    assert victim.is_superuser == (requester == "superuser" or target == "superuser")


@pytest.mark.parametrize("requester", REQUESTERS)
def test_no_one_but_a_superuser_can_make_themselves_superuser(people, requester):
    made, _ = people
    me = made[requester]

    client_for(me).post(change_url(me), form_data(me, is_superuser="on"))

    me.refresh_from_db()
    assert me.is_superuser == (requester == "superuser")


@pytest.mark.parametrize("requester", ["administrator", "superuser"])
def test_an_administrator_keeps_the_roles_it_cannot_grant_when_it_saves_an_account(people, requester):
    made, targets = people
    victim = targets["drafter"]

    client_for(made[requester]).post(change_url(victim), form_data(victim, last_name="改"))

    assert list(victim.groups.values_list("name", flat=True)) == [roles.DRAFTER]


def test_an_administrator_cannot_redirect_the_password_link_of_a_more_capable_account(people):
    made, targets = people
    victim = targets["drafter"]  # a drafter may draft documents, which an administrator may not
    victim.email = "drafter-owner@xujing.example"
    victim.save()

    client_for(made["administrator"]).post(change_url(victim), form_data(victim, email="attacker@example.com"))

    victim.refresh_from_db()
    assert victim.email == "drafter-owner@xujing.example"


@pytest.mark.parametrize("requester", ["administrator", "superuser"])
def test_an_administrator_cannot_hand_out_a_group_with_permissions_it_does_not_hold(people, requester):
    made, targets = people
    mighty = Group.objects.create(name="全能组")
    mighty.permissions.add(Permission.objects.get(codename="delete_user"))
    victim = targets["drafter"]

    response = client_for(made[requester]).post(
        change_url(victim), form_data(victim, groups=[*form_data(victim)["groups"], str(mighty.pk)])
    )

    granted = victim.groups.filter(pk=mighty.pk).exists()
    also_drafter = client_for(made[requester]).post(
        change_url(targets["administrator"]),
        form_data(targets["administrator"], groups=[str(Group.objects.get(name=roles.DRAFTER).pk)]),
    )
    made_drafter = targets["administrator"].groups.filter(name=roles.DRAFTER).exists()
    assert made_drafter == (requester == "superuser"), also_drafter.status_code
    if requester == "superuser":
        assert granted and response.status_code == 302
    else:
        assert not granted
        assert response.status_code == 200  # the form says the choice is not available


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("requester", REQUESTERS)
def test_no_one_but_a_superuser_types_another_accounts_password(people, requester, target):
    made, targets = people
    victim = targets[target]
    url = f"/admin/auth/user/{victim.pk}/password/"

    opened = client_for(made[requester]).get(url)
    client_for(made[requester]).post(url, {"password1": "Brand-New-Pass-2026", "password2": "Brand-New-Pass-2026"})

    victim.refresh_from_db()
    if requester == "superuser":
        assert opened.status_code == 200
        assert victim.check_password("Brand-New-Pass-2026")
    else:
        assert opened.status_code == 403
        assert victim.check_password(PASSWORD)


def test_the_owner_may_change_their_own_password_in_the_admin(people):
    made, _ = people
    me = made["administrator"]

    response = client_for(me).get(f"/admin/auth/user/{me.pk}/password/")

    assert response.status_code == 200


@pytest.mark.parametrize("target", TARGETS)
def test_an_administrator_sends_a_password_link_instead_to_accounts_it_manages(
    people, target, django_capture_on_commit_callbacks
):
    made, targets = people
    victim = targets[target]
    victim.email = "owner@xujing.example"
    victim.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(made["administrator"]).post(
            "/admin/auth/user/", {"action": "send_password_link", "_selected_action": [victim.pk]}, follow=True
        )

    sent = [m for m in mail.outbox if m.to == ["owner@xujing.example"]]
    if may_manage("administrator", target):
        assert len(sent) == 1 and "/accounts/password/reset/" in sent[0].body
    else:
        assert sent == []
        assert "未发送" in response.content.decode()
    victim.refresh_from_db()
    assert victim.check_password(PASSWORD)


@pytest.mark.parametrize("requester", REQUESTERS)
def test_a_new_account_made_by_an_administrator_is_never_superuser_and_its_owner_sets_the_password(
    people, requester, django_capture_on_commit_callbacks
):
    made, _ = people
    data = {
        "username": "new-staff",
        "last_name": "周",
        "first_name": "新",
        "email": "new-staff@xujing.example",
        "is_staff": "on",
        "is_superuser": "on",
        "password1": "Typed-By-Admin-2026",
        "password2": "Typed-By-Admin-2026",
        "usable_password": "true",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(made[requester]).post("/admin/auth/user/add/", data)

    created = User.objects.filter(username="new-staff").first()
    if requester not in {"administrator", "superuser"}:
        assert response.status_code == 403 and created is None
        return
    assert created is not None, response.content.decode()[:3000]
    assert not created.is_superuser
    if requester == "administrator":
        assert not created.has_usable_password()
        assert [m.to for m in mail.outbox] == [["new-staff@xujing.example"]]
        assert "/accounts/password/reset/" in mail.outbox[0].body


@pytest.mark.parametrize("requester", ["administrator"])
def test_an_administrator_cannot_delete_accounts(people, requester):
    made, targets = people

    response = client_for(made[requester]).post(f"/admin/auth/user/{targets['drafter'].pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert User.objects.filter(pk=targets["drafter"].pk).exists()


def test_an_administrator_cannot_type_an_enterprise_accounts_password_either(people):
    made, targets = people
    victim = targets["enterprise"]
    url = f"/admin/accounts/enterpriseaccount/{victim.pk}/password/"

    response = client_for(made["administrator"]).post(
        url, {"password1": "Brand-New-Pass-2026", "password2": "Brand-New-Pass-2026"}
    )

    victim.refresh_from_db()
    assert response.status_code == 403
    assert victim.check_password(PASSWORD)
