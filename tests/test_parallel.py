"""Per-file work on every core: the same files as one process writes, errors that name the file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.errors import WorkbenchError
from workbench.langs import validate_language
from workbench.parallel import in_background, in_new_interpreter, map_files, worker_count

ARTICLE = """Delegates from {n} countries met in Yangzhou on August {day}.

The forum, the {n}th of its kind, discussed new energy vehicles. "We welcome everyone," the mayor said.
"""

multi_core = pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: nothing runs in parallel")


def _run(root: Path, *args: str, jobs: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    if jobs:
        env["WORKBENCH_JOBS"] = jobs
    # a hang is a failure, not a CI run that never ends (a deadlocked pool once hung here)
    return subprocess.run([sys.executable, "-m", "workbench", "-C", str(root), *args],
                          capture_output=True, text=True, env=env, timeout=300)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "locales").rglob("*")) if p.is_file()
            and not p.name.startswith(".")}


@pytest.fixture
def twelve_articles(make_project):
    def make(root: Path) -> Path:
        root.mkdir(parents=True)
        return make_project(root, {f"article-{n:02d}.txt": ARTICLE.format(n=n + 3, day=n + 1) for n in range(12)})
    return make


def test_map_files_keeps_order_and_runs_in_workers():
    items = list(range(40))
    results = list(map_files(lambda n: (n * n, os.getpid()), items, minimum=1))
    assert [square for square, _ in results] == [n * n for n in items]
    if worker_count(len(items), minimum=1) > 1:
        assert os.getpid() not in {pid for _, pid in results}


def _started(path: Path, n: int) -> int:
    with path.open("a") as log:
        log.write(f"{n}\n")
    return n


@multi_core
def test_with_ahead_the_workers_wait_for_the_caller_to_take_the_results(tmp_path):
    """``ahead``: a caller slower than the workers (the memory's sync writing what they read) does not receive
    every result at once; the workers start a piece only when there is room."""
    import time

    log = tmp_path / "started"
    taken = []
    for n in map_files(lambda n: _started(log, n), list(range(256)), minimum=1, ahead=2):
        if n == 0:
            time.sleep(1)  # (every piece would have been started by now without ``ahead``)
            started = len(log.read_text().split())
        taken.append(n)
    assert taken == list(range(256))
    # two pieces ahead per worker (and the one being taken), of the items map_files puts in a piece
    workers = worker_count(256, minimum=1)
    piece = max(1, min(16, 256 // (workers * 8)))
    assert started <= (2 * workers + 1) * piece < 256


def _slow_square(n: int) -> tuple[int, int]:
    import time

    time.sleep(0.05 * (n % 3))  # the pieces end out of order
    if n == 7:
        raise ValueError("piece 7 failed")
    return n * n, os.getpid()


@multi_core
def test_fresh_workers_run_each_piece_in_a_process_of_its_own_and_keep_order():
    """``fresh``: each piece of work in a process forked for it (a judging piece does not inherit what the piece
    before it left in a worker); results in order, whatever order the pieces end in."""
    results = list(map_files(_slow_square, range(7), minimum=1, fresh=True))
    assert [square for square, _ in results] == [n * n for n in range(7)]
    pids = [pid for _, pid in results]
    assert len(set(pids)) == 7 and os.getpid() not in pids


@multi_core
def test_a_fresh_worker_s_error_reaches_the_caller():
    with pytest.raises(ValueError, match="piece 7 failed"):
        list(map_files(_slow_square, range(10), minimum=1, fresh=True))


def _fails(n: int):
    raise ValueError(f"call {n} failed")


def test_a_call_in_a_new_interpreter_holds_only_what_it_loads():
    """``in_new_interpreter``: the call runs in an interpreter started for it, not in a copy of this process (the
    Chinese phrase check cuts words there: jieba's dictionary is held neither by the judging piece nor by a fork
    of it); its result comes back, and an error raised there is raised here, not found again by a second call."""
    assert in_new_interpreter(os.getpid) != os.getpid()
    ballast = bytearray(b"x" * 150_000_000)  # this process's pages: a fork would start with them
    if Path("/proc/self/status").exists():
        status = in_new_interpreter(Path.read_text, Path("/proc/self/status"))  # the started process's own
        peak_kb = int(status.split("VmHWM:")[1].split()[0])
        assert peak_kb < 100_000
    assert len(ballast) == 150_000_000
    with pytest.raises(ValueError, match="invalid literal"):
        in_new_interpreter(int, "not a number")
    with pytest.raises(WorkbenchError) as raised:
        in_new_interpreter(validate_language, "not a language!", "glossary.tbx", 7)
    assert (raised.value.path, raised.value.line) == ("glossary.tbx", 7)
    assert raised.traceback[-1].path.name == "parallel.py"  # raised from the answer, not by a call made here


def test_a_new_interpreter_does_not_run_the_caller_s_script_again(tmp_path):
    """A script with no ``if __name__ == "__main__"`` guard (a measuring script, a notebook's cell) runs once:
    the new interpreter starts on workbench's own entry point (multiprocessing's spawn imports the caller's
    script again, and ran a whole export twice), the one the caller imported, whatever the working folder holds."""
    (tmp_path / "workbench").mkdir()  # a folder of that name in the working folder is not workbench
    (tmp_path / "workbench" / "__init__.py").write_text("raise ImportError('not workbench')\n")
    (tmp_path / "scripts").mkdir()
    script = tmp_path / "scripts" / "measure.py"
    script.write_text("import os\nprint('script ran', flush=True)\n"
                      "from workbench.parallel import in_new_interpreter\n"
                      "print(in_new_interpreter(os.getpid) != os.getpid())\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120,
                          cwd=tmp_path)
    assert done.stdout == "script ran\nTrue\n", done.stderr


@multi_core
def test_parallel_extract_and_update_write_what_one_process_writes(tmp_path, twelve_articles):
    serial, parallel = twelve_articles(tmp_path / "serial"), twelve_articles(tmp_path / "parallel")
    for command in (["extract"], ["update"]):
        assert _run(serial, *command, jobs="1").returncode == 0
        assert _run(parallel, *command).returncode == 0
    assert len(_tree(serial)) == 12 + 36
    assert _tree(serial) == _tree(parallel)
    # and a second run changes nothing
    before = {p: (parallel / p).stat().st_mtime_ns for p in _tree(parallel)}
    assert _run(parallel, "extract").returncode == 0 and _run(parallel, "update").returncode == 0
    assert before == {p: (parallel / p).stat().st_mtime_ns for p in _tree(parallel)}


@multi_core
def test_a_bad_catalogue_in_a_worker_is_named_with_its_line(tmp_path, twelve_articles):
    root = twelve_articles(tmp_path / "p")
    assert _run(root, "extract").returncode == 0 and _run(root, "update").returncode == 0
    bad = root / "locales" / "ru" / "LC_MESSAGES" / "article-07.po"
    bad.write_text(bad.read_text(encoding="utf-8") + '\nmsgid "broken\n', encoding="utf-8")
    good = (root / "locales" / "fr" / "LC_MESSAGES" / "article-07.po").read_bytes()
    result = _run(root, "update")
    assert result.returncode == 2
    assert "article-07.po:" in result.stderr and "Traceback" not in result.stderr
    assert (root / "locales" / "fr" / "LC_MESSAGES" / "article-07.po").read_bytes() == good
    assert not list((root / "locales").rglob(".article-07.po.*"))


def _write_pid(path: Path) -> None:
    path.write_text(str(os.getpid()))


def test_background_work_runs_in_another_process_and_is_done_once_waited_for(tmp_path):
    """``in_background``: the check stores what a run learnt this way while it judges; the run waits before
    it ends, and an error there reaches it."""
    target = tmp_path / "written"
    wait = in_background(_write_pid, target)
    wait()
    assert target.read_text() != str(os.getpid())
    wait = in_background(_fails, 5)
    with pytest.raises(ValueError, match="call 5 failed"):
        wait()
