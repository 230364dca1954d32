"""The site engine step: MkDocs (Material theme) turns the written Markdown into HTML in a folder of
its own. The only module that knows MkDocs' Python API, so the engine can change."""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from generator.publish import incremental
from generator.render.context import Site


class EngineError(Exception):
    """MkDocs refused the pages or the configuration."""


def build(config: Path, docs: Path, target: Path, site: Site, site_url: str | None = None,
          features: tuple[str, ...] = (), changed: list[str] | None = None, previous: Path | None = None,
          state: Path | None = None, unchanged: list[str] = (), templates: Path | None = None) -> str | None:
    """MkDocs from `docs` into `target` (an empty folder). `changed`: the folders whose pages changed since
    the previous build (a catalog's rebuilt members); given, and when `previous` (the last site) was built
    from the same navigation, configuration, theme and generator (`state` records that), only those
    pages are rebuilt (generator.publish.incremental); the output folders of `unchanged` members are then
    shared with the previous site. `templates`: a folder for the theme's compiled templates (see
    `_compiled_templates`). Returns the incremental state key, if any."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ["SOURCE_DATE_EPOCH"] = str(site.epoch)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    key = None
    try:
        overrides = {"site_url": site_url} if site_url else {}
        cfg = load_config(config_file=str(config), docs_dir=str(docs.resolve()), site_dir=str(target),
                          site_name=site.site_name, nav=site.nav, extra=site.extra, strict=True, **overrides)
        if templates is not None:
            _compiled_templates(cfg.theme, templates)
        if features:
            cfg.theme["features"] = list(cfg.theme["features"]) + [f for f in features if f not in cfg.theme["features"]]
        if changed is not None and state is not None:
            key = incremental.state_key(config, Path(cfg.theme.custom_dir), site.nav, site.extra, site_url, features)
        dirty = key is not None and previous is not None and previous.exists() and incremental.usable(state, previous, key)
        previous_index = incremental.prepare_copy(previous, target, changed, docs, unchanged) if dirty else None
        restore = incremental.quiet_dirty_notice() if dirty else None
        try:
            mkdocs_build(cfg, dirty=dirty)
        finally:
            if restore:
                restore()
        if previous_index is not None:
            index = target / incremental.SEARCH
            index.write_text(incremental.merge_search(previous_index, index.read_bytes()), encoding="utf-8")
    except (MkDocsException, SystemExit, OSError) as exc:
        raise EngineError(f"MkDocs gagal membangun situs: {exc}") from exc
    return key


def _compiled_templates(theme, folder: Path) -> None:
    """Keep the theme's compiled Jinja2 templates between builds (Jinja2's own bytecode cache). Compiling
    Material's ~45 templates is a fixed cost of every build, a large share of an incremental one; Jinja2
    checks each template's source checksum and the Python version, the folder name carries the tools'
    versions (`cache.code_key`), so an edited theme or an upgrade recompiles. Same HTML either way."""
    import jinja2

    from generator import cache

    target = folder / cache.code_key()[:16]
    target.mkdir(parents=True, exist_ok=True)
    make_env = theme.get_env

    def get_env():
        env = make_env()
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(target))
        return env

    theme.get_env = get_env


def discard(target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
