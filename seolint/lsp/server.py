"""``seolint server``: a language server on stdio that publishes findings as diagnostics.

Documents are linted on open, change (full sync) and save with the configuration found by
walking up from the document's folder, as ``seolint check`` does; safe fixes are offered as
quick-fix code actions. A bad configuration or rule file is shown once as an error message
and the document gets no diagnostics until it is fixed. Linting runs in one worker thread, off
the loop that answers the client: changes are debounced, and a result for a version that is no
longer current is dropped. See docs/language-server.md.
"""

from __future__ import annotations

import asyncio
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from seolint.errors import SeolintError
from seolint.fix.apply import unfixable
from seolint.lint.engine import lint
from seolint.lsp.positions import Positions
from seolint.model.diagnostics import Diagnostic, Edit
from seolint.parse.markdown import parse
from seolint.read.source import decode
from seolint.rules.select import RuleSet
from seolint.run.options import CheckOptions
from seolint.run.workspace import Workspace
from seolint.version import __version__

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
    ruleset: RuleSet | None = None  # the rules they came from, for hover


DEBOUNCE = 0.15  # seconds without a change before a changed document is linted


@dataclass(frozen=True)
class Snapshot:
    """What a lint needs of a document, taken on the loop: its text at one version."""

    uri: str
    version: int | None
    source: str
    language_id: str | None


class SeolintServer(LanguageServer):
    """The language server: lints open documents and remembers the last result of each."""

    def __init__(self) -> None:
        super().__init__(
            "seolint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        # The settings of every folder, reloaded when a configuration or rule file changes
        # (used by the lint thread only); the rule and findings caches are not used.
        self.settings = Workspace(CheckOptions(no_cache=True), fresh=True)
        self.linted: dict[str, Linted] = {}
        self.shown: dict[str, str] = {}  # the error message last shown for a document
        self.opened: dict[str, int | None] = {}  # open documents and their current versions
        self.pending: dict[str, asyncio.Task] = {}  # the lint waiting or running per document
        self.lint_thread = ThreadPoolExecutor(1, thread_name_prefix="seolint-lint")
        self.shut_down = False  # a shutdown request came before exit

    def schedule(self, uri: str, version: int | None, delay: float = 0.0) -> None:
        """Lint a document after ``delay`` seconds, instead of any lint still waiting for it."""
        self.opened[uri] = version
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()  # a lint already running in the thread ends, and is dropped
        task = asyncio.get_running_loop().create_task(self._check_later(uri, delay))
        self.pending[uri] = task
        task.add_done_callback(lambda done: self._settled(uri, done))

    def _settled(self, uri: str, task: asyncio.Task) -> None:
        if self.pending.get(uri) is task:
            del self.pending[uri]
        if not task.cancelled():
            task.exception()  # retrieved: check() reports its own failures

    async def _check_later(self, uri: str, delay: float) -> Linted | None:
        if delay:
            await asyncio.sleep(delay)
        return await self.check(uri)

    async def check(self, uri: str) -> Linted | None:
        """Lint an open document in the lint thread and publish its diagnostics (none when it
        cannot be linted; an error diagnostic when linting it failed). A result for a version
        that is no longer the document's current one is dropped."""
        document = self.workspace.get_text_document(uri)
        snapshot = Snapshot(uri, document.version, document.source, document.language_id)
        loop = asyncio.get_running_loop()
        diagnostics: list[types.Diagnostic] = []
        try:
            linted = await loop.run_in_executor(self.lint_thread, self._lint, snapshot)
        except SeolintError as exc:
            linted = None
            if self._current(snapshot):
                self._error(uri, f"seolint: {exc}")
        except Exception as exc:  # a bug: say so on the document instead of old findings
            linted = None
            diagnostics = [internal_error(exc)]
            print(f"seolint: internal error checking {uri}", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
        else:
            if self._current(snapshot):
                self.shown.pop(uri, None)
        if not self._current(snapshot):
            return None  # closed or changed meanwhile: its next lint is already scheduled
        if linted is None:
            self.linted.pop(uri, None)
        else:
            self.linted[uri] = linted
            diagnostics = linted.diagnostics
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri, diagnostics, snapshot.version)
        )
        return linted

    def _current(self, snapshot: Snapshot) -> bool:
        """Whether a snapshot is still the document's open version."""
        return snapshot.uri in self.opened and self.opened[snapshot.uri] == snapshot.version

    async def current(self, uri: str) -> Linted | None:
        """The findings for the document's current version, once the lints under way for it
        are done (None when it is not linted)."""
        while (waiting := self.pending.get(uri)) is not None:
            try:
                # Shielded: a cancelled request must not cancel the lint others wait for.
                await asyncio.shield(waiting)
            except asyncio.CancelledError:
                if not waiting.cancelled():
                    raise  # this request was cancelled
            except Exception:
                pass  # check() has reported it
        linted = self.linted.get(uri)
        return linted if linted and linted.version == self.opened.get(uri) else None

    def forget(self, uri: str) -> None:
        """A closed document: drop its state and clear its diagnostics."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.opened.pop(uri, None)
        self.linted.pop(uri, None)
        self.shown.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    def forget_finished_notifications(self) -> None:
        """Let go of pygls's records of handled notifications.

        pygls 2.x files the future of every notification it hands to a feature under a fresh
        id in ``protocol._request_futures`` and never removes it (only requests are removed
        when answered): about 4 KB per didOpen/didClose pair, for as long as the server
        runs. Finished futures are dropped here; a request's is only ever looked up again
        to cancel it, which a finished request does not need. When that private table is
        not there (a later pygls) this does nothing."""
        futures = getattr(self.protocol, "_request_futures", None)
        if isinstance(futures, dict):
            for key, future in list(futures.items()):
                if getattr(future, "done", lambda: False)():
                    futures.pop(key, None)

    def _lint(self, snapshot: Snapshot) -> Linted | None:
        """Lint a snapshot (in the lint thread)."""
        uri = snapshot.uri
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if not checked(path, snapshot.language_id):
            return None
        folder = Path(path).parent if path else Path(self.workspace.root_path or Path.cwd())
        ruleset = self.settings.settings(folder)[1]
        if path and not ruleset.config.selects(path):
            return None
        shown = path or "-"
        source = decode(shown, snapshot.source.encode("utf-8", "surrogatepass"))
        found = lint(parse(source), ruleset, ruleset.for_file(shown))
        positions = Positions(snapshot.source, source.text, self.workspace.position_encoding)
        fixable = not source.mixed_newlines and unfixable(source.text) is None  # as --fix
        return Linted(
            snapshot.version,
            uri,
            [to_lsp(d, positions, _url(ruleset, d.rule)) for d in found],
            [
                _fix(d, source.text, positions, source.newline) if fixable and d.fix else None
                for d in found
            ],
            ruleset,
        )

    def _error(self, uri: str, message: str) -> None:
        """Show an error message, once for as long as it stays the same."""
        if self.shown.get(uri) != message:
            self.shown[uri] = message
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))


def internal_error(exc: BaseException) -> types.Diagnostic:
    """The diagnostic a document gets when linting it failed: a seolint bug, not the text's."""
    where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    at = f" at {Path(where[0].filename).name}:{where[0].lineno}" if where else ""
    return types.Diagnostic(
        range=_range((0, 0), (0, 0)),
        message=(
            f"seolint: internal error while checking this document ({type(exc).__name__}{at}:"
            f" {exc}); its findings are not shown. Please report it with the document."
        ),
        severity=types.DiagnosticSeverity.Error,
        code="internal-error",
        source="seolint",
    )


def checked(path: str | None, language_id: str | None) -> bool:
    """Whether seolint lints a document: by file extension or by language id."""
    return bool(path and path.lower().endswith(EXTENSIONS)) or language_id in LANGUAGES


def _url(ruleset: RuleSet, rule_id: str) -> str | None:
    rule = ruleset.all.get(rule_id)
    return rule.url if rule else None


def to_lsp(
    diagnostic: Diagnostic, positions: Positions, url: str | None = None
) -> types.Diagnostic:
    """A seolint finding as an LSP diagnostic (``url``: its rule's page)."""
    start = positions.at(diagnostic.line, diagnostic.column)
    end = positions.at(diagnostic.end_line, diagnostic.end_column)
    return types.Diagnostic(
        range=_range(start, end),
        message=diagnostic.message,
        severity=SEVERITY[diagnostic.severity],
        code=diagnostic.rule,
        code_description=types.CodeDescription(href=url) if url else None,
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


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: SeolintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.forget_finished_notifications()
    ls.schedule(params.text_document.uri, params.text_document.version)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: SeolintServer, params: types.DidChangeTextDocumentParams) -> None:
    """A change: linted once the typing pauses, and a lint for an older version is dropped."""
    ls.forget_finished_notifications()
    ls.schedule(params.text_document.uri, params.text_document.version, DEBOUNCE)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: SeolintServer, params: types.DidSaveTextDocumentParams) -> None:
    """A save: linted again (a configuration or rule file may have changed meanwhile)."""
    ls.forget_finished_notifications()
    uri = params.text_document.uri
    if uri in ls.opened:
        ls.schedule(uri, ls.opened[uri])


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: SeolintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget_finished_notifications()
    ls.forget(params.text_document.uri)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
async def code_action(ls: SeolintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """Quick fixes at a range, for the document's current version (a request the client
    cancels while its lint runs is answered as cancelled)."""
    linted = await ls.current(params.text_document.uri)
    return code_actions(linted, params.range) if linted else []


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: SeolintServer, params: types.HoverParams) -> types.Hover | None:
    """Over a finding: its rule's explanation (several findings: each rule once)."""
    linted = await ls.current(params.text_document.uri)
    if linted is None or linted.ruleset is None:
        return None
    here = types.Range(params.position, params.position)
    from seolint.rules.docs import hover as explanation

    shown: list[str] = []
    for diagnostic in linted.diagnostics:
        rule = linted.ruleset.all.get(str(diagnostic.code))
        if rule is not None and _overlaps(diagnostic.range, here):
            text = explanation(rule)
            if text not in shown:
                shown.append(text)
    if not shown:
        return None
    content = types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(shown))
    return types.Hover(content)


@server.feature(types.SHUTDOWN)
def shutdown(ls: SeolintServer, *args: object) -> None:
    ls.shut_down = True


def serve() -> int:
    """Run the server on stdin and stdout until the client says exit (or goes away): 0 after
    a shutdown request, else 1, as the protocol asks."""
    from seolint.lsp.stream import Reframed

    server.start_io(Reframed(sys.stdin.buffer))
    server.lint_thread.shutdown(wait=False, cancel_futures=True)
    return 0 if server.shut_down else 1
