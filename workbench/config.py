"""Project settings from ``[tool.workbench]`` in pyproject.toml, with defaults.

An empty or missing table gives a working project: English sources in
``seeds/``, catalogues in ``locales/``, the termbase in ``glossary/``,
builds in ``build/``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.langs import validate_language

PYPROJECT = "pyproject.toml"


@dataclass
class Config:
    root: Path
    source_language: str = "en"
    target_languages: list[str] = field(default_factory=list)
    seeds: Path = Path("seeds")
    locales: Path = Path("locales")
    glossary: Path = Path("glossary")
    build: Path = Path("build")
    exports: Path = Path("build/exports")
    segmentation_rules: Path | None = None  # None: the bundled rules
    build_threshold: float = 80.0  # percent translated below which build writes nothing
    project_name: str = "workbench"
    bugs_address: str = ""
    export_formats: list[str] = field(default_factory=lambda: ["html", "matrix", "docx", "md", "tmx", "xliff", "xliff2"])
    # check id -> languages it is disabled for ("*" = all)
    disabled_checks: dict[str, list[str]] = field(default_factory=dict)
    tm_folder: Path = Path("tm")  # TMX files imported into the translation memory (kept in git)
    tm: list[Path] = field(default_factory=list)  # shared memories (TMX), read-only, relative to the root
    tm_threshold: int = 75  # percent a TM match needs to pretranslate an entry (always as fuzzy)
    tm_accept_exact: bool = False  # a 100 % match with the same msgctxt is filled as not fuzzy

    def path(self, relative: Path) -> Path:
        return relative if relative.is_absolute() else self.root / relative

    @property
    def seeds_dir(self) -> Path:
        return self.path(self.seeds)

    @property
    def locales_dir(self) -> Path:
        return self.path(self.locales)

    @property
    def glossary_dir(self) -> Path:
        return self.path(self.glossary)

    @property
    def build_dir(self) -> Path:
        return self.path(self.build)

    @property
    def exports_dir(self) -> Path:
        return self.path(self.exports)

    @property
    def tm_dir(self) -> Path:
        return self.path(self.tm_folder)

    def relative(self, path: Path) -> str:
        """A path as written in references: relative to the project root, with '/'."""
        try:
            return path.resolve().relative_to(_resolved(self.root)).as_posix()
        except ValueError:
            return path.as_posix()


_RESOLVED: dict[Path, Path] = {}


def _resolved(root: Path) -> Path:
    """A project root, resolved once: an export asks ``relative`` thousands of times (a realpath walks every
    part of the path). A relative one is resolved each time (against the folder the process is in then)."""
    if not root.is_absolute():
        return root.resolve()
    found = _RESOLVED.get(root)
    if found is None:
        found = _RESOLVED[root] = root.resolve()
    return found


_PATH_KEYS = {"seeds", "locales", "glossary", "build", "exports", "segmentation-rules", "tm-folder"}
_KNOWN_KEYS = _PATH_KEYS | {
    "source-language",
    "target-languages",
    "build-threshold",
    "project-name",
    "bugs-address",
    "export-formats",
    "disabled-checks",
    "tm",
    "tm-threshold",
    "tm-accept-exact",
}


def find_root(start: Path | None = None) -> Path:
    """The nearest folder upwards holding a pyproject.toml, else the start folder."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / PYPROJECT).is_file():
            return folder
    return start


def load_config(root: Path | None = None) -> Config:
    root = find_root(root) if root is None or not (root / PYPROJECT).exists() else root
    config = Config(root=root)
    pyproject = root / PYPROJECT
    if not pyproject.is_file():
        return config
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise WorkbenchError(f"invalid TOML: {exc}", pyproject, getattr(exc, "lineno", None)) from None
    table = data.get("tool", {}).get("workbench", {})
    if not isinstance(table, dict):
        raise WorkbenchError("[tool.workbench] must be a table", pyproject)
    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        raise WorkbenchError(f"unknown key(s) in [tool.workbench]: {', '.join(unknown)}", pyproject)
    where = str(pyproject)
    if "source-language" in table:
        config.source_language = validate_language(str(table["source-language"]), where)
    if "target-languages" in table:
        # one catalogue folder per variety: zh_Hant and zh_TW, written both ways, are one language
        config.target_languages = list(dict.fromkeys(validate_language(str(code), where)
                                                     for code in table["target-languages"]))
    for key in _PATH_KEYS:
        if key in table:
            attribute = key.replace("-", "_")
            setattr(config, attribute, Path(str(table[key])) if table[key] else None)
    if "build-threshold" in table:
        threshold = table["build-threshold"]
        if not isinstance(threshold, (int, float)) or not 0 <= threshold <= 100:
            raise WorkbenchError("build-threshold must be a number from 0 to 100", pyproject)
        config.build_threshold = float(threshold)
    if "project-name" in table:
        config.project_name = str(table["project-name"])
    if "bugs-address" in table:
        config.bugs_address = str(table["bugs-address"])
    if "export-formats" in table:
        config.export_formats = [str(f) for f in table["export-formats"]]
    if "disabled-checks" in table:
        disabled = table["disabled-checks"]
        if not isinstance(disabled, dict):
            raise WorkbenchError("disabled-checks must be a table of check id = [languages]", pyproject)
        config.disabled_checks = {str(k): [str(v) for v in (vs if isinstance(vs, list) else [vs])] for k, vs in disabled.items()}
    if "tm" in table:
        shared = table["tm"]
        if not isinstance(shared, list) or not all(isinstance(p, str) and p for p in shared):
            raise WorkbenchError('tm must be a list of TMX paths, e.g. tm = ["../shared-memory.tmx"]', pyproject)
        config.tm = [Path(p) for p in shared]
    if "tm-threshold" in table:
        threshold = table["tm-threshold"]
        if isinstance(threshold, bool) or not isinstance(threshold, int) or not 1 <= threshold <= 100:
            raise WorkbenchError("tm-threshold must be a whole number from 1 to 100 (percent)", pyproject)
        config.tm_threshold = threshold
    if "tm-accept-exact" in table:
        if not isinstance(table["tm-accept-exact"], bool):
            raise WorkbenchError("tm-accept-exact must be true or false", pyproject)
        config.tm_accept_exact = table["tm-accept-exact"]
    return config
