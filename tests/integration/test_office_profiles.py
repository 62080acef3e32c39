"""Kept LibreOffice profiles and instances started early, with the real LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from builder.assemble import office
from builder.assemble.convert import LibreOffice
from builder.assemble.office import READY_MARK, Instance, find_soffice

pytestmark = pytest.mark.libreoffice


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "builder"


def started(instance: Instance) -> Instance:
    instance.start()
    instance.wait_ready()
    return instance


def word(path: Path) -> Path:
    doc = Document()
    doc.core_properties.title = "Early"
    doc.add_paragraph("Converted by an instance started early")
    doc.save(str(path))
    return path


class DescribeKeptProfiles:
    def it_gives_two_instances_of_one_run_a_slot_each_and_frees_them(self, cache: Path) -> None:
        soffice = find_soffice()
        one, two = started(Instance(soffice, 60)), started(Instance(soffice, 60))
        try:
            assert [one.profile_url, two.profile_url] == [
                (cache / "lo-profile-0").as_uri(), (cache / "lo-profile-1").as_uri()]
            assert not one.reused
            assert (cache / "lo-profile-0" / READY_MARK).is_file()
        finally:
            one.stop()
            two.stop()
        again = Instance(soffice, 60)
        try:
            assert again.profile_url == (cache / "lo-profile-0").as_uri()
            assert again.reused
            started(again)
        finally:
            again.stop()

    def it_builds_a_new_profile_when_libreoffice_will_not_start_with_the_kept_one(
            self, cache: Path) -> None:
        profile = cache / "lo-profile-0"
        profile.mkdir(parents=True)
        (profile / READY_MARK).touch()
        (profile / "user").write_text("not a folder")  # LibreOffice stops at once with this
        instance = Instance(find_soffice(), 60)
        try:
            assert instance.reused
            started(instance)
            assert (profile / "user").is_dir()
        finally:
            instance.stop()

    def it_removes_a_profile_whose_first_start_never_finished(self, cache: Path) -> None:
        profile = cache / "lo-profile-0"
        profile.mkdir(parents=True)
        (profile / "half-written").write_text("")
        instance = Instance(find_soffice(), 60)
        try:
            assert not instance.reused
            started(instance)
            assert not (profile / "half-written").exists()
        finally:
            instance.stop()


class DescribeStartEarly:
    def it_hands_the_instances_to_the_next_session(self, tmp_path: Path) -> None:
        office.start_early(2)
        early = list(office._EARLY)
        assert len(early) == 2
        with LibreOffice(timeout=60, instances=2) as session:
            assert session.instances == early
            assert office._EARLY == []
            pdf = session.convert([word(tmp_path / "early.docx")], tmp_path / "pdf")
        assert pdf[tmp_path / "early.docx"].read_bytes().startswith(b"%PDF-")
        assert all(i.process is None for i in early)
