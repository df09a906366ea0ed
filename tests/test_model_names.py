"""builder.model names its label records lazily (start-up of `builder prelabel`, issue 14):
every name it lists is there, the same object as in its own module, and listed by ``dir``."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import builder.model as model


def test_every_listed_name_is_its_modules_object() -> None:
    for name in model.__all__:
        value = getattr(model, name)
        home = importlib.import_module(getattr(value, "__module__", "builder.model"))
        if hasattr(home, name):
            assert getattr(home, name) is value, name
        assert name in dir(model), name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NoSuchRecord"):
        model.NoSuchRecord  # noqa: B018


def test_the_label_records_are_not_imported_with_the_package() -> None:
    code = "import sys, builder.model; print('builder.model.annotation' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
