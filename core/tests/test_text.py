from hypothesis import given
from hypothesis import strategies as st

from core.text import fold, fold_tokens


def test_latvian_diacritics_and_case_fold_away() -> None:
    assert fold("Jānis Bērziņš") == fold("janis berzins") == "janis berzins"
    assert fold("ĢIRTS ĶĒNIŅŠ Ļoļa Čūska Žīgurs") == "girts kenins lola cuska zigurs"


def test_cyrillic_matches_cyrillic_regardless_of_case_and_yo() -> None:
    assert fold("Ёлкин Пётр") == fold("елкин петр")
    assert fold("Сергей") != fold("Sergejs")


def test_whitespace_is_normalised() -> None:
    assert fold("  Jānis \t  Bērziņš ") == "janis berzins"
    assert fold_tokens(" Jānis  Bērziņš ") == ["janis", "berzins"]


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)
