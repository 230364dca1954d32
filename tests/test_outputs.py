"""generator.outputs: what every command checks before it writes, and its all-or-nothing writing.

The commands' use of it (every command refuses an output it cannot write, and changes nothing) is fuzzed in
test_fuzz.py; here are the rules themselves, with failures injected where the operating system would raise
them (a full disk at the k-th file)."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import tree_hashes
from generator.outputs import NAME_MAX, cannot_replace, fill_folder, unwritable, write_all
from generator.problems import os_reason

NAMES = st.text(alphabet="abcxyz-_.0123456789é ", min_size=1, max_size=12).filter(lambda n: n not in (".", ".."))
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def test_worked_examples(tmp_path):
    (tmp_path / "berkas.txt").write_text("x", encoding="utf-8")
    (tmp_path / "folder.xlsx").mkdir()
    assert unwritable(tmp_path / "baru" / "situs", folder=True) is None
    assert unwritable(tmp_path / "buku.xlsx", folder=False) is None
    assert unwritable(tmp_path / "folder.xlsx", folder=False) == "adalah folder; yang diharapkan nama berkas"
    assert unwritable(tmp_path / "berkas.txt", folder=True) == "adalah berkas, bukan folder"
    assert unwritable(tmp_path / "berkas.txt" / "a" / "b", folder=True) == \
        f"tidak dapat dibuat: '{tmp_path / 'berkas.txt'}' adalah berkas, bukan folder"
    assert unwritable(tmp_path / ("a" * 256), folder=True).startswith("memuat nama yang terlalu panjang ('aaaa")
    assert unwritable(tmp_path / ("é" * 128), folder=True) is not None  # 256 bytes in UTF-8: one too many
    assert unwritable(tmp_path / ("é" * 127), folder=True) is None
    (tmp_path / "tautan").symlink_to(tmp_path / "folder.xlsx")
    assert unwritable(tmp_path / "tautan", folder=True).startswith("adalah tautan simbolik")


def test_the_systems_refusals_are_named_in_bahasa():
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "ruang disk penuh"
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "izin ditolak"
    assert os_reason(OSError(errno.ENOTDIR, "Not a directory")) == "salah satu bagian jalurnya adalah berkas, bukan folder"
    assert os_reason(OSError(errno.EPIPE, "Broken pipe")) == "ditolak sistem operasi (EPIPE)"  # no English words
    assert os_reason(OSError(-2, "Name or service not known")) == "ditolak sistem operasi (OSError)"


def test_a_folder_replaced_whole_is_never_the_working_folder_or_above_it(tmp_path, monkeypatch):
    (tmp_path / "kerja" / "dalam").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "kerja" / "dalam")
    for out in (Path("."), Path(".."), tmp_path, tmp_path / "kerja" / "dalam" / ".." / "dalam"):
        assert cannot_replace(out) == "adalah folder kerja saat ini atau folder di atasnya; pilih folder lain", out
    assert cannot_replace(Path("baru")) is None and cannot_replace(tmp_path / "lain") is None
    (tmp_path / "tautan").symlink_to(tmp_path / "kerja")  # a link on the way is followed, not refused
    assert cannot_replace(tmp_path / "tautan" / "keluaran") is None


@SETTINGS
@given(parts=st.lists(NAMES, min_size=1, max_size=4), cut=st.integers(0, 3), folder=st.booleans())
def test_a_file_anywhere_on_the_way_is_named(tmp_path_factory, parts, cut, folder):
    """Whatever the path, when one of the names on its way is an existing file, the answer names that file;
    and the check itself creates nothing."""
    base = tmp_path_factory.mktemp("jalan")
    cut = min(cut, len(parts) - 1)
    blocker = base.joinpath(*parts[:cut + 1])
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("milik pengguna", encoding="utf-8")
    target = base.joinpath(*parts, "keluaran")
    before = tree_hashes(base)
    reason = unwritable(target, folder=folder)
    assert reason == f"tidak dapat dibuat: '{blocker}' adalah berkas, bukan folder"
    assert tree_hashes(base) == before and sorted(p.name for p in base.rglob("*")) == sorted(parts[:cut + 1])


@SETTINGS
@given(name=st.text(alphabet="aé文-", min_size=1, max_size=300))
def test_a_name_is_refused_exactly_when_it_is_longer_than_the_file_system_allows(tmp_path_factory, name):
    base = tmp_path_factory.mktemp("nama")
    too_long = len(name.encode("utf-8")) > NAME_MAX
    assert (unwritable(base / name, folder=True) is not None) == too_long
    if not too_long:  # and what it accepts, the file system takes
        (base / name).mkdir()


@SETTINGS
@given(contents=st.lists(st.binary(max_size=40), min_size=1, max_size=6), existing=st.lists(st.booleans(), min_size=6,
       max_size=6), fail_at=st.integers(0, 6))
def test_write_all_writes_every_file_or_none(tmp_path_factory, monkeypatch, contents, existing, fail_at):
    """A full disk at the k-th file: every file that was there is as it was, no file that was not is there,
    no partial file is left, and the error names the file being written (not its temporary name)."""
    base = tmp_path_factory.mktemp("tulis")
    files = {base / f"berkas-{n}.csv": data for n, data in enumerate(contents)}
    for n, path in enumerate(files):
        if existing[n]:
            path.write_bytes(b"lama " + str(n).encode())
    before = tree_hashes(base)
    real, calls = os.fdopen, []

    def full_disk(fd, *args, **kwargs):
        handle = real(fd, *args, **kwargs)
        calls.append(fd)
        if len(calls) > fail_at:  # as write() fails on a full disk: no file named
            handle.close()
            raise OSError(errno.ENOSPC, "No space left on device")
        return handle

    with monkeypatch.context() as m:
        m.setattr(os, "fdopen", full_disk)
        if fail_at < len(files):
            with pytest.raises(OSError) as raised:
                write_all(files)
            assert raised.value.errno == errno.ENOSPC and raised.value.filename == str(list(files)[fail_at])
        else:
            write_all(files)
    if fail_at < len(files):
        assert tree_hashes(base) == before
    else:
        assert {p: p.read_bytes() for p in files} == files
    assert not list(base.glob("*.sementara"))


def test_write_all_follows_no_link_and_keeps_a_files_permissions(tmp_path):
    """A file or link that happens to have a temporary-looking name is never written through; a replaced file
    keeps its permissions, a new one gets the usual ones."""
    precious = tmp_path / "berharga.txt"
    precious.write_text("milik pengguna", encoding="utf-8")
    (tmp_path / "isi.xlsx.sementara").symlink_to(precious)
    (tmp_path / "lama.csv").write_text("a\n", encoding="utf-8")
    (tmp_path / "lama.csv").chmod(0o640)
    write_all({tmp_path / "isi.xlsx": b"buku", tmp_path / "lama.csv": b"b\n", tmp_path / "baru.csv": b"c\n"})
    assert precious.read_text(encoding="utf-8") == "milik pengguna" and (tmp_path / "isi.xlsx").read_bytes() == b"buku"
    assert not (tmp_path / "isi.xlsx").is_symlink()
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "lama.csv").stat().st_mode & 0o7777 == 0o640
    assert (tmp_path / "baru.csv").stat().st_mode & 0o7777 == 0o666 & ~umask


@SETTINGS
@given(fail_at=st.integers(0, 4), had=st.booleans(), named=st.booleans())
def test_fill_folder_replaces_the_folder_whole_or_not_at_all(tmp_path_factory, fail_at, had, named):
    """`make` fails after k files: the folder is as it was (or still absent), and nothing else is left beside it;
    when `make` succeeds the folder holds exactly what it wrote, with a folder's usual permissions."""
    base = tmp_path_factory.mktemp("isi")
    out = base / "keluaran"
    if had:
        (out / "lama").mkdir(parents=True)
        (out / "lama" / "a.csv").write_text("lama", encoding="utf-8")
    before = tree_hashes(base)

    def make(folder: Path) -> int:
        for n in range(3):
            if n == fail_at:  # a failed open() names its file; a failed write() names none
                raise OSError(errno.ENOSPC, "No space left on device", *([str(folder / f"b{n}.csv")] if named else []))
            (folder / f"b{n}.csv").write_text(str(n), encoding="utf-8")
        return 3

    if fail_at < 3:
        with pytest.raises(OSError) as raised:
            fill_folder(out, make)
        assert raised.value.filename == str(out / f"b{fail_at}.csv" if named else out)  # as the user knows it
        assert tree_hashes(base) == before
        assert sorted(p.name for p in base.iterdir()) == (["keluaran"] if had else [])
    else:
        assert fill_folder(out, make) == 3
        assert sorted(p.name for p in out.iterdir()) == ["b0.csv", "b1.csv", "b2.csv"]
        assert sorted(p.name for p in base.iterdir()) == ["keluaran"]
        umask = os.umask(0)
        os.umask(umask)
        assert out.stat().st_mode & 0o777 == 0o777 & ~umask


def test_fill_folder_keeps_the_permissions_of_the_folder_it_replaces(tmp_path):
    out = tmp_path / "bersama"
    out.mkdir()
    out.chmod(0o2770)  # a group's folder: setgid, closed to others
    fill_folder(out, lambda folder: (folder / "a.csv").write_text("a", encoding="utf-8"))
    assert out.stat().st_mode & 0o7777 == 0o2770 and (out / "a.csv").is_file()
