"""The version tokens of core.concurrency (issue 28, finding 5)."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.test import override_settings

from core.concurrency import (
    StaleEditError,
    VersionedForm,
    changed_since,
    check_version,
    version_of,
)


def test_a_token_names_the_fields_that_changed_and_hides_the_values() -> None:
    loaded = {"phone": "20000000", "address": "Rīga", "languages": ["lv", "ru"]}
    token = version_of(loaded)
    assert "20000000" not in token
    assert "Rīga" not in token
    assert changed_since(token, loaded) == []
    assert changed_since(token, {**loaded, "phone": "29999999"}) == ["phone"]
    assert changed_since("0" * 12, loaded) == sorted(loaded)  # another shape: all of them
    with override_settings(SECRET_KEY="another-key-of-this-test-that-is-long-enough-1234"):
        assert version_of(loaded) != token  # keyed: not guessable from the values


def test_check_version_without_a_token_checks_nothing() -> None:
    check_version(None, {"phone": "1"})
    check_version("", {"phone": "1"})


class _Form(VersionedForm):
    title = forms.CharField(label="Title")
    tags = forms.MultipleChoiceField(label="Tags", choices=[("a", "A"), ("b", "B")])
    urgent = forms.BooleanField(label="Urgent", required=False)


def test_a_refused_form_takes_what_the_user_left_and_marks_what_both_changed() -> None:
    """The user changed the title; someone else changed the title, the tags and urgency.
    The form keeps the user's title (marked), takes the other tags and urgency, shows all
    three values, and carries the new token."""
    loaded = {"title": "Old", "tags": ["a"], "urgent": False}
    data = QueryDict(mutable=True)
    data.update({"title": "Mine", "version": version_of(loaded)})
    data.setlist("tags", ["a"])
    form = _Form(data)
    assert form.is_valid()
    current = {"title": "Theirs", "tags": ["a", "b"], "urgent": True}
    changed = changed_since(version_of(loaded), current)
    form.show_stale(StaleEditError(current=current, changed=changed))
    assert form.stale
    assert form.conflicts == {"title": "Theirs", "tags": "A, B", "urgent": "Jā"}
    assert form["title"].value() == "Mine"
    assert form.errors["title"]
    assert form["tags"].value() == ["a", "b"]
    assert "tags" not in form.errors
    assert form["urgent"].value() is True
    assert version_of(current) in form.version_input()
    assert "Title, Tags, Urgent" in form.non_field_errors()[0]  # in Latvian, the default
