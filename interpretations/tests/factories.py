from __future__ import annotations

import datetime as dt
import io

import factory
from django.utils import timezone
from PIL import Image

from documents.tests.factories import PolicyDocumentFactory
from interpretations.models import Form, Interpretation, Status


class InterpretationFactory(factory.django.DjangoModelFactory):
    """A drafted text interpretation. Use `published=True` for one published with its document."""

    class Meta:
        model = Interpretation

    class Params:
        published = factory.Trait(
            status=Status.PUBLISHED,
            published_at=factory.LazyAttribute(
                lambda o: o.document.published_at or timezone.now() - dt.timedelta(days=1)
            ),
        )

    document = factory.SubFactory(PolicyDocumentFactory)
    organisation = factory.LazyAttribute(lambda o: o.document.organisation)
    title = factory.Sequence(lambda n: f"政策解读（第{n}号）")
    form = Form.TEXT
    summary = "讲清楚这份文件管什么、怎么办。"
    how_to_apply = "<p>带上身份证，到镇社区事务受理服务中心窗口办理。</p>"


def png_bytes(size: tuple[int, int] = (40, 20), fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#9e1b1b").save(buffer, format=fmt)
    return buffer.getvalue()


MP4_HEADER = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM_HEADER = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 64
