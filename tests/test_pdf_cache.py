"""The PDF ready before the click (issue 15, point 3): documents kept by what they contain,
made in the background when the export step opens, never stale."""

from __future__ import annotations

import os
import uuid
from datetime import date, timedelta

import pytest
import redis as redis_py

from app.pdf import cache as pdf_cache
from app.pdf import ready, render
from app.pdf.cache import DiskCache, RedisCache, document_key, fingerprint
from tests.conftest import REDIS_URL, Actions, example_plan
from tests.helpers import pdf_text


@pytest.fixture
def renders(monkeypatch):
    """How many PDFs were laid out by WeasyPrint (each call of the renderer's html_to_pdf)."""
    made = []
    real = render.html_to_pdf

    def counting(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "html_to_pdf", counting)
    return made


@pytest.fixture
def prerendering(make_app):
    app = make_app(PDF_PRERENDER=True)
    actions = Actions(app.test_client())
    actions.register()
    return app, actions


def _download(user, plan_id: int, which: str = "plan") -> bytes:
    response = user.client.get(f"/plans/{plan_id}/{which}.pdf")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.data


def test_opening_the_export_step_makes_both_documents_so_the_click_finds_them(
    prerendering, renders
):
    app, ann = prerendering
    plan_id = ann.import_plan(example_plan("nl-van-dijk-installatietechniek"))
    assert ann.client.get(f"/plans/{plan_id}/steps/export").status_code == 200
    ready.settle(app)
    assert len(renders) == 2  # the plan and the card, before any click

    plan_pdf, card_pdf = _download(ann, plan_id, "plan"), _download(ann, plan_id, "card")
    assert len(renders) == 2  # both clicks were answered from what was made
    assert "Van Dijk" in pdf_text(plan_pdf)
    assert "Van Dijk" in pdf_text(card_pdf)


def test_a_second_download_of_an_unchanged_plan_is_not_made_again(ann, renders):
    plan_id = ann.import_plan(example_plan("en-northwind-retail"))
    first = _download(ann, plan_id)
    second = _download(ann, plan_id)
    assert first == second
    assert len(renders) == 1


def test_a_change_to_the_plan_is_never_answered_with_the_old_pdf(ann):
    plan_id = ann.create_plan("Alpha Logistics")
    assert "Alpha Logistics" in pdf_text(_download(ann, plan_id))
    saved = ann.save_step(plan_id, "client", {"client_name": "Beta Logistics"})
    assert saved.status_code == 200
    text = pdf_text(_download(ann, plan_id))
    assert "Beta Logistics" in text and "Alpha Logistics" not in text
    # and the card, made after the change too
    assert "Beta Logistics" in pdf_text(_download(ann, plan_id, "card"))


def test_a_change_of_language_is_a_new_document(ann):
    plan_id = ann.create_plan("Gamma BV")
    assert "Made on" in pdf_text(_download(ann, plan_id))
    ann.save_step(plan_id, "client", {"client_name": "Gamma BV", "language": "nl"})
    text = pdf_text(_download(ann, plan_id))
    assert "Gemaakt op" in text and "Made on" not in text


def test_opening_the_export_step_of_another_users_plan_makes_nothing(prerendering, renders):
    app, ann = prerendering
    plan_id = ann.import_plan(example_plan("en-northwind-retail"))
    bo = Actions(app.test_client())
    bo.register("bo@example.com")
    assert bo.client.get(f"/plans/{plan_id}/steps/export").status_code == 404
    assert bo.client.get(f"/plans/{plan_id}/plan.pdf").status_code == 404
    ready.settle(app)
    assert renders == []


# ---- the key: what a document is made from ------------------------------------------------------


def test_the_key_changes_with_everything_the_document_is_made_from():
    plan = example_plan("en-northwind-retail")
    today = date(2026, 12, 1)
    key = document_key("plan", plan, today, "v1")
    assert document_key("plan", dict(plan), today, "v1") == key  # the same plan: the same key
    assert document_key("card", plan, today, "v1") != key
    assert document_key("plan", plan, today + timedelta(days=1), "v1") != key
    assert document_key("plan", plan, today, "v2") != key
    assert document_key("plan", {**plan, "language": "nl"}, today, "v1") != key
    assert document_key("plan", {**plan, "address": {"form": "u"}}, today, "v1") != key
    changed = {**plan, "client": {**plan["client"], "name": plan["client"]["name"] + "!"}}
    assert document_key("plan", changed, today, "v1") != key


def test_the_version_changes_with_the_content(content_copy):
    before = fingerprint(str(content_copy))
    steps_file = content_copy / "en" / "steps.yaml"
    steps_file.write_text(steps_file.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
    pdf_cache.fingerprint.cache_clear()
    assert fingerprint(str(content_copy)) != before


# ---- the stores and their size bound -----------------------------------------------------------


def test_the_disk_cache_keeps_documents_and_drops_the_least_recently_used(tmp_path):
    store = DiskCache(tmp_path / "pdfs", max_bytes=10_000)
    for n in range(4):
        store.put(f"doc{n}", bytes([n]) * 3_000)
        os.utime(tmp_path / "pdfs" / f"doc{n}.pdf", (1_000 + n, 1_000 + n))
    # the fourth document passed the bound: the oldest went
    assert store.get("doc0") is None
    assert store.get("doc3") == bytes([3]) * 3_000
    total = sum(p.stat().st_size for p in (tmp_path / "pdfs").glob("*.pdf"))
    assert total <= 10_000
    assert list((tmp_path / "pdfs").glob("*.part")) == []


def test_the_disk_cache_refuses_a_document_bigger_than_its_bound(tmp_path):
    store = DiskCache(tmp_path / "pdfs", max_bytes=100)
    store.put("big", b"x" * 101)
    assert store.get("big") is None


@pytest.fixture
def redis_cache():
    client = redis_py.Redis.from_url(REDIS_URL)
    client.ping()  # the suite runs against the real Redis: no Redis is a failure
    made = RedisCache(client, max_bytes=10_000, prefix=f"exitcoach-test:{uuid.uuid4().hex}:")
    yield made
    made.clear()


def test_the_redis_cache_keeps_documents_and_drops_the_least_recently_used(redis_cache):
    for n in range(4):
        redis_cache.put(f"doc{n}", bytes([n]) * 3_000)
    assert redis_cache.get("doc0") is None
    assert redis_cache.get("doc3") == bytes([3]) * 3_000
    stored = sum(
        redis_cache.client.strlen(key)
        for key in redis_cache.client.scan_iter(match=redis_cache.prefix + "doc*")
    )
    assert stored <= 10_000


def test_a_document_read_recently_outlives_an_older_one_in_redis(redis_cache):
    redis_cache.put("a", b"a" * 4_000)
    redis_cache.put("b", b"b" * 4_000)
    assert redis_cache.get("a")  # a is used again: b is now the oldest
    redis_cache.put("c", b"c" * 4_000)
    assert redis_cache.get("a") == b"a" * 4_000
    assert redis_cache.get("b") is None


def test_downloads_use_redis_when_it_is_configured(make_app, renders):
    prefix = f"exitcoach-test:{uuid.uuid4().hex}:"
    app = make_app(REDIS_URL=REDIS_URL, REDIS_PREFIX=prefix)
    ann = Actions(app.test_client())
    ann.register()
    plan_id = ann.import_plan(example_plan("en-northwind-retail"))
    try:
        first = _download(ann, plan_id)
        # another server process on the same Redis finds it made
        other = make_app(REDIS_URL=REDIS_URL, REDIS_PREFIX=prefix)
        bo = Actions(other.test_client())
        bo.login()
        assert _download(bo, plan_id) == first
        assert len(renders) == 1
        assert isinstance(ready.cache(app), RedisCache)
    finally:
        ready.cache(app).clear()


def test_download_all_my_data_takes_the_pdfs_already_made(ann, renders):
    import io
    import zipfile

    plan_id = ann.import_plan(example_plan("en-northwind-retail"))
    made = _download(ann, plan_id)
    archive = zipfile.ZipFile(io.BytesIO(ann.client.get("/account/export.zip").data))
    pdfs = [name for name in archive.namelist() if name.endswith(".pdf")]
    assert [archive.read(name) for name in pdfs] == [made]
    assert len(renders) == 1


def test_both_stores_say_whether_they_hold_a_document(tmp_path, redis_cache):
    disk = DiskCache(tmp_path / "pdfs", max_bytes=10_000)
    for store in (disk, redis_cache):
        assert not store.has("doc")
        store.put("doc", b"%PDF-1.7")
        assert store.has("doc")
