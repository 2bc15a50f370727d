"""Demo data for `python manage.py load_demo`: reference data, demo policies
and the seed document (徐府发〔2023〕32号), kept as data files next to this
module so that a fresh clone needs nothing outside the repository. ``load`` is in
loader.py."""

from .accounts import ACCOUNTS, TARGET_GROUP
from .loader import load

__all__ = ["ACCOUNTS", "TARGET_GROUP", "load"]
