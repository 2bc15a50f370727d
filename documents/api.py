from __future__ import annotations

from rest_framework import viewsets

from .models import PolicyDocument


class PolicyDocumentViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = PolicyDocument.objects.none()
