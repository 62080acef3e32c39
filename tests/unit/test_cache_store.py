"""The content store behind the build cache: what it keeps it gives back intact, and a damaged
or foreign entry is never handed out."""

from __future__ import annotations

import json
import os
from pathlib import Path

from builder.pipeline.cache import Cache, cache_folder, cache_key, fonts_digest


def stored(tmp_path: Path, content: bytes = b"%PDF-1.7 made") -> tuple[Cache, str, Path]:
    cache = Cache(tmp_path / "cache")
    source = tmp_path / "made.pdf"
    source.write_bytes(content)
    key = cache_key({"kind": "pdf", "source": "abc"})
    cache.store(key, source)
    entry = next(p for p in (cache.root / "files").rglob(key))
    return cache, key, entry


class DescribeCache:
    def it_gives_back_what_it_stored_and_names_it_reused(self, tmp_path: Path) -> None:
        cache, key, _ = stored(tmp_path)

        assert cache.fetch(key, tmp_path / "out" / "again.pdf")
        assert (tmp_path / "out" / "again.pdf").read_bytes() == b"%PDF-1.7 made"
        assert cache.reused == ["again.pdf"]

    def it_misses_a_key_it_never_stored(self, tmp_path: Path) -> None:
        cache, _, _ = stored(tmp_path)

        assert not cache.fetch(cache_key({"kind": "pdf", "source": "other"}), tmp_path / "x")
        assert not (tmp_path / "x").exists()

    def it_drops_an_entry_whose_bytes_changed(self, tmp_path: Path) -> None:
        cache, key, entry = stored(tmp_path)
        entry.write_bytes(b"%PDF-1.7 mad")

        assert not cache.fetch(key, tmp_path / "x")
        assert not entry.exists() and not (tmp_path / "x").exists()
        assert cache.reused == []

    def it_drops_an_entry_filed_under_another_key(self, tmp_path: Path) -> None:
        cache, key, entry = stored(tmp_path)
        sidecar = entry.with_name(entry.name + ".json")
        sidecar.write_text(json.dumps({**json.loads(sidecar.read_text()), "key": "0" * 64}))

        assert not cache.fetch(key, tmp_path / "x")

    def it_drops_an_entry_with_an_unreadable_sidecar(self, tmp_path: Path) -> None:
        cache, key, entry = stored(tmp_path)
        entry.with_name(entry.name + ".json").write_text("{not json")

        assert not cache.fetch(key, tmp_path / "x")

    def it_keys_by_every_part_of_the_description(self) -> None:
        assert cache_key({"a": 1, "b": 2}) == cache_key({"b": 2, "a": 1})
        assert cache_key({"a": 1}) != cache_key({"a": 2})


class DescribeFontsDigest:
    """LibreOffice lays text out in the fonts it finds: a converted PDF is keyed by them."""

    def it_changes_when_a_font_is_installed_or_replaced(self, tmp_path: Path) -> None:
        fonts = tmp_path / "fonts"
        (fonts / "truetype" / "liberation").mkdir(parents=True)
        (fonts / "truetype" / "liberation" / "Sans.ttf").write_bytes(b"x" * 10)
        before = fonts_digest([fonts, tmp_path / "missing"])

        assert fonts_digest([fonts]) == before
        (fonts / "truetype" / "crosextra").mkdir()
        (fonts / "truetype" / "crosextra" / "Carlito.ttf").write_bytes(b"y" * 10)
        installed = fonts_digest([fonts])
        (fonts / "truetype" / "liberation" / "Sans.ttf").write_bytes(b"x" * 11)

        assert len({before, installed, fonts_digest([fonts])}) == 3


class DescribeCacheFolder:
    def it_is_beside_the_output_folder_unless_chosen_or_off(self, tmp_path: Path) -> None:
        out = tmp_path / "out"
        assert cache_folder(out, None, off=False) == tmp_path / ".builder-cache"
        assert cache_folder(out, tmp_path / "mine", off=False) == tmp_path / "mine"
        assert cache_folder(out, tmp_path / "mine", off=True) is None


class DescribePruning:
    def it_removes_what_was_used_longest_ago_until_under_the_limit(self, tmp_path: Path
                                                                   ) -> None:
        cache = Cache(tmp_path / "cache")
        keys = []
        for n, used in enumerate((300.0, 100.0, 200.0)):  # seconds before the run opened
            source = tmp_path / f"made-{n}.pdf"
            source.write_bytes(b"x" * 1000)
            keys.append(cache_key({"kind": "pdf", "n": n}))
            cache.store(keys[-1], source)
            sidecar = next((cache.root / "files").rglob(keys[-1] + ".json"))
            os.utime(sidecar, (cache.opened - used, cache.opened - used))

        assert cache.prune(limit=1500) == 2  # the two used longest ago (1 kB and a sidecar each)
        assert [cache.fetch(k, tmp_path / "x") for k in keys] == [False, True, False]

    def it_keeps_what_this_run_used_even_over_the_limit(self, tmp_path: Path) -> None:
        cache, key, _ = stored(tmp_path)

        assert cache.fetch(key, tmp_path / "x")
        assert cache.prune(limit=0) == 0
        assert Cache(cache.root).fetch(key, tmp_path / "y")

    def it_counts_charts_and_removes_an_unsealed_one_first(self, tmp_path: Path) -> None:
        cache, key, _ = stored(tmp_path)
        cache.charts.mkdir(parents=True)
        (cache.charts / "chart-a.png").write_bytes(b"png" * 100)  # no seal: not whole
        later = Cache(cache.root)
        later.opened += 10  # a later run, with nothing used yet

        assert later.prune(limit=50) == 2
        assert not (cache.charts / "chart-a.png").exists()
        assert not later.fetch(key, tmp_path / "x")


class DescribeRememberedText:
    def it_recalls_what_it_remembered_and_nothing_altered(self, tmp_path: Path) -> None:
        cache = Cache(tmp_path / "cache")
        key = cache_key({"kind": "check: templates"})
        cache.remember(key, '["a warning"]')
        assert Cache(cache.root).recall(key) == '["a warning"]'
        entry = next(p for p in (cache.root / "files").rglob(key))
        entry.write_text('[]', encoding="utf-8")  # a passed check forged
        assert cache.recall(key) is None
        assert not entry.exists()  # dropped, so the check runs again
