"""The content store behind the build cache: what it keeps it gives back intact, and a damaged
or foreign entry is never handed out."""

from __future__ import annotations

import json
from pathlib import Path

from builder.pipeline.cache import Cache, cache_folder, cache_key


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


class DescribeCacheFolder:
    def it_is_beside_the_output_folder_unless_chosen_or_off(self, tmp_path: Path) -> None:
        out = tmp_path / "out"
        assert cache_folder(out, None, off=False) == tmp_path / ".builder-cache"
        assert cache_folder(out, tmp_path / "mine", off=False) == tmp_path / "mine"
        assert cache_folder(out, tmp_path / "mine", off=True) is None
