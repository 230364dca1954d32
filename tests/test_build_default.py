"""`kinerja build`: the pages a citizen gets, byte-identical rebuilds, and failed builds that change nothing."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
import struct
import subprocess
from html import unescape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATAPACKAGE, ROOT, docs_of, edit_csv, prepared_src, tree_hashes
from generator.outputs import usual_mode


def build(run, data: Path, out: Path, src: Path):
    return run("build", "--data", data, "--out", out, "--src", src, "--config", ROOT / "mkdocs.yml")


@pytest.fixture(scope="module")
def built(default_site):
    """The default package's site, built once per test run (conftest.default_site), and its generated
    Markdown pages (the hand-written pages of site_src/ left out)."""
    handwritten = {p.relative_to(ROOT / "site_src") for p in (ROOT / "site_src").rglob("*.md")}
    generated = [p for p in default_site.docs.rglob("*.md") if p.relative_to(default_site.docs) not in handwritten]
    return generated, default_site.site


def test_build_writes_a_page_per_sasaran(built):
    generated, site = built
    # beranda, profil, 5 sasaran, metodologi, konsistensi, pohon, anggaran, survei, data terbuka, 48 indikator
    # (43 of the LKjIP and PK, 5 sub kegiatan outputs of the Rencana Aksi 2025), PPID: profil, DIP, 4 kategori,
    # laporan layanan, standar layanan, kepatuhan; riwayat pembaruan; Triwulan 2025 (the Rencana Aksi); Glosarium;
    # for reviewers: laporan kinerja, pra-evaluasi SAKIP, bukti monev KI, metadata indikator, 2 dataset pages;
    # the tree's Tahap 5 table and one page per owner level the PKs name (JPT, Eselon III, Sub Koordinator/JF)
    assert len(generated) == 13 + 48 + 9 + 1 + 1 + 1 + 6 + 4
    for sasaran in ("s-1-1-1", "s-1-1-2", "s-1-1-3", "s-1-1-4", "s-1-1-5"):
        assert (site / "sasaran" / sasaran / "index.html").is_file()
    assert (site / "index.html").is_file() and (site / "profil" / "index.html").is_file()


def _menu_links(site: Path, page: str) -> set[str]:
    """The pages (folders, as "indikator/x/") the main menu of `page` links to."""
    from urllib.parse import urljoin, urlsplit

    html = (site / page / "index.html").read_text(encoding="utf-8")
    start = html.index('<nav class="md-nav md-nav--primary"')
    menu = html[start:html.index("md-sidebar--secondary", start)]
    here = "http://situs/" + page
    return {urlsplit(urljoin(here, unescape(href))).path.lstrip("/") for href in re.findall(r'href="([^"#]+)', menu)}


def test_the_menu_carries_the_open_section_and_still_reaches_every_page(built):
    """Every page repeated every other page's link in its menu: 48 indicator links on each of the 83 pages of
    the default package, and for an agency of 204 indicators 100 KB of menu in each 135 KB page. The menu now
    lists the top sections and the open part (navigation.prune): each closed group of indicators is one link,
    to its first page, where the group opens. Walking the menus from the home page still reaches every
    indicator and sasaran page, and the home page's menu links fewer indicator pages than there are."""
    _, site = built
    indicators = {f"indikator/{p.parent.name}/" for p in (site / "indikator").glob("*/index.html")}
    sasaran = {f"sasaran/{p.parent.name}/" for p in (site / "sasaran").glob("*/index.html")}
    home = _menu_links(site, "")
    assert 0 < len(home & indicators) < len(indicators), sorted(home & indicators)
    reached, todo = {""}, [""]
    while todo:
        for link in _menu_links(site, todo.pop()) - reached:
            if (site / link / "index.html").is_file():
                reached.add(link)
                todo.append(link)
    assert indicators | sasaran <= reached, sorted((indicators | sasaran) - reached)


def test_sasaran_page_lists_target_and_realisasi_in_indonesian_format(built):
    _, site = built
    html = (site / "sasaran" / "s-1-1-1" / "index.html").read_text(encoding="utf-8")
    assert "88,19%" in html and "81%" in html and "82,35%" in html
    assert "Informatif (90)" in html and "belum tersedia" in html  # KIP 2025 has no data, not 0
    assert "Rp285.697.300" in html and "Rp272.526.280" in html
    spbe = (site / "sasaran" / "s-1-1-2" / "index.html").read_text(encoding="utf-8")
    assert "4,16" in spbe and "nilai tahun sebelumnya dipakai lagi" in spbe  # carried forward from 2024


def test_home_page_leads_with_the_computed_answers(built):
    _, site = built
    html = (site / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<div class="kt-kartu ([^"]*)">(.*?)</div>', html, re.S)
    text = [(cls.strip(), unescape(re.sub(r"<[^>]+>", " ", body)).split()) for cls, body in cards]
    assert [(cls, " ".join(words[:5])) for cls, words in text] == [
        ("kt-kategori--AA", "Capaian kinerja 2025 110,91% AA"),
        ("kt-kategori--AA", "Indikator tercapai 6 dari 6"),
        ("", "Serapan anggaran 2025 92,05% Rp8,36"),
        ("kt-kategori--BB", "Kepuasan masyarakat 2025: Layanan informasi"),  # two surveys, two distinct titles
        ("kt-kategori--AA", "Kepuasan masyarakat 2025: Pelayanan Diskominfo"),
    ]
    words = re.sub(r'<span class="kt-istilah__arti"[^>]*>.*?</span>', "", html, flags=re.S)  # term tooltips
    words = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", words)))
    # what the headline is made of: counted, carried forward, missing, and the report's own figure
    assert ("Rata-rata capaian 6 dari 7 IKU. 3 di antaranya nilai tahun sebelumnya yang dipakai lagi: Indeks SPBE; "
            "Indeks Pembangunan Statistik (IPS); Tingkat Kesiapan Pengamanan Informasi Pemerintah Daerah. "
            "Belum ada data, tidak dihitung sebagai 0: Indeks Keterbukaan Informasi Publik. "
            "Laporan mencetak 110,89%") in words
    assert "dari pagu Rp9,08 miliar; sisa Rp721,87 juta (7,95%)" in words
    assert "13 Februari 2026" in html


def test_build_date_comes_from_the_data_not_the_clock(built):
    """MkDocs stamps sitemap.xml.gz with the build date: it must be the package's `created` date."""
    _, site = built
    gz = (site / "sitemap.xml.gz").read_bytes()
    stamp = dt.datetime.fromtimestamp(struct.unpack("<I", gz[4:8])[0], dt.timezone.utc)
    assert stamp == dt.datetime(2026, 11, 21, tzinfo=dt.timezone.utc)


def test_two_builds_are_byte_identical(built, tmp_path, monkeypatch):
    """Every file: pages, charts, CSV, the workbooks, the PDF, the ZIP. A new workspace, so nothing comes from
    the disk caches (this process's memory does keep images and documents: test_caches compares builds made
    by separate processes). The first build ran in one process; this one may use two, so its fork server
    starts ahead (`mkdocs.warm_up`) and MkDocs renders the 83 pages in two parts, as on an operator's machine."""
    from generator.publish import build_site, executor, mkdocs

    _, first = built
    monkeypatch.setenv(executor.PROCESSES, "2")
    parts, sharded = [], mkdocs._sharded
    monkeypatch.setattr(mkdocs, "_sharded", lambda job, cfg, target, n: parts.append(n) or sharded(job, cfg, target, n))
    build_site(DATAPACKAGE, tmp_path / "again", ROOT / "mkdocs.yml", prepared_src(tmp_path, "src2"))
    assert parts == [2]
    assert tree_hashes(first) == tree_hashes(tmp_path / "again")


def test_invalid_data_stops_the_build_and_keeps_the_previous_site(run, pkg, tmp_path):
    out, src = tmp_path / "site", prepared_src(tmp_path, "src")
    status, _, _ = build(run, pkg, out, src)
    assert status == 0
    before = tree_hashes(out)
    edit_csv(pkg / "data" / "realisasi.csv", "iku-ip-asn,2025,82.36", "iku-ip-asn,2025,delapan puluh")
    status, _, err = build(run, pkg, out, src)
    assert status == 1
    assert any(line.startswith(f"{pkg}/data/realisasi.csv:12:3: ") for line in err), err
    assert err[-1] == f"Situs di {out} tidak diubah."
    assert tree_hashes(out) == before


def test_a_rebuild_renders_only_the_changed_pages_and_equals_a_clean_build(run, pkg, tmp_path):
    """After one edit, MkDocs renders again only the pages whose Markdown changed (the others keep their
    previous HTML, file times included) and a page edited by hand in the published site; the site equals
    a clean build of the edited package byte for byte, and in permissions: the first build ran under umask
    077, and the rebuild kept its unchanged files readable by their owner only."""
    out, src = tmp_path / "site", prepared_src(tmp_path, "src")
    umask = os.umask(0o077)
    try:
        assert build(run, pkg, out, src)[0] == 0
    finally:
        os.umask(umask)
    kept, edited = out / "tentang" / "index.html", out / "profil" / "index.html"
    stamp = kept.stat().st_mtime_ns
    edited.write_text(edited.read_text(encoding="utf-8") + "<!-- diubah tangan -->", encoding="utf-8")
    # A static file is the workspace's own, linked (mkdocs.LinkedCopies); a theme file is a copy. The edit
    # below changes capaian.csv: the published bytes (held here by one more link) stay what they were, and
    # dip.csv, edited in place in the published site (so in the workspace too), is made again.
    capaian, dip = out / "data" / "capaian.csv", out / "data" / "dip.csv"
    assert capaian.samefile(docs_of(out) / "data" / "capaian.csv") and dip.samefile(docs_of(out) / "data" / "dip.csv")
    css = "assets/stylesheets/kinerja.css"
    assert (out / css).read_bytes() == (ROOT / "theme" / css).read_bytes() and not (out / css).samefile(ROOT / "theme" / css)
    published = capaian.read_bytes()
    os.link(capaian, tmp_path / "capaian-terbit.csv")
    with open(dip, "r+b") as f:
        f.write(b"diubah di tempat")
    edit_csv(pkg / "data" / "realisasi.csv", 'iku-ip-asn,2025,82.36,"82,36"', 'iku-ip-asn,2025,83.1,"83,10"')
    status, _, err = build(run, pkg, out, src)
    assert status == 0, err
    assert kept.stat().st_mtime_ns == stamp
    assert "diubah tangan" not in edited.read_text(encoding="utf-8")
    assert (tmp_path / "capaian-terbit.csv").read_bytes() == published != capaian.read_bytes()
    assert not dip.read_bytes().startswith(b"diubah di tempat")
    assert "83,1" in (out / "indikator" / "iku-ip-asn" / "index.html").read_text(encoding="utf-8")
    clean = tmp_path / "bersih"
    status, _, err = build(run, pkg, clean, prepared_src(tmp_path, "src2"))
    assert status == 0, err
    assert tree_hashes(out) == tree_hashes(clean)

    def modes(site: Path) -> dict[str, int]:
        return {p.relative_to(site).as_posix(): stat.S_IMODE(p.lstat().st_mode) for p in site.rglob("*")}
    assert modes(out) == modes(clean) and set(modes(clean).values()) == {usual_mode(0o666), usual_mode(0o777)}
    # The site's name is in every page's header, whatever the page's own Markdown.
    edit_csv(pkg / "data" / "instansi.csv", ",Diskominfo SP Kabupaten Belitung Timur,", ",Diskominfo SP Beltim,")
    for folder, pages in ((out, src), (tmp_path / "bersih2", prepared_src(tmp_path, "src3"))):
        status, _, err = build(run, pkg, folder, pages)
        assert status == 0, err
    assert "Kinerja Diskominfo SP Beltim" in kept.read_text(encoding="utf-8")
    assert tree_hashes(out) == tree_hashes(tmp_path / "bersih2")


def test_static_files_are_linked_where_a_link_can_be_made_and_copied_elsewhere(tmp_path, monkeypatch):
    """mkdocs.LinkedCopies: a single package's static files are hard links to the workspace's; a catalog's
    (whose unchanged member folders are never compared again), the theme's and any file where the system
    refuses a link are copies with the same bytes."""
    import errno

    from generator.publish import mkdocs
    from generator.render.context import Site

    docs = tmp_path / "halaman"
    (docs / "data").mkdir(parents=True)
    (docs / "index.md").write_text("# Beranda\n\n[Data](data/a.csv)\n", encoding="utf-8")
    (docs / "data" / "a.csv").write_bytes(b"kode,nilai\na,1\n")
    site = Site(nav=[{"Beranda": "index.md"}], site_name="Uji", epoch=1_700_000_000)
    css = "assets/stylesheets/kinerja.css"

    def built(name: str, **kwargs) -> Path:
        target = tmp_path / name
        target.mkdir()
        mkdocs.build(ROOT / "mkdocs.yml", docs, target, site, **kwargs)
        assert (target / "data" / "a.csv").read_bytes() == b"kode,nilai\na,1\n"
        assert (target / css).read_bytes() == (ROOT / "theme" / css).read_bytes()
        assert not (target / css).samefile(ROOT / "theme" / css)
        return target

    assert (built("paket") / "data" / "a.csv").samefile(docs / "data" / "a.csv")
    assert not (built("katalog", sections={"data/": "kunci"}) / "data" / "a.csv").samefile(docs / "data" / "a.csv")

    def refused(source, dest, *args, **kwargs):
        raise OSError(errno.EPERM, "tidak ada tautan di sistem berkas ini")
    monkeypatch.setattr(mkdocs.os, "link", refused)
    assert not (built("tanpa-tautan") / "data" / "a.csv").samefile(docs / "data" / "a.csv")


def test_stale_generated_pages_are_removed(run, pkg, tmp_path):
    out, src = tmp_path / "site", prepared_src(tmp_path, "src")
    assert build(run, pkg, out, src)[0] == 0
    assert (docs_of(out) / "sasaran" / "s-1-1-4.md").is_file()
    # Remove sasaran 1.1.4 with everything hanging under it.
    for name, key in (("indikator.csv", ",s-1-1-4,"), ("node.csv", "s-1-1-4"), ("pemilik_kinerja.csv", "s-1-1-4")):
        path = pkg / "data" / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(l for l in lines if key not in l and "persandian" not in l and "keamanan" not in l
                                 and "kami-" not in l), encoding="utf-8")
    for name in ("target.csv", "target_triwulan.csv", "realisasi.csv", "subindeks.csv", "angka_laporan.csv", "anggaran.csv",
                 "survei.csv", "pemilik_kinerja.csv", "narasi.csv"):
        path = pkg / "data" / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(l for i, l in enumerate(lines) if i == 0 or not any(
            k in l for k in ("keamanan", "persandian", "kami-", "s-1-1-4", "kesiapan"))), encoding="utf-8")
    status, _, err = build(run, pkg, out, src)
    assert status == 0, err
    assert not (docs_of(out) / "sasaran" / "s-1-1-4.md").exists()
    assert not (out / "sasaran" / "s-1-1-4").exists()
    assert (src / "tentang.md").is_file()  # hand-written pages are never touched
    assert sorted(p.name for p in src.iterdir()) == ["tentang.md"]  # nor is anything written beside them


# --- a build with nothing to do (publish/unchanged.py) ----------------------------------------------------

def _files_as_left(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Operator", "-c", "user.email=operator@example.org", "-c",
                    "commit.gpgsign=false", *args], cwd=folder, check=True, capture_output=True, timeout=60)


def test_a_build_with_nothing_changed_leaves_the_site_as_it_is(run, tmp_path):
    """Run again on the same inputs, a build says so and stops: no file of the site is written again, and it
    prints the first build's warnings and counts. A file changed in the published site, or a commit that
    changes what the history page shows while the package's bytes stay the same, makes the next build a full
    one again, whose site equals a clean build's."""
    repo = tmp_path / "repo"
    repo.mkdir()
    pkg = repo / "paket"
    shutil.copytree(DATAPACKAGE, pkg)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Data awal")
    out, src = tmp_path / "site", prepared_src(tmp_path, "src")
    status, _, first = build(run, pkg, out, src)
    assert status == 0, first
    as_left = _files_as_left(out)
    status, _, again = build(run, pkg, out, src)
    assert status == 0, again
    assert any("Tidak ada yang berubah sejak pembangunan terakhir" in line for line in again)
    assert [l for l in again if "peringatan:" in l] == [l for l in first if "peringatan:" in l] != []
    assert re.sub(r"[\d,]+ detik", "", again[-1]) == re.sub(r"[\d,]+ detik", "", first[-1]).replace(
        re.search(r"\d+ berkas berubah", first[-1]).group(0), "0 berkas berubah")
    assert _files_as_left(out) == as_left  # not one file written again

    page = out / "profil" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- diubah tangan -->", encoding="utf-8")
    status, _, err = build(run, pkg, out, src)
    assert status == 0, err
    assert not any("Tidak ada yang berubah" in line for line in err)
    assert "diubah tangan" not in page.read_text(encoding="utf-8")

    edit_csv(pkg / "data" / "realisasi.csv", 'iku-ip-asn,2025,82.36,"82,36"', 'iku-ip-asn,2025,83.1,"83,10"')
    assert build(run, pkg, out, src)[0] == 0
    history = (out / "riwayat" / "index.html").read_text(encoding="utf-8")
    assert "Perubahan yang belum di-commit" in history
    _git(repo, "commit", "-q", "-am", "Realisasi IP ASN 2025 diperbarui")  # the same bytes, now a commit
    status, _, err = build(run, pkg, out, src)
    assert status == 0, err
    assert not any("Tidak ada yang berubah" in line for line in err)
    history = (out / "riwayat" / "index.html").read_text(encoding="utf-8")
    commit = subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=repo, capture_output=True, text=True,
                            check=True).stdout.strip()
    assert f"versi {commit}" in re.sub(r"<[^>]+>", "", history) and "belum di-commit" not in history
    clean = tmp_path / "bersih"
    assert build(run, pkg, clean, prepared_src(tmp_path, "src2"))[0] == 0
    assert tree_hashes(out) == tree_hashes(clean)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """A package, hand-written pages, a configuration and its theme, copied: what a build reads."""
    root = tmp_path_factory.mktemp("masukan")
    shutil.copytree(DATAPACKAGE, root / "paket")
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copytree(ROOT / "site_src", root / "src")
    shutil.copyfile(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _key(root: Path, url: str | None = None):
    from generator.publish.unchanged import inputs_key

    return inputs_key(root / "paket", root / "mkdocs.yml", root / "src", url)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_change_to_what_a_build_reads_changes_its_key(inputs, data):
    """One byte changed, added or removed in any file of the package, the hand-written pages, the theme or the
    configuration, a file added, or another site address: the key differs, so the build runs."""
    files = sorted(p for p in inputs.rglob("*") if p.is_file())
    before = _key(inputs)
    assert before is not None and _key(inputs) == before
    path = data.draw(st.sampled_from(files), label="berkas")
    original = path.read_bytes()
    at = data.draw(st.integers(0, len(original)), label="posisi")
    how = data.draw(st.sampled_from(["ganti", "sisip", "hapus", "berkas baru", "alamat"]), label="perubahan")
    extra = path.with_name(path.name + ".baru")
    try:
        if how == "ganti" and at < len(original):
            byte = data.draw(st.integers(0, 255).filter(lambda b: b != original[at]), label="bita")
            path.write_bytes(original[:at] + bytes([byte]) + original[at + 1:])
        elif how == "sisip":
            path.write_bytes(original[:at] + data.draw(st.binary(min_size=1, max_size=4)) + original[at:])
        elif how == "hapus" and original:
            at = min(at, len(original) - 1)
            path.write_bytes(original[:at] + original[at + 1:])
        elif how == "berkas baru":
            extra.write_bytes(data.draw(st.binary(max_size=8)))
        else:
            assert _key(inputs, data.draw(st.sampled_from(["https://contoh.go.id/", "http://x.test/kinerja/"]))) != before
            return
        assert _key(inputs) != before
    finally:
        path.write_bytes(original)
        extra.unlink(missing_ok=True)
    assert _key(inputs) == before


@pytest.mark.parametrize("config, why", [
    ("hooks:\n  - kait.py\n", "hooks"),
    ("INHERIT: dasar.yml\n", "INHERIT"),
    ("extra:\n  analitik: !ENV KUNCI\n", "!ENV"),
    ("markdown_extensions:\n  - ekstensi_saya.tabel\n", "a local Markdown extension"),
    ("markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:modul_saya.indeks\n",
     "a local module by name"),
])
def test_a_build_that_may_read_more_than_the_key_covers_always_runs(inputs, tmp_path, config, why):
    """A configuration that reads another file, code beside it or the environment, and a package holding a
    symbolic link (its target may be anywhere), get no key: those builds always run."""
    from generator.publish.unchanged import inputs_key

    assert _key(inputs) is not None
    own = tmp_path / "mkdocs.yml"
    own.write_text((inputs / "mkdocs.yml").read_text(encoding="utf-8") + config, encoding="utf-8")
    assert inputs_key(inputs / "paket", own, inputs / "src", None) is None, why
    linked = tmp_path / "paket"
    shutil.copytree(inputs / "paket", linked)
    (linked / "lampiran.pdf").symlink_to(tmp_path / "di-luar.pdf")
    assert inputs_key(linked, inputs / "mkdocs.yml", inputs / "src", None) is None
