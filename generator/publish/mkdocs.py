"""The site engine step: MkDocs (Material theme) turns the written Markdown into HTML in a folder of
its own. The only module that knows MkDocs' Python API, so the engine can change."""
from __future__ import annotations

import gc
import logging
import os
import re
import shutil
import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.problems import Problem, line_column, not_utf8, os_reason
from generator.publish import incremental
from generator.publish.executor import cores
from generator.render.context import Site


class EngineError(Exception):
    """MkDocs refused the pages or the configuration."""


# YAML's own words (PyYAML's scanner, parser and composer) in the reader's language: the slips people make in a
# configuration first, then every other problem the library names, by pattern; `{0}` is what it found there.
_YAML_SLIPS = (
    ("mapping values are not allowed here", "tanda ':' di tempat yang tidak boleh (nilai yang memuat ': ' perlu "
                                            "diapit tanda kutip)"),
    ("found character '\\t' that cannot start any token", "tab dipakai sebagai indentasi (yang boleh hanya spasi)"),
    ("could not find expected ':'", "tanda ':' setelah kunci tidak ditemukan"),
    ("expected <block end>", "indentasi tidak konsisten dengan baris-baris di atasnya"),
    ("expected ',' or ']'", "kurung siku '[' tidak ditutup"),
    ("expected ',' or '}'", "kurung kurawal '{' tidak ditutup"),
    ("found unexpected end of stream", "tanda kutip tidak ditutup sampai akhir berkas"),
    ("found undefined alias", "alias (*nama) tanpa jangkar (&nama)"),
    ("expected a single document", "lebih dari satu dokumen YAML (---); yang diharapkan satu"),
)
_YAML_PROBLEMS = tuple((re.compile(pattern), words) for pattern, words in (
    (r"found character (.+) that cannot start any token", "karakter {0} tidak boleh mengawali nilai (nilai seperti "
                                                         "itu perlu diapit tanda kutip)"),
    (r"expected the node content, but found (.+)", "nilai tidak ditemukan; yang ada {0}"),
    (r"sequence entries are not allowed here", "tanda '-' (butir daftar) di tempat yang tidak boleh"),
    (r"mapping keys are not allowed here", "tanda '?' (kunci) di tempat yang tidak boleh"),
    (r"invalid indentation or unclosed '\[' or '\{'", "indentasi tidak sah, atau kurung '[' atau '{' tidak ditutup"),
    (r"found unexpected document separator", "pemisah dokumen (--- atau ...) di dalam teks bertanda kutip"),
    (r"found unknown escape character (.+)", "garis miring terbalik diikuti {0} di dalam tanda kutip ganda tidak "
                                             "dikenal (garis miring terbalik sendiri ditulis dua kali)"),
    (r"expected escape sequence of \d+ hexadecimal numbers, but found (.+)",
     "urutan heksadesimal di dalam tanda kutip ganda tidak lengkap; yang ada {0}"),
    (r"expected alphabetic or numeric character, but found (.+)",
     "nama jangkar (&), alias (*), tag (!) atau direktif (%) hanya boleh huruf dan angka; yang ada {0}"),
    (r"expected ' ', but found (.+)", "di sini seharusnya spasi; yang ada {0}"),
    (r"expected a comment or a line break, but found (.+)",
     "sesudah ini hanya boleh komentar (#) atau akhir baris; yang ada {0}"),
    (r"expected indentation indicator in the range 1-9, but found 0", "angka indentasi teks blok harus 1 sampai 9"),
    (r"expected chomping or indentation indicators, but found (.+)",
     "sesudah '|' atau '>' hanya boleh '+', '-' atau angka 1 sampai 9; yang ada {0}"),
    (r"expected '!', but found (.+)|expected '>', but found (.+)|expected URI.*|found undefined tag handle (.+)"
     r"|found non-specific tag.*|duplicate tag handle (.+)", "tag YAML (!...) tidak sah"),
    (r"expected a digit.*|found incompatible YAML document.*|found duplicate YAML directive|"
     r"expected '<document start>', but found (.+)", "direktif YAML (%...) tidak sah atau tidak didukung"),
    (r"second occurrence", "jangkar (&nama) yang sama ditulis dua kali"),
    (r"expected (.+), but found (.+)", "susunan YAML tidak lengkap di sini; yang ada {1}"),
))
# What the parser found, as its tokens are named.
_YAML_TOKENS = {
    "'<stream end>'": "akhir berkas", "'<document start>'": "awal dokumen (---)", "'<document end>'": "akhir dokumen (...)",
    "'<block end>'": "akhir blok", "'<block mapping start>'": "awal pasangan kunci: nilai",
    "'<block sequence start>'": "awal daftar (-)", "'<block entry>'": "butir daftar (-)", "'<scalar>'": "sebuah nilai",
    "'<alias>'": "alias (*)", "'<anchor>'": "jangkar (&)", "'<tag>'": "tag (!)", "'<directive>'": "direktif (%)",
    "'<flow sequence start>'": "'['", "'<flow sequence end>'": "']'", "'<flow mapping start>'": "'{'",
    "'<flow mapping end>'": "'}'", "'<flow entry>'": "','", "'<key>'": "kunci (?)", "'<value>'": "':'",
}


def yaml_words(context: str | None, problem: str | None) -> str:
    """What YAML said about a configuration (its `context` and `problem`), in Bahasa: never its English."""
    said = " ".join(f"{context or ''} {problem or ''}".split())
    slip = next((words for found, words in _YAML_SLIPS if found in said), None)
    if slip is not None:
        return slip
    for pattern, words in _YAML_PROBLEMS:
        if (found := pattern.fullmatch(" ".join((problem or "").split()))) is not None:
            return words.format(*(_YAML_TOKENS.get(g, g) for g in found.groups() if g is not None), "", "")
    return "susunan YAML tidak sah di sini"


def config_problems(config: Path) -> list[Problem]:
    """What stops MkDocs from reading its configuration at all, located: not readable, not UTF-8, not YAML, empty,
    or not a mapping of keys; and a key written twice (YAML drops the first without a word). MkDocs found these only
    after every page was made, and said so in English over several lines, or ended in an internal error (an empty
    file, a list). Read as YAML's node graph (`yaml.compose`): no tag in the file is acted on here."""
    import yaml

    shown = str(config)
    try:
        data = config.read_bytes()
    except OSError as exc:
        return [Problem(shown, 1, 1, f"tidak dapat dibaca ({os_reason(exc)})")]
    if (bad := not_utf8(shown, data, "konfigurasi MkDocs yang disimpan sebagai UTF-8")) is not None:
        return [bad]
    text = data.decode("utf-8")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        words = yaml_words(exc.context, exc.problem)
        line, column = line_column(text, mark.index) if mark else (1, 1)
        return [Problem(shown, line, column, f"YAML tidak sah: {words}; yang diharapkan konfigurasi MkDocs yang sah")]
    except RecursionError:  # the YAML library reads nesting by recursion: thousands of `[` exhaust it
        return [Problem(shown, 1, 1, "YAML bertingkat terlalu dalam; yang diharapkan konfigurasi MkDocs yang sah")]
    except yaml.YAMLError as exc:  # a character YAML does not take (a control character)
        at = getattr(exc, "position", 0)
        return [Problem(shown, *line_column(text, at),
                        f"YAML tidak sah: karakter U+{ord(text[at]) if at < len(text) else 0:04X} tidak boleh ada di "
                        "berkas YAML; yang diharapkan konfigurasi MkDocs yang sah")]
    if root is None:
        return [Problem(shown, 1, 1, "berkas konfigurasi kosong; yang diharapkan pasangan kunci: nilai, misalnya "
                                     "'site_name: Kinerja Terbuka'")]
    if not isinstance(root, yaml.MappingNode) or root.tag != "tag:yaml.org,2002:map":
        return [Problem(shown, *line_column(text, root.start_mark.index),
                        "isi berkas bukan pasangan kunci: nilai; yang diharapkan konfigurasi MkDocs seperti "
                        "'site_name: Kinerja Terbuka' di baris pertama")]
    problems = []
    for key, under, line, column, before in _twice(root, text):  # YAML keeps the last of two same keys: the first is lost
        where = f" di bawah '{under}'" if under else ""
        problems.append(Problem(shown, line, column, f"kunci '{key}'{where} sudah ada di baris {before}, dan YAML "
                                "hanya memakai yang terakhir, sehingga isi yang pertama hilang; yang diharapkan "
                                f"satu kunci '{key}'{where}"))
    return sorted(problems, key=lambda p: (p.row, p.column))


def _twice(root, text: str) -> list[tuple[str, str, int, int, int]]:
    """Every key written a second time in one mapping, at any depth (`theme:` twice at the top, `palette:` twice
    under `theme`): (key, the keys above it joined by '.', its line, its column, the line of the first one). The
    graph is walked without recursion, each node once (an alias repeats a node; it is not a second key)."""
    import yaml

    found, seen, stack = [], set(), [(root, "")]
    while stack:  # in document order, so a node an alias repeats is named where it is written
        node, under = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, under) for item in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], int] = {}
            children = []
            for name, value in node.value:
                key = name.value if isinstance(name, yaml.ScalarNode) else None
                if key is not None and key != "<<":  # `<<` merges another mapping in; it is not a setting
                    (line, column), same = line_column(text, name.start_mark.index), (name.tag, key)  # `1:`, `"1":`: two keys
                    if same in first:
                        found.append((key, under, line, column, first[same]))
                    else:
                        first[same] = line
                label = key if key is not None else "?"
                children.append((value, f"{under}.{label}" if under else label))
            stack.extend(reversed(children))
    return found


# Theme features the generator adds to any mkdocs.yml. `navigation.prune`: a page carries only the open part
# of the menu. Without it every page repeats every other page's link, and the site grows with the square of
# its pages: an agency of 204 indicators had 100 KB of menu in each 135 KB page (36,6 MB of HTML in all,
# 19,1 MB pruned); the default package's 83 pages 6,06 MB, 4,69 MB pruned; a kabupaten's thousands of pages
# were pruned from the start. The open section and every top-level section are still listed in full.
FEATURES = ("navigation.prune",)


def build(config: Path, docs: Path, target: Path, site: Site, site_url: str | None = None,
          features: tuple[str, ...] = FEATURES, changed: list[str] | None = None, previous: Path | None = None,
          state: Path | None = None, templates: Path | None = None,
          sections: dict[str, str] | None = None) -> str | None:
    """MkDocs from `docs` into `target` (an empty folder). `changed`: the folders whose pages changed since
    the previous build (a catalog's rebuilt members, or `incremental.ROOT` for a single package); given,
    and when `previous` (the last site) was built from the same navigation, name, configuration, theme and
    generator (`state` records that), only those pages are rebuilt: every page and file whose previous
    output is still good is linked from the previous site (`incremental.Reuse`), and the member folders
    whose `sections` key is the one the previous site was made from (`incremental.kept_sections`) are
    linked in whole while MkDocs runs, MkDocs leaving them alone.
    `templates`: a folder for the theme's compiled templates (see `_theme_env`). Returns the
    incremental state key, if any."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    os.environ["SOURCE_DATE_EPOCH"] = str(site.epoch)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    key = None
    said = _Said(str(config))
    try:
        job = EngineJob(str(config), str(docs.resolve()), site.site_name, site.nav, site.extra,
                        {"site_url": site_url} if site_url else {}, tuple(features),
                        str(templates) if templates is not None else None, site.epoch, linked=not sections)
        cfg = job.configure(str(target))
        if changed is not None and state is not None:
            custom = Path(cfg.theme.custom_dir) if cfg.theme.custom_dir else None  # a theme used as installed has none
            key = incremental.state_key(config, custom, site.nav, site.extra, site_url, features,
                                        docs, site.site_name, site.epoch)
        dirty = key is not None and previous is not None and previous.exists() and incremental.usable(state, previous, key)
        later = incremental.kept_sections(state, sections or {}) if dirty else set()
        previous_index = (previous / incremental.SEARCH).read_bytes() if dirty else None
        parts = 1 if dirty else shard_count(docs)
        restore = incremental.quiet_dirty_notice() if dirty or parts > 1 else None
        linker = incremental.Linker(previous, target, later) if later else None
        try:
            if parts > 1:
                _sharded(job, cfg, target, parts)
            else:
                if dirty:
                    cfg.plugins["kinerja-pakai-ulang"] = incremental.Reuse(previous, later)
                mkdocs_build(cfg, dirty=dirty)
            if linker is not None:
                linker.finish()
                linker = None
        finally:
            if linker is not None:
                linker.stop()
            if restore:
                restore()
        if previous_index is not None:
            index = target / incremental.SEARCH
            index.write_text(incremental.merge_search(previous_index, index.read_bytes()), encoding="utf-8")
    except (MkDocsException, SystemExit, OSError) as exc:
        raise EngineError(f"MkDocs gagal membangun situs: {said.reason(exc)}") from exc
    except Exception as exc:  # noqa: BLE001 - a theme's template that stopped on a configured value is said
        if (failed := theme_failure(exc, str(config))) is None:
            raise
        raise EngineError(f"MkDocs gagal membangun situs: {failed}") from exc
    finally:
        said.close()
    return key


# The warnings a page or a hand-written file can cause, in the reader's language; any other stays as MkDocs
# wrote it. `docs` paths are relative to the pages folder (the hand-written pages keep their names there).
_WARNINGS = (
    (re.compile(r"Doc file '(.+?)' contains a link '(.+?)', but the target (?:'.+?' )?is not found among "
                r"documentation files\.?"), "halaman '{0}' menautkan '{1}', tetapi halaman tujuannya tidak ada"),
    (re.compile(r"A reference to '(.+?)' is included in the 'nav' configuration, which is not found in the "
                r"documentation files\.?"), "navigasi menyebut '{0}', tetapi halaman itu tidak ada"),
)


# What MkDocs says of a configuration value it refuses ("Config value 'KEY': ..."), in the reader's language.
_CONFIG_VALUE = re.compile(r"Config value '(.+?)': (.*)")
_CONFIG = (
    (re.compile(r"Unrecognised configuration name: .*"), "MkDocs tidak mengenal kunci '{key}' (salah ketik?)"),
    (re.compile(r'The "(.+?)" plugin is not installed'), "plugin '{0}' tidak terpasang"),
    (re.compile(r"Unrecognised theme name: '(.+?)'.*"), "tema '{0}' tidak terpasang"),
    (re.compile(r"Failed to load extension '(.+?)'.*"), "ekstensi Markdown '{0}' tidak dapat dimuat (tidak terpasang "
                                                        "atau salah ketik)"),
    (re.compile(r"The URL isn't valid.*|Unable to parse the URL\."), "'{key}' bukan alamat yang sah; yang diharapkan "
                                                                     "alamat lengkap dengan http:// atau https://"),
    (re.compile(r"The path set in custom_dir \('(.+?)'\) does not exist\.?"), "folder tema '{0}' tidak ada"),
    # MkDocs' checks of a value's type (config_options.py); the types are already in Bahasa (_TYPES)
    (re.compile(r"Expected type: (.+?) with length (\d+).*"), "'{key}' harus berupa {0} sepanjang {1}"),
    (re.compile(r"Expected type: (.+?) for keys, but received: (.+?) \(key=.*\)"),
     "kunci di bawah '{key}' harus berupa {0}, bukan {1}"),
    (re.compile(r"Expected type: (.+?) but received: (.+)"), "'{key}' harus berupa {0}, bukan {1}"),
    (re.compile(r"Expected a (?:multiline )?string, (?:got|but a) (.+?)(?: was given)?\.?"),
     "'{key}' harus berupa teks, bukan {0}"),
    (re.compile(r"Expected a list of items, but a (.+) was given\."), "'{key}' harus berupa daftar, bukan {0}"),
    (re.compile(r"Expected a dict of items, but a (.+) was given\."),
     "'{key}' harus berupa pasangan kunci: nilai, bukan {0}"),
    (re.compile(r"Expected nav to be a list, got (.+)"), "'{key}' harus berupa daftar, bukan {0}"),
    (re.compile(r"Expected one of: (.+) but received: (.+)"), "'{key}' harus salah satu dari {0}, bukan {1}"),
    (re.compile(r"Invalid config options for the '(.+?)' plugin\."), "pilihan untuk plugin '{0}' tidak sah"),
    (re.compile(r"Invalid config options for Markdown Extension '(.+?)'\."),
     "pilihan untuk ekstensi Markdown '{0}' tidak sah"),
    (re.compile(r"Invalid Markdown Extensions configuration"), "'{key}' harus berupa daftar ekstensi Markdown"),
    (re.compile(r"Invalid Plugins configuration.*"), "'{key}' harus berupa daftar plugin"),
    (re.compile(r"'(.+?)' is not a valid plugin name\."), "'{0}' bukan nama plugin yang sah"),
    (re.compile(r"'(.+?)' is not a valid Markdown Extension name\."), "'{0}' bukan nama ekstensi Markdown yang sah"),
    (re.compile(r"The path '(.+?)' isn't an existing file or directory\."), "'{0}' tidak ada"),
    (re.compile(r"The path '(.+?)' isn't an existing file\."), "'{0}' bukan berkas yang ada"),
    (re.compile(r"The path '(.+?)' isn't an existing (?:dir|directory)\."), "'{0}' bukan folder yang ada"),
    (re.compile(r"Required configuration not provided\."), "'{key}' wajib diisi"),
    (re.compile(r"At least one of 'name' or 'custom_dir' must be defined\.|No theme name set\."),
     "'{key}' harus menyebut nama tema ('name') atau folder tema ('custom_dir')"),
    (re.compile(r"'locale' must be a string\."), "'{key}.locale' harus berupa teks"),
)
# Python's type names as MkDocs prints them (<class 'int'>), in the reader's words.
_TYPES = {"str": "teks", "int": "bilangan bulat", "float": "angka", "bool": "ya/tidak (true/false)", "list": "daftar",
          "dict": "pasangan kunci: nilai", "NoneType": "kosong", "tuple": "daftar", "datetime.date": "tanggal"}
_SUB_OPTION = re.compile(r"Sub-option '(.+?)': (.*)")


def _config_words(key: str, said: str) -> str:
    """What MkDocs said of the value of `key`, in Bahasa; an option under a key (`Sub-option 'x': ...`) is named
    `key.x`. A message not in _CONFIG is quoted as MkDocs wrote it, after the key it is about."""
    while (sub := _SUB_OPTION.fullmatch(said)) is not None:
        key, said = f"{key}.{sub.group(1)}", sub.group(2)
    said = re.sub(r"<class '([\w.]+)'>", lambda m: _TYPES.get(m.group(1), m.group(1)), said)
    return next((words.format(*found.groups(), key=key) for pattern, words in _CONFIG
                 if (found := pattern.fullmatch(said)) is not None), f"'{key}': (pesan MkDocs) {said}")


def _in_bahasa(message: str, config: str | None = None) -> str:
    """One MkDocs warning or error in the reader's language; one about a configuration value located at its
    key in `config`."""
    if config is not None and (value := _CONFIG_VALUE.fullmatch(message)) is not None:
        key, said = value.groups()
        words = _config_words(key, said)
        line, column = _key_position(Path(config), key)
        return f"{config}:{line}:{column}: {words}"
    for pattern, words in _WARNINGS:
        if (found := pattern.fullmatch(message)) is not None:
            return words.format(*found.groups())
    return f"(pesan MkDocs) {message}"


def _key_position(config: Path, key: str) -> tuple[int, int]:
    """Line and column of a top-level `key` of the configuration (1, 1 when it is not written there)."""
    import yaml

    try:
        text = config.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, ValueError, RecursionError, yaml.YAMLError):
        return 1, 1
    return {name: (line, column) for name, line, column in _top_keys(root, text)}.get(key, (1, 1))  # the last: YAML's


def _top_keys(root, text: str) -> list[tuple[str, int, int]]:
    """The top-level keys of a configuration's YAML nodes in order, each with its line and column."""
    import yaml

    return [(name.value, *line_column(text, name.start_mark.index))
            for name, _ in (root.value if isinstance(root, yaml.MappingNode) else ())
            if isinstance(name, yaml.ScalarNode)]


class _Said(logging.Handler):
    """What MkDocs warned about during a build. In strict mode a warning stops the build with only "Aborted
    with N warnings in strict mode!": the warnings themselves (a page the navigation names but the pages
    folder lacks, a broken link) are what the user needs to read, so the failure names them."""

    def __init__(self, config: str | None = None):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.config = config  # the configuration file, where a refused value is located
        logging.getLogger("mkdocs").addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(_in_bahasa(" ".join(record.getMessage().split()), self.config))

    def reason(self, exc: BaseException) -> str:
        from mkdocs.exceptions import Abort

        if self.messages and isinstance(exc, Abort):  # the strict-mode stop: the warnings are its reason
            return "peringatan MkDocs: " + "; ".join(self.messages)
        if (failed := theme_failure(exc, self.config)) is not None:
            return failed
        if isinstance(exc, OSError):  # the system's own words are English ("No space left on device")
            return f"{exc.filename}: {os_reason(exc)}" if exc.filename else os_reason(exc)
        return str(exc) or type(exc).__name__


def theme_failure(exc: BaseException, config: str | None) -> str | None:
    """A theme's template that stopped on a value of the configuration (Material's `palette: 5` ended in a
    TypeError inside base.html): located at the `theme` key, with the template and its line; None when no
    template was running. MkDocs checks none of a theme's own options, so only the theme can refuse them."""
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename.endswith(".html")]
    if not frames or isinstance(exc, (SystemExit, KeyboardInterrupt)):
        return None
    line, column = _key_position(Path(config), "theme") if config else (1, 1)
    where = f"{config}:{line}:{column}: " if config else ""
    return (f"{where}tema tidak dapat menyusun halaman dengan nilai di bawah 'theme' ({Path(frames[-1].filename).name} "
            f"baris {frames[-1].lineno}); yang diharapkan nilai yang dikenal tema itu, seperti dalam dokumentasinya")

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self)
        super().close()


# Markdown extensions whose code a key covers: Python-Markdown's own (named without a dot, or under `markdown.`),
# the installed packages every portal uses, and the generator's own.
_COVERED_EXTENSIONS = ("markdown", "pymdownx", "material", "generator")
_PYTHON_TAG = "tag:yaml.org,2002:python/"


def _covered(name: str) -> bool:
    return "." not in name or name.split(".")[0] in _COVERED_EXTENSIONS


def read_beside(config: Path) -> list[Path] | None:
    """The folders MkDocs reads for this configuration besides the pages: the theme's `custom_dir` (relative to
    the configuration, as MkDocs reads it). None when the configuration makes MkDocs read anything a cache key
    of its bytes, those folders and the installed packages cannot cover: another file (`INHERIT`), Python
    code beside it (`hooks`, a Markdown extension from a local module), the environment (`!ENV`) or the
    working folder (`!relative`). Read as YAML's node graph: no tag is acted on."""
    import yaml

    root = _composed(config)
    if root is None:
        return None
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag.startswith("!"):  # a local tag: !ENV, !relative, or one a plugin defines
            return None
        if node.tag.startswith(_PYTHON_TAG) and not _covered(node.tag[len(_PYTHON_TAG):].split(":", 1)[-1]):
            return None  # !!python/name:module.attribute of a module outside the installed packages
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    top = {name.value: value for name, value in root.value if isinstance(name, yaml.ScalarNode)}
    if "INHERIT" in top or "hooks" in top:
        return None
    extensions = top.get("markdown_extensions")
    names = []
    if isinstance(extensions, yaml.SequenceNode):
        for item in extensions.value:
            if isinstance(item, yaml.ScalarNode):
                names.append(item.value)
            elif isinstance(item, yaml.MappingNode):
                names.extend(k.value for k, _ in item.value if isinstance(k, yaml.ScalarNode))
    elif isinstance(extensions, yaml.MappingNode):
        names.extend(k.value for k, _ in extensions.value if isinstance(k, yaml.ScalarNode))
    if not all(_covered(name) for name in names):
        return None
    custom = _custom_dir(top, config)
    return [custom] if custom is not None else []


def theme_folder(config: Path) -> Path | None:
    """The theme's `custom_dir` as MkDocs reads it (beside the configuration), or None: what a build reads and
    its output must never be placed in or replace. Read as YAML's node graph: no tag is acted on."""
    import yaml

    root = _composed(config)
    if root is None:
        return None
    return _custom_dir({name.value: value for name, value in root.value if isinstance(name, yaml.ScalarNode)}, config)


def _composed(config: Path):
    """The configuration's YAML node graph when its top is a mapping, else None (unreadable, not YAML)."""
    import yaml

    try:
        root = yaml.compose(config.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None
    return root if isinstance(root, yaml.MappingNode) else None


def _custom_dir(top: dict, config: Path) -> Path | None:
    import yaml

    theme = top.get("theme")
    if isinstance(theme, yaml.MappingNode):
        custom = next((v for k, v in theme.value if isinstance(k, yaml.ScalarNode) and k.value == "custom_dir"), None)
        if isinstance(custom, yaml.ScalarNode) and isinstance(custom.value, str) and custom.value and "\0" not in custom.value:
            return config.parent / custom.value
    return None


@dataclass(frozen=True)
class EngineJob:
    """What MkDocs is given for one build, as plain data: every process of a sharded build loads its
    configuration from it (`configure`), so all see the same one."""

    config: str
    docs: str
    site_name: str
    nav: list
    extra: dict
    overrides: dict
    features: tuple[str, ...]
    templates: str | None
    epoch: int
    linked: bool = False  # the pages folder's static files are linked into the site (`LinkedCopies`)

    def configure(self, target: str):
        """The project's mkdocs.yml with the package's name, navigation and extras, strict, into `target`."""
        from mkdocs.config import load_config

        cfg = load_config(config_file=self.config, docs_dir=self.docs, site_dir=target, site_name=self.site_name,
                          nav=self.nav, extra=self.extra, strict=True, **self.overrides)
        search_elements_as_text()
        search_text_separated()
        _theme_env(cfg.theme, Path(self.templates) if self.templates is not None else None)
        if self.features:
            cfg.theme["features"] = list(cfg.theme["features"]) + [f for f in self.features
                                                                    if f not in cfg.theme["features"]]
        if self.linked:
            cfg.plugins["kinerja-tautan"] = LinkedCopies()
        return cfg


class LinkedCopies:
    """A plugin: the site's copy of a static file of the pages folder is a hard link to it, not a copy.
    MkDocs copies each one (the default package has ~380: charts, downloads, open data), ~0,4 s of its
    run; a link costs a tenth. The pages folder is the build's own workspace: its files are never rewritten
    in place (`workspace.write_sources` replaces a changed file by a new one), so a later build never
    changes a published file through the link; and every file of it is compared with what the build
    made, so a published file edited in place (which edits the workspace's too) is made again by the
    next build. That comparison is why only a single package's build links: a catalog's unchanged member
    folders are not compared (`write_sources`, `sections`). Copied as before: the theme's files (a link
    would tie the site to the theme's sources), a file a plugin gave content of its own, one whose place
    a page takes, and any file where no link can be made (a file system without links)."""

    def on_files(self, files, config):
        docs = os.path.join(os.path.realpath(config.docs_dir), "")
        pages = {f.dest_uri for f in files if f.is_documentation_page()}
        for f in files:
            if (f.abs_src_path and not f.is_documentation_page() and f.dest_uri not in pages
                    and os.path.realpath(f.abs_src_path).startswith(docs)):
                f.copy_file = _linked_copy(f)
        return files


def _linked_copy(f):
    copy = f.copy_file

    def copy_file(dirty: bool = False) -> None:
        if (dirty and not f.is_modified()) or getattr(f, "_content", None) is not None:
            return copy(dirty)
        folder = os.path.dirname(f.abs_dest_path)
        os.makedirs(folder, exist_ok=True)
        try:
            os.link(f.abs_src_path, f.abs_dest_path)
        except OSError:
            copy(dirty)
    return copy_file


# --- the search index, sooner ---------------------------------------------------------------------------

class SearchElement(str):
    """An open HTML element as Material's search plugin records it, as the text of its tag.

    The plugin re-reads each page's HTML to cut it into sections for the search index, and keeps the open
    elements in its own `Element` class, which compares and hashes as its tag. It asks "is a <pre> open?",
    "is any open element excluded?" (set intersections) for every piece of text: millions of Python-level
    `__eq__` and `__hash__` calls on a large portal, ~30 % of the indexing. A `str` that is the tag
    compares and hashes the same, in C. Same index (tests/test_markdown_inline.py compares them)."""

    __slots__ = ("attrs",)
    replaces: type | None = None  # Material's own class, once replaced

    def __new__(cls, tag: str, attrs: dict | None = None):
        element = super().__new__(cls, tag)
        element.attrs = attrs or {}
        return element

    @property
    def tag(self) -> str:
        return str.__str__(self)

    def is_excluded(self) -> bool:
        return "data-search-exclude" in self.attrs


def search_elements_as_text() -> type | None:
    """Material's search plugin uses `SearchElement` for its elements (from here on, in this process).
    Returns Material's own class, which it replaced (None: a Material without it keeps its own way)."""
    from material.plugins.search import plugin

    own = getattr(plugin, "Element", None)
    if own is not None and own is not SearchElement:
        SearchElement.replaces = own
        plugin.Element = SearchElement
    return SearchElement.replaces


# Where a reader sees two separate words, the index text keeps them apart: Material's parser joins the
# text on either side of a line break or between two table cells or blocks without a space ("Sasaran
# 1.1.1Meningkatkan…", "Tujuan" + "PK JPT" → "TujuanPK JPT" in search results).
SEPARATING = frozenset({"br", "td", "th", "div", "dd", "dt", "figcaption", "caption",
                        "text", "tspan"})  # an SVG drawing's words and lines


def search_text_separated() -> type | None:
    """Material's search plugin (from here on, in this process) reads a line break, a table cell or a block
    as a space between the words around it. Returns the parser it replaced (None: a Material without one)."""
    from material.plugins.search import plugin

    own = getattr(plugin, "Parser", None)
    if own is None or getattr(own, "separates", False):
        return getattr(own, "replaces", None)

    class SeparatingParser(own):
        separates, replaces = True, own

        def handle_starttag(self, tag, attrs):
            if tag in SEPARATING and self.section is not None and "pre" not in self.context:
                self.handle_data(" ")
            super().handle_starttag(tag, attrs)

    plugin.Parser = SeparatingParser
    return own


# --- a large site's pages in several processes ------------------------------------------------------

SHARD_PAGES = 150  # pages per process at least: below that a process's start-up (~1 s) costs more than it saves
# Pages per process at least when the server the processes fork from was started ahead (`warm_up`): a child
# then only reads the configuration, the files and the navigation (~0,2 s, the time of ~15 pages). The
# default package's 83 pages: MkDocs 1,7 s in one process, 1,1 s in two.
WARM_SHARD_PAGES = 40
SHARD_DIR = ".bagian-"  # inside the temporary site folder, so discarding it discards them
# What the page processes' server imports once, before any child forks from it: this module and what MkDocs
# and the theme load on every run (a module missing here is skipped by the server, and imported by the child).
SHARD_PRELOAD = ["generator.publish.mkdocs", "mkdocs.commands.build", "mkdocs.config.defaults",
                 "material.plugins.search.plugin", "markdown.extensions.toc", "markdown.extensions.tables",
                 "markdown.extensions.admonition", "markdown.extensions.attr_list", "pygments"]
_WARM: dict[str, bool] = {"started": False}


def warm_up() -> None:
    """Start the page processes' server now (`executor.process_context`), so that its imports run while this
    process checks and renders the package, instead of when MkDocs starts: a single package's pages are
    then worth splitting (WARM_SHARD_PAGES). Nothing when the build may use one process only, or where the
    platform forks no server (the children are spawned cold, and SHARD_PAGES stays the rule)."""
    if cores() < 2:
        return
    from multiprocessing import forkserver

    from generator.publish.executor import process_context

    if process_context(SHARD_PRELOAD).get_start_method() != "forkserver":
        return
    try:
        forkserver.ensure_running()
    except OSError:  # no server: the pages are rendered as without one
        return
    _WARM["started"] = True


def shard_count(docs: Path) -> int:
    """How many processes render the pages: one per core the build may use (`executor.cores`), each with
    SHARD_PAGES pages at least (WARM_SHARD_PAGES after `warm_up`). MkDocs itself renders one page after
    another; a 33-OPD portal has ~2.000."""
    pages = sum(1 for _ in docs.rglob("*.md"))
    least = WARM_SHARD_PAGES if _WARM["started"] else SHARD_PAGES
    return max(1, min(cores(), pages // least))


class _Shard:
    """A plugin that lets MkDocs' dirty mode render only this process's share of the pages: part `k` of
    `n` contiguous runs of the documentation pages, in MkDocs' own order, of about equal Markdown size.
    Every process reads every file and builds the whole navigation, so each page comes out exactly as in
    one process; only part 0 copies the static files."""

    def __init__(self, k: int, n: int):
        self.k, self.n = k, n

    def on_files(self, files, config):
        pages = [f for f in files if f.is_documentation_page()]
        sizes = [os.path.getsize(f.abs_src_path) if f.abs_src_path else len(f.content_bytes) for f in pages]
        total, running, cut = sum(sizes) or 1, 0, {}
        for f, size in zip(pages, sizes):
            cut[f.src_uri] = min(self.n - 1, running * self.n // total)
            running += size
        for f in files:
            mine = cut.get(f.src_uri, 0) == self.k
            f.is_modified = (lambda value: lambda: value)(mine)
        return files


def _render_shard(job: EngineJob, k: int, n: int, target: str) -> None:
    """Part `k` of `n` into `target`: a child process's whole work. A refusal is written beside `target`
    (`<target>.gagal`) and the process exits 1; the build reads it (never a traceback)."""
    from mkdocs.commands.build import build as mkdocs_build

    gc.freeze()  # what the fork server imported lives as long as this process: no collection walks it
    os.environ["SOURCE_DATE_EPOCH"] = str(job.epoch)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    restore = incremental.quiet_dirty_notice()
    said = _Said(job.config)
    try:
        cfg = job.configure(target)
        cfg.plugins["kinerja-bagian"] = _Shard(k, n)
        mkdocs_build(cfg, dirty=True)
    except BaseException as exc:  # noqa: BLE001 - reported by the build, which stops
        Path(target + ".gagal").write_text(said.reason(exc), encoding="utf-8")
        os._exit(1)
    finally:
        said.close()
        restore()


def _sharded(job: EngineJob, cfg, target: Path, n: int) -> None:
    """The pages in `n` processes: part 0 here, straight into `target`, the others in child processes into
    folders inside it; then their pages are moved in and the search indexes joined in page order, which is
    the order one process writes them in. Byte-identical to one process (tested)."""
    from mkdocs.commands.build import build as mkdocs_build

    from generator.publish.executor import process_context

    parts = [target / f"{SHARD_DIR}{k}" for k in range(1, n)]
    context = process_context(SHARD_PRELOAD)
    children = [context.Process(target=_render_shard, args=(job, k, n, str(part)), daemon=True)
                for k, part in enumerate(parts, 1)]
    try:
        for child in children:
            child.start()
        cfg.plugins["kinerja-bagian"] = _Shard(0, n)
        mkdocs_build(cfg, dirty=True)
        for child in children:
            child.join()
    finally:  # a failure or a signal here: no child outlives the build
        for child in children:
            if child.is_alive():
                child.terminate()
                child.join()
    for child, part in zip(children, parts):
        if child.exitcode != 0:
            failed = Path(f"{part}.gagal")
            reason = failed.read_text(encoding="utf-8") if failed.is_file() else f"proses berhenti (kode {child.exitcode})"
            raise EngineError(f"MkDocs gagal membangun situs: {reason}")
    indexes = [(target / incremental.SEARCH).read_bytes()]
    for part in parts:
        indexes.append((part / incremental.SEARCH).read_bytes())
        for path in sorted(part.rglob("*")):
            dest = target / path.relative_to(part)
            if path.is_dir():
                dest.mkdir(exist_ok=True)
            elif not dest.exists():  # the site-wide files (sitemap, 404) every part writes alike
                os.replace(path, dest)
        shutil.rmtree(part)
    (target / incremental.SEARCH).write_text(incremental.join_search(indexes), encoding="utf-8")


def _theme_env(theme, templates: Path | None) -> None:
    """The theme's Jinja2 environment, with two fixed costs of every MkDocs run taken out (same HTML, same
    files either way):

    - the compiled templates are kept between builds in `templates` (`cache.template_bytecode`): compiling
      Material's ~45 templates is a large share of an incremental build;
    - listing the theme's static files (`Files.add_files_from_theme`) does not walk hidden folders
      (`_VisibleThemeFiles`)."""
    from generator import cache

    make_env = theme.get_env

    def get_env():
        env = make_env()
        if type(env.loader) is jinja2.FileSystemLoader:  # MkDocs' own (a test says when that changes)
            env.loader = _VisibleThemeFiles(env.loader.searchpath, env.loader.encoding, env.loader.followlinks)
        if templates is not None:
            env.bytecode_cache = cache.template_bytecode(templates)
        return env

    theme.get_env = get_env


class _VisibleThemeFiles(jinja2.FileSystemLoader):
    """MkDocs copies every theme file `list_templates` names but those under a name starting with "." (its
    filter in `Files.add_files_from_theme`). Material keeps ~14.000 icons in `.icons/`, walked and matched
    against that filter on every build (~0,1 s) to find 52 files: this walk leaves hidden folders out, which
    only removes names the filter drops. Loading a template by name (an icon a template includes) is the
    plain loader's."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                rel = os.path.relpath(dirpath, searchpath).replace(os.path.sep, "/")
                found.update(name if rel == "." else f"{rel}/{name}" for name in filenames)
        return sorted(found)


def discard(target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
