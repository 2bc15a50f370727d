"""Staff open enterprise accounts in the admin (企业账号) and put them in audiences."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError

from accounts import services
from accounts.models import EnterpriseAccount
from factories import AudienceGroupFactory, client_for, make_enterprise_user
from organisations import roles

pytestmark = pytest.mark.django_db

ADD = "/admin/accounts/enterpriseaccount/add/"
NEW_PASSWORD = "Xujing-Liaison-2024"


def add_account(client, group: Group, **extra):
    data = {
        "username": "qiye-liaison",
        "last_name": "赵",
        "first_name": "联络",
        "email": "liaison@example.com",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "groups": [group.pk],
        **extra,
    }
    return client.post(ADD, data)


def test_an_administrator_opens_an_enterprise_account_in_an_audience(administrator):
    audience = AudienceGroupFactory(name="西虹桥重点企业联络员")

    response = add_account(client_for(administrator), audience)

    assert response.status_code == 302
    account = get_user_model().objects.get(username="qiye-liaison")
    assert account.check_password(NEW_PASSWORD)
    assert (account.is_staff, account.is_superuser, account.is_active) == (False, False, True)
    assert list(account.groups.values_list("name", flat=True)) == ["西虹桥重点企业联络员"]
    assert account.email == "liaison@example.com"


def test_the_add_page_is_in_chinese_and_offers_audiences_only(administrator):
    AudienceGroupFactory(name="西虹桥重点企业联络员")

    response = client_for(administrator).get(ADD)

    assert response.status_code == 200
    text = response.content.decode()
    assert "企业账号" in text and "定向公开对象" in text and "西虹桥重点企业联络员" in text
    offered = {label for _, label in response.context["adminform"].form.fields["groups"].choices}
    assert offered == {"西虹桥重点企业联络员"}
    form_fields = set(response.context["adminform"].form.fields)
    assert not form_fields & {"is_staff", "is_superuser", "user_permissions"}


def test_an_administrator_cannot_make_the_account_staff_or_superuser(administrator):
    audience = AudienceGroupFactory()

    add_account(client_for(administrator), audience, is_staff="on", is_superuser="on")

    account = get_user_model().objects.get(username="qiye-liaison")
    assert (account.is_staff, account.is_superuser) == (False, False)


def test_an_administrator_cannot_put_the_account_in_a_role_group(administrator):
    role = Group.objects.get(name=roles.ADMINISTRATOR)

    response = add_account(client_for(administrator), role)

    assert response.status_code == 200  # the form again, with the reason
    assert response.context["adminform"].form.errors["groups"]
    assert not get_user_model().objects.filter(username="qiye-liaison").exists()


def test_a_username_taken_by_a_staff_account_is_refused_whatever_its_case(administrator):
    audience = AudienceGroupFactory()

    response = add_account(client_for(administrator), audience, username="ADMINISTRATOR")

    assert response.status_code == 200
    assert "该用户名已被使用" in response.content.decode()


def test_an_administrator_changes_the_audiences_and_deactivates_an_account(administrator):
    old, new = AudienceGroupFactory(name="旧对象"), AudienceGroupFactory(name="新对象")
    account = make_enterprise_user("qiye-a", old, email="a@example.com")
    url = f"/admin/accounts/enterpriseaccount/{account.pk}/change/"

    response = client_for(administrator).post(
        url, {"username": "qiye-a", "email": "a@example.com", "groups": [new.pk], "is_active": ""}
    )

    assert response.status_code == 302
    account.refresh_from_db()
    assert list(account.groups.values_list("name", flat=True)) == ["新对象"]
    assert account.is_active is False


def test_staff_accounts_are_not_listed_nor_editable_here(administrator, drafter):
    client = client_for(administrator)
    make_enterprise_user("qiye-a")

    listing = client.get("/admin/accounts/enterpriseaccount/")
    change = client.get(f"/admin/accounts/enterpriseaccount/{drafter.pk}/change/")
    password = client.get(f"/admin/accounts/enterpriseaccount/{drafter.pk}/password/")

    assert [a.username for a in listing.context["cl"].result_list] == ["qiye-a"]
    assert change.status_code == 302 and change["Location"] == "/admin/"  # "does not exist"
    assert password.status_code == 404


def test_an_administrator_sends_a_password_link_instead_of_typing_the_password(
    administrator, django_capture_on_commit_callbacks
):
    account = make_enterprise_user("qiye-a")
    account.email = "qiye-a@example.com"
    account.save()

    typed = client_for(administrator).post(
        f"/admin/accounts/enterpriseaccount/{account.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_for(administrator).post(
            "/admin/accounts/enterpriseaccount/", {"action": "send_password_link", "_selected_action": [account.pk]}
        )

    assert typed.status_code == 403
    account.refresh_from_db()
    assert not account.check_password(NEW_PASSWORD)
    assert [m.to for m in mail.outbox] == [["qiye-a@example.com"]]
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_a_drafter_may_not_manage_enterprise_accounts(drafter):
    assert client_for(drafter).get(ADD).status_code == 403


def test_the_service_refuses_a_role_group_and_never_saves_staff():
    account = EnterpriseAccount(username="qiye-b", is_staff=True, is_superuser=True)
    account.set_password(NEW_PASSWORD)

    with pytest.raises(ValidationError):
        services.enterprise_account_save(account=account, groups=[Group.objects.get(name=roles.DRAFTER)])

    saved = services.enterprise_account_save(account=account, groups=[AudienceGroupFactory()])
    saved.refresh_from_db()
    assert (saved.is_staff, saved.is_superuser) == (False, False)
