"""The log scanner of conftest.py really sees log records (issue 6: no personal data in logs)."""

import logging

import conftest


def test_the_log_scanner_catches_a_name_and_a_personal_code() -> None:
    before = len(conftest._LOG_SCANNER.leaks)
    logging.getLogger("tilts.selftest").warning("client %s", "Jānis Bērziņš")
    logging.getLogger("django.request").error("code 010180-12347")
    caught = conftest._LOG_SCANNER.leaks[before:]
    del conftest._LOG_SCANNER.leaks[before:]  # planted on purpose: do not fail the run
    assert len(caught) == 2
