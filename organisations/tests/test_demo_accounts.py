"""The demo accounts of every app: one table, each staff account reachable by e-mail."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from organisations.demo import DemoAccount, all_demo_accounts, ensure_account


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_every_demo_staff_account_has_an_e_mail_address_so_notices_reach_it():
    accounts = all_demo_accounts()

    assert {"drafter", "reviewer", "signer", "manager", "admin", "enterprise"} <= {a.username for a in accounts}
    assert [a.username for a in accounts if not a.email] == []


@pytest.mark.django_db
def test_the_table_lists_every_loaded_account_with_its_password_and_sign_in_page():
    run("load_demo")

    table = run("demo_accounts", "--base-url", "http://127.0.0.1:8101")

    assert "http://127.0.0.1:8101" in table
    drafter = next(line for line in table.splitlines() if line.startswith("drafter "))
    assert "Xujing-Drafter-2023" in drafter and "/admin/" in drafter
    enterprise = next(line for line in table.splitlines() if line.startswith("enterprise "))
    assert "/accounts/login/" in enterprise


@pytest.mark.django_db
def test_the_table_says_to_load_the_demo_first_on_an_empty_database():
    assert "make demo" in run("demo_accounts")


@pytest.mark.django_db
def test_ensure_account_fills_a_missing_e_mail_but_keeps_a_changed_password():
    account = DemoAccount("someone", "Demo-Password-2023", "起草人", email="someone@xujing.example.gov.cn")
    user = get_user_model().objects.create_user("someone", password="changed-by-hand-2026", is_staff=True)

    ensure_account(account)

    user.refresh_from_db()
    assert user.email == "someone@xujing.example.gov.cn"
    assert user.check_password("changed-by-hand-2026")


@pytest.mark.django_db
def test_a_user_shown_as_text_anywhere_is_named_family_name_first():
    user = get_user_model().objects.create_user("drafter-wang", first_name="起草", last_name="王")
    nameless = get_user_model().objects.create_user("no-name")

    assert str(user) == "王起草"
    assert str(nameless) == "no-name"
