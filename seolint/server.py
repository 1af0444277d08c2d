"""``seolint server``: a language server on stdio that publishes findings as diagnostics.

Documents are linted on open, change (full sync) and save with the configuration found by
walking up from the document's folder, as ``seolint check`` does; safe fixes are offered as
quick-fix code actions. A bad configuration or rule file is shown once as an error message
and the document gets no diagnostics until it is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from seolint import __version__
from seolint.config import Config, find_config, load_config
from seolint.diagnostics import Diagnostic, Edit
from seolint.engine import lint
from seolint.errors import SeolintError
from seolint.fixer import unfixable
from seolint.lsp_positions import Positions
from seolint.parser import parse
from seolint.ruleset import RuleSet, build
from seolint.source import decode

EXTENSIONS = (".md", ".markdown", ".txt")
LANGUAGES = ("markdown", "plaintext", "text")  # "text": Neovim, Helix and Emacs plain text
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


@dataclass
class Linted:
    """One version of a document's findings, in LSP form, with the fixes they carry."""

    version: int | None
    uri: str
    diagnostics: list[types.Diagnostic]
    fixes: list[tuple[str, list[types.TextEdit]] | None]  # a quick fix's title and edits


class Settings:
    """Rule sets per configuration file, loaded again when the file or its rule packs change."""

    def __init__(self) -> None:
        self._loaded: dict[Path | None, tuple[tuple, RuleSet]] = {}

    def for_folder(self, folder: Path) -> RuleSet:
        config_path = find_config(folder.resolve())
        cached = self._loaded.get(config_path)
        if cached and cached[0] == _stamp(config_path, cached[1].config.rule_dirs):
            return cached[1]
        config = load_config(config_path) if config_path else Config()
        ruleset = build(config)
        self._loaded[config_path] = (_stamp(config_path, config.rule_dirs), ruleset)
        return ruleset


def _stamp(config_path: Path | None, rule_dirs: list[Path]) -> tuple:
    """Modification times and sizes of a configuration file, its rule folders and their files."""
    paths = [p for p in (config_path, *rule_dirs) if p is not None]
    for folder in rule_dirs:
        if folder.is_dir():
            paths.extend(sorted(folder.iterdir()))
    stamps = []
    for path in paths:
        try:
            stat = path.stat()
            stamps.append((path, stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append((path, None, None))
    return tuple(stamps)


class SeolintServer(LanguageServer):
    """The language server: lints open documents and remembers the last result of each."""

    def __init__(self) -> None:
        super().__init__(
            "seolint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.settings = Settings()
        self.linted: dict[str, Linted] = {}
        self.shown: dict[str, str] = {}  # the error message last shown for a document

    def check(self, uri: str) -> Linted | None:
        """Lint an open document and publish its diagnostics (none when it cannot be linted)."""
        document = self.workspace.get_text_document(uri)
        try:
            linted = self._lint(document)
        except SeolintError as exc:
            self._error(uri, f"seolint: {exc}")
            linted = None
        else:
            self.shown.pop(uri, None)
        if linted is None:
            self.linted.pop(uri, None)
        else:
            self.linted[uri] = linted
        diagnostics = linted.diagnostics if linted else []
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri, diagnostics, document.version)
        )
        return linted

    def current(self, uri: str) -> Linted | None:
        """The findings for the document's current version, linting again when stale."""
        linted = self.linted.get(uri)
        if linted and linted.version == self.workspace.get_text_document(uri).version:
            return linted
        return self.check(uri)

    def forget(self, uri: str) -> None:
        """A closed document: drop its state and clear its diagnostics."""
        self.linted.pop(uri, None)
        self.shown.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    def _lint(self, document: TextDocument) -> Linted | None:
        path = to_fs_path(document.uri) if document.uri.startswith("file:") else None
        if not checked(path, document.language_id):
            return None
        folder = Path(path).parent if path else Path(self.workspace.root_path or Path.cwd())
        ruleset = self.settings.for_folder(folder)
        if path and not ruleset.config.selects(path):
            return None
        shown = path or "-"
        source = decode(shown, document.source.encode("utf-8", "surrogatepass"))
        found = lint(parse(source), ruleset, ruleset.for_file(shown))
        positions = Positions(document.source, source.text, self.workspace.position_encoding)
        fixable = not source.mixed_newlines and unfixable(source.text) is None  # as --fix
        return Linted(
            document.version,
            document.uri,
            [to_lsp(d, positions) for d in found],
            [
                _fix(d, source.text, positions, source.newline) if fixable and d.fix else None
                for d in found
            ],
        )

    def _error(self, uri: str, message: str) -> None:
        """Show an error message, once for as long as it stays the same."""
        if self.shown.get(uri) != message:
            self.shown[uri] = message
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))


def checked(path: str | None, language_id: str | None) -> bool:
    """Whether seolint lints a document: by file extension or by language id."""
    return bool(path and path.lower().endswith(EXTENSIONS)) or language_id in LANGUAGES


def to_lsp(diagnostic: Diagnostic, positions: Positions) -> types.Diagnostic:
    """A seolint finding as an LSP diagnostic."""
    start = positions.at(diagnostic.line, diagnostic.column)
    end = positions.at(diagnostic.end_line, diagnostic.end_column)
    return types.Diagnostic(
        range=_range(start, end),
        message=diagnostic.message,
        severity=SEVERITY[diagnostic.severity],
        code=diagnostic.rule,
        source="seolint",
    )


def _fix(
    diagnostic: Diagnostic, text: str, positions: Positions, newline: str
) -> tuple[str, list[types.TextEdit]]:
    """A finding's fix as a quick-fix title and edits in the editor's lines and line endings."""
    fix: tuple[Edit, ...] = diagnostic.fix or ()
    edits = [
        types.TextEdit(
            _range(positions.position(edit.start), positions.position(edit.end)),
            edit.replacement.replace("\n", newline),
        )
        for edit in fix
    ]
    return f"seolint ({diagnostic.rule}): {_describe(fix, text)}", edits


def _describe(fix: tuple[Edit, ...], text: str) -> str:
    """What a fix does, in a few words: replace with a phrase, or remove a line."""
    if len(fix) == 1 and fix[0].replacement:
        return f'replace with "{fix[0].replacement}"'
    if all(not edit.replacement for edit in fix):
        removed = next(
            (line.strip() for line in text[fix[0].start : fix[0].end].splitlines() if line.strip()),
            "",
        )
        if removed:
            return f'remove "{removed if len(removed) <= 40 else removed[:39] + "…"}"'
    return "apply the fix"


def _range(start: tuple[int, int], end: tuple[int, int]) -> types.Range:
    return types.Range(types.Position(*start), types.Position(*end))


def _overlaps(a: types.Range, b: types.Range) -> bool:
    """Whether two ranges touch (a cursor inside or at either end of a finding counts)."""
    a_start, a_end = (a.start.line, a.start.character), (a.end.line, a.end.character)
    b_start, b_end = (b.start.line, b.start.character), (b.end.line, b.end.character)
    return a_start <= b_end and b_start <= a_end


def code_actions(linted: Linted, wanted: types.Range) -> list[types.CodeAction]:
    """A quick fix for each fixable finding that overlaps the requested range."""
    actions = []
    for diagnostic, fix in zip(linted.diagnostics, linted.fixes, strict=True):
        if fix is None or not _overlaps(diagnostic.range, wanted):
            continue
        title, edits = fix
        actions.append(
            types.CodeAction(
                title=title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={linted.uri: edits}),
                is_preferred=True,
            )
        )
    return actions


server = SeolintServer()


def did_open_change_or_save(
    ls: SeolintServer,
    params: types.DidOpenTextDocumentParams
    | types.DidChangeTextDocumentParams
    | types.DidSaveTextDocumentParams,
) -> None:
    """Lint a document whenever it is opened, changed or saved."""
    ls.check(params.text_document.uri)


for _event in (
    types.TEXT_DOCUMENT_DID_OPEN,
    types.TEXT_DOCUMENT_DID_CHANGE,
    types.TEXT_DOCUMENT_DID_SAVE,
):
    server.feature(_event)(did_open_change_or_save)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: SeolintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_action(ls: SeolintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    linted = ls.current(params.text_document.uri)
    return code_actions(linted, params.range) if linted else []


def serve() -> int:
    """Run the server on stdin and stdout until the client says exit."""
    server.start_io()
    return 0
