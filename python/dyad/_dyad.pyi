"""Type stubs of the compiled extension module `dyad._dyad` (python/src/lib.rs). The public API is `dyad`
(dyad/__init__.py, typed inline); this module is its Rust half."""

from typing import Any, List, Optional, Sequence, Tuple

__version__: str

class DyadError(ValueError):
    """Bad input, dictionaries, options or store; the message names the file, record or line."""

class DyadIOError(OSError):
    """An input file, dictionary file or store that cannot be opened or read."""

class ArrowBatches:
    """Record batches readable through the Arrow PyCapsule interface (``pa.table(obj)``)."""

    def __arrow_c_stream__(self, requested_schema: Optional[Any] = None) -> Any: ...
    def __len__(self) -> int: ...

class Engine:
    """A loaded pipeline (dictionaries chosen once); `dyad.Coder` wraps it."""

    def __init__(
        self,
        *,
        tabari_project: Optional[str] = None,
        petrarch_config: Optional[str] = None,
        actors: Sequence[str] = ...,
        agents: Sequence[str] = ...,
        verbs: Sequence[str] = ...,
        discards: Sequence[str] = ...,
        issues: Sequence[str] = ...,
        dialect: str = "petrarch1",
        no_builtin: bool = False,
        date: Optional[str] = None,
        max_sentence_text: int = 1000,
        min_confidence: Optional[float] = None,
        threads: Optional[int] = None,
    ) -> None: ...
    @property
    def fingerprint(self) -> str: ...
    @property
    def warnings(self) -> List[str]: ...
    @property
    def threads(self) -> int: ...
    def code(
        self,
        texts: Sequence[str],
        ids: Optional[Sequence[Optional[str]]] = None,
        titles: Optional[Sequence[Optional[str]]] = None,
        urls: Optional[Sequence[Optional[str]]] = None,
        dates: Optional[Sequence[Optional[str]]] = None,
    ) -> Tuple[ArrowBatches, List[str], int, int]: ...
    def code_jsonl(
        self,
        texts: Sequence[str],
        ids: Optional[Sequence[Optional[str]]] = None,
        titles: Optional[Sequence[Optional[str]]] = None,
        urls: Optional[Sequence[Optional[str]]] = None,
        dates: Optional[Sequence[Optional[str]]] = None,
    ) -> bytes: ...
    def code_files(
        self, paths: Sequence[str], format: Optional[str] = None, stop_at_error: bool = True, jsonl: bool = False
    ) -> Tuple[Any, List[str], List[str], int, int]: ...

def extract(
    texts: Sequence[str],
    ids: Optional[Sequence[Optional[str]]] = None,
    titles: Optional[Sequence[Optional[str]]] = None,
    urls: Optional[Sequence[Optional[str]]] = None,
    dates: Optional[Sequence[Optional[str]]] = None,
) -> List[Tuple[int, str]]: ...
def read_records(
    paths: Sequence[str], format: Optional[str] = None, stop_at_error: bool = True
) -> Tuple[ArrowBatches, List[str], List[str]]: ...
def read_store(path: str, merged: bool = True, **filters: Any) -> ArrowBatches: ...
def schema_version() -> str: ...
