"""Per-file work on every core: forked workers that inherit what the parent loaded.

Commands that treat many files one by one (update, extract, fmt, check) hand
the per-file step to ``map_files``. Workers are forked, so the configuration,
the glossary matcher and the segmenter the parent built are simply there,
not pickled; only the items and the results cross between processes.
Results come back in the order of the items, so output and reports do not
depend on which worker finished first.

A worker ends with the run that forked it (Linux ``PR_SET_PDEATHSIG``) and
ignores Ctrl-C: the parent handles it and stops the pool. Workers write files
atomically, so a stopped run leaves every file either old or new.

The pool is ``concurrent.futures.ProcessPoolExecutor``, not ``multiprocessing.Pool``: when a
worker's file raised, ``Pool.terminate`` killed the other workers wherever they were and could
deadlock on a queue lock a killed worker held (seen: ``update`` hanging on a broken catalogue).
The executor cancels the work not yet started and lets the running pieces finish.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
import signal
from typing import Callable, Iterable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 8  # fewer files than this: a second process costs more than it saves
_JOB: tuple[Callable, Sequence] | None = None  # (function, items) for forked workers; set only around a pool


def die_with_parent() -> None:
    """Make this (worker) process receive SIGTERM when its parent dies, instead of running on orphaned."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; nothing elsewhere). Called before
    forking: a forked worker's resident size starts from this process's, so memory freed here but kept by the
    allocator (the per-file stage's results, received and spilled) would count again in every worker (the main
    process of a 2,000-article check: 167 MB before, 125 MB after)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def worker_init() -> None:
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def worker_count(items: int, minimum: int = MIN_ITEMS) -> int:
    """How many processes ``items`` pieces of work deserve: 1 below ``minimum`` or without fork."""
    if items < minimum or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if os.environ.get("WORKBENCH_JOBS", "").strip().isdigit():
        return max(1, min(int(os.environ["WORKBENCH_JOBS"]), items))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, items))


def _call(index: int):
    function, items = _JOB
    return function(items[index])


def map_files(function: Callable[[Item], Result], items: Sequence[Item], minimum: int = MIN_ITEMS,
              fresh: bool = False, ahead: int | None = None) -> Iterable[Result]:
    """``function(item)`` for every item, yielded in order; on every core when there are enough items.

    With ``fresh``, each item has a worker of its own, forked for it: for a few large pieces of work, each
    of which grows its process (a worker that did two pieces holds what the first left, the memory Python
    keeps once it has had it).

    With ``ahead``, the workers run at most that many pieces of work per worker ahead of the caller, who
    takes the results: for large results the caller is slower to take in than the workers make (without it
    every result waits in this process until taken).

    An exception raised in a worker (a WorkbenchError naming a file and line)
    reaches the caller as if the work had run here.
    """
    global _JOB
    workers = worker_count(len(items), minimum)
    if workers == 1:
        for item in items:
            yield function(item)
        return
    _JOB = (function, items)  # set before the executor forks its workers, which inherit it
    release_free_memory()
    if fresh:
        try:
            yield from _each_forked(len(items), workers)
        finally:
            _JOB = None
        return
    executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=worker_init)
    try:
        chunk = max(1, min(16, len(items) // (workers * 8)))
        if ahead is None:
            yield from executor.map(_call, range(len(items)), chunksize=chunk)
        else:
            yield from _taken_in_turn(executor, len(items), chunk, ahead * workers)
    finally:
        # done, or an error or Ctrl-C: what has not started is dropped, what runs finishes (a file or two)
        executor.shutdown(wait=True, cancel_futures=True)
        _JOB = None


def _call_range(start: int, end: int) -> list:
    return [_call(index) for index in range(start, end)]


def _taken_in_turn(executor: ProcessPoolExecutor, count: int, chunk: int, ahead: int) -> Iterable:
    """``_call(0)``, ``_call(1)``, ... in order, in pieces of ``chunk`` items, at most ``ahead`` pieces handed to the
    workers and not yet taken by the caller."""
    starts = iter(range(0, count, chunk))
    pending: deque = deque()

    def hand_one() -> None:
        start = next(starts, None)
        if start is not None:
            pending.append(executor.submit(_call_range, start, min(start + chunk, count)))

    for _ in range(ahead):
        hand_one()
    while pending:
        results = pending.popleft().result()
        hand_one()
        yield from results


def in_new_interpreter(function: Callable[..., Result], *args) -> Result:
    """``function(*args)`` in a Python interpreter started for the call, its result returned: the process holds
    workbench's imports, the arguments and what the call loads (a large dictionary), not a copy of this one.
    A forked process starts as large as its parent, and a dictionary loaded there comes on top (the phrase
    check's Chinese word cutting, forked from a 250 MB judging piece, was an export's largest process, 313 MB).

    ``function`` is importable by its module and name; its arguments and its result pickle. The interpreter runs
    workbench's own entry point (``python -m workbench.parallel``), never the caller's script. An exception the
    call raises there is raised here (a WorkbenchError with its file and line); only if the interpreter gives no
    answer at all (it could not start, or it died) is the call made here."""
    import pickle
    import subprocess
    import sys

    if not sys.executable or function.__module__ == "__main__":
        return function(*args)
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [package_parent] + [part for part in environment.get("PYTHONPATH", "").split(os.pathsep) if part])
    request = pickle.dumps((function.__module__, function.__qualname__, args), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        # -P: not the working folder first on the path (a folder of the project named "workbench" is not this)
        done = subprocess.run([sys.executable, "-P", "-m", "workbench.parallel"], input=request, capture_output=True,
                              env=environment, check=False)
    except OSError:
        return function(*args)
    if done.returncode == 0:
        try:
            returned, answer = pickle.loads(done.stdout)  # (made by the child this call started)
        except Exception:  # noqa: BLE001 - no usable answer: the call made here instead
            return function(*args)
        if not returned:
            raise answer  # (not made again here: the call failed there)
        return answer
    return function(*args)


def _serve_one_call() -> None:
    """The started interpreter's side of ``in_new_interpreter``: the call read from stdin, its result written to
    stdout (anything the call prints goes to stderr, away from the result)."""
    import importlib
    import pickle
    import sys

    result_stream = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    module, name, args = pickle.loads(sys.stdin.buffer.read())
    function = importlib.import_module(module)
    for part in name.split("."):
        function = getattr(function, part)
    try:
        answer = (True, function(*args))
    except Exception as error:  # noqa: BLE001 - handed to the caller, who raises it
        answer = (False, error)
    with result_stream:  # (an exception that does not pickle fails here: the caller makes the call itself)
        result_stream.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))


def in_background(function: Callable[..., object], *args) -> Callable[[], None]:
    """``function(*args)`` in a process forked now, while this one goes on; the function returned waits for it to
    end and raises what it raised. Its result stays there (it need not pickle): for work whose effect is a file
    (a cache written while the run judges). Here, at once, where there is no fork."""
    if "fork" not in multiprocessing.get_all_start_methods():
        function(*args)
        return lambda: None
    return _fork_now(_without_result, function, *args)


def _without_result(function: Callable[..., object], *args) -> None:
    function(*args)


def _fork_now(function: Callable[..., Result], *args) -> Callable[[], Result]:
    """A process forked now to run ``function(*args)``, which it inherits (nothing is pickled but the result); the
    function returned waits for it and returns its result, or raises what it raised."""
    global _JOB
    previous, _JOB = _JOB, (lambda _: function(*args), (None,))
    release_free_memory()
    executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"), initializer=worker_init)
    try:
        done = executor.submit(_call, 0)  # (an executor that forks starts its worker here, in submit)
    finally:
        _JOB = previous

    def wait() -> Result:
        try:
            return done.result()
        finally:
            executor.shutdown(wait=True)

    return wait


def _each_forked(count: int, workers: int) -> Iterable:
    """The results of ``_call(0)``, ``_call(1)``, ... in order, each in a process forked for it, ``workers`` at once."""
    fork = multiprocessing.get_context("fork")
    running: dict[int, tuple[ProcessPoolExecutor, object]] = {}
    done: dict[int, object] = {}
    following = 0
    try:
        for index in range(count):
            while len(running) >= workers:
                following = yield from _collect(running, done, following)
            executor = ProcessPoolExecutor(1, mp_context=fork, initializer=worker_init)
            running[index] = (executor, executor.submit(_call, index))
        while running or following < count:
            following = yield from _collect(running, done, following)
    finally:
        for executor, future in running.values():
            future.cancel()
            executor.shutdown(wait=True, cancel_futures=True)


def _collect(running: dict, done: dict, following: int):
    """Wait for one of the ``running`` pieces to end; yield the results now due in order; the next one due."""
    if running:
        finished, _ = wait([future for _, future in running.values()], return_when=FIRST_COMPLETED)
        for index in [index for index, (_, future) in running.items() if future in finished]:
            executor, future = running.pop(index)
            executor.shutdown(wait=True)
            done[index] = future.result()  # a worker's exception, raised here
    while following in done:
        yield done.pop(following)
        following += 1
    return following


if __name__ == "__main__":
    _serve_one_call()
