"""Public sign-in for people outside the government (enterprise accounts), built on
django.contrib.auth's views: sign in and out, password change and reset, and 我的.

Staff may sign in here too; their work stays in the admin (/admin/), which keeps
its own sign-in page (settings.LOGIN_URL).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_ratelimit.core import is_ratelimited

from . import selectors
from .forms import SignInForm

SIGN_IN_URL = reverse_lazy("accounts:login")


def public_login_required(view):
    """login_required that sends visitors to the public sign-in page, not the admin's."""
    return login_required(view, login_url=SIGN_IN_URL)


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = SignInForm
    next_page = reverse_lazy("accounts:me")
    # A signed-in visitor may still sign in as someone else (e.g. from "not among the targeted parties").
    redirect_authenticated_user = False


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView); then the "signed out" page, or a safe `next`."""

    next_page = reverse_lazy("accounts:logged_out")


@require_safe
def logged_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/logged_out.html")


class _PublicLoginRequiredMixin:
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return auth_views.redirect_to_login(request.get_full_path(), SIGN_IN_URL)
        return super().dispatch(request, *args, **kwargs)


class PasswordChangeView(_PublicLoginRequiredMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(_PublicLoginRequiredMixin, auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    """Sent directly, not through the outbox: the message carries a sign-in credential
    (the reset link), which must not sit in a table staff can read."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self) -> dict:  # read by PasswordResetView.form_valid
        # Links are built from SITE_URL, never from the request's Host header.
        return {"site_url": settings.SITE_URL}

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        rate = settings.ACCOUNTS_PASSWORD_RESET_RATE
        if is_ratelimited(request, group="accounts.password_reset", key="ip", rate=rate, method="POST", increment=True):
            form = self.get_form()
            form.is_valid()
            context = self.get_context_data(form=form, limited=True)
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@require_safe
@public_login_required
def me(request: HttpRequest) -> HttpResponse:
    """我的: who I am, the audiences I belong to and the documents disclosed to them."""
    user = request.user
    context = {
        "nav": "me",
        "today": timezone.localdate(),
        "audiences": list(selectors.audiences_of(user)),
        "documents": list(selectors.targeted_documents_for(user).for_listing()),
    }
    return render(request, "accounts/me.html", context)
