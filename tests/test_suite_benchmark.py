"""benchmarks/suite.py: which process is what, pytest's durations per module, and the sampler counting only
the processes of the run it watches."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

from conftest import ROOT

spec = importlib.util.spec_from_file_location("suite_benchmark", ROOT / "benchmarks" / "suite.py")
suite = importlib.util.module_from_spec(spec)
spec.loader.exec_module(suite)


def test_processes_are_named_by_what_they_are():
    # Chromium writes its own command line back as one string; its zygote starts as /proc/self/exe
    assert suite.kind(["/usr/lib/chromium/chromium --type=renderer --lang=id-ID --num-raster-threads=1"]) == "chromium renderer"
    assert suite.kind(["/proc/self/exe", "--type=zygote", "--no-sandbox"]) == "chromium zygote"
    assert suite.kind(["/usr/lib/chromium/chromium", "--headless", "--no-sandbox"]) == "chromium browser"
    assert suite.kind(["/root/.venv/bin/python", "-c", "import sys;exec(eval(sys.stdin.readline()))"]) == "pekerja pytest"
    assert suite.kind([sys.executable, "-m", "generator", "serve", "--data", "x"]) == "kinerja (proses anak)"
    assert suite.kind([sys.executable, "-I", "/repo/generator/render/drawer.py"]) == "vl-convert (drawer)"
    assert suite.kind(["/usr/bin/node", "/x/playwright/driver/package/cli.js", "run-driver"]) == "playwright (node)"
    assert suite.kind([sys.executable, "-m", "pytest", "-p", "no:xdist"]) == "pytest (induk)"
    assert suite.kind([sys.executable, "-c", "from multiprocessing.forkserver import main; main(5, 6, ['generator'])"]) \
        == "kumpulan proses (anggota, MkDocs, Dask)"
    assert suite.kind(["/bin/sh", "/usr/bin/chromium", "--headless"]) == "lain: sh"  # until it execs Chromium


def test_durations_are_summed_per_module_and_the_longest_listed():
    text = """============================= slowest durations =============================
41.26s call     tests/test_accessibility.py::test_no_serious_accessibility_violations[portal-375-light]
2.50s setup    tests/test_accessibility.py::test_every_expected_page_type_is_discovered[portal]
0.75s call     tests/test_capaian.py::test_overall
0.01s teardown tests/test_capaian.py::test_overall
577 passed in 418.94s (0:06:58)"""
    per_module, longest = suite.durations(text)
    assert per_module == {"tests/test_accessibility.py": 43.76, "tests/test_capaian.py": 0.76}
    assert longest[0] == (41.26, "call tests/test_accessibility.py::test_no_serious_accessibility_violations[portal-375-light]")
    assert len(longest) == 4


def test_the_sampler_counts_the_children_of_its_run_and_nothing_else():
    """A child that works until it has used 0,4 s of processor time is counted under its kind; the host's
    processes (pid 1, this process's parent) are not, nor what this process's older children (an xdist
    worker's drawer, its browser) used before the sampling started."""
    # an older child, named as vl-convert's drawer, that has used 1 s of processor time and now waits
    older = subprocess.Popen([sys.executable, "-I", "-c", "import sys, time\nwhile time.process_time() < 1.0: pass\n"
                              "print('siap', flush=True)\nsys.stdin.read()", "drawer.py"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert older.stdout.readline() == "siap\n"
    sampler = suite.Sampler(os.getpid(), every=0.02)
    sampler.start()
    work = "import sys, time\nwhile time.process_time() < 0.4: pass\nprint('selesai', flush=True)\nsys.stdin.read()"
    # children that work for a known time, named (their arguments) as vl-convert's drawer and a `kinerja` command;
    # each waits, its work done, until a sample has seen it (an exited process's last moments are not seen)
    for name in (["drawer.py"], ["-m", "generator"]):
        child = subprocess.Popen([sys.executable, "-I", "-c", work, *name], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline() == "selesai\n"
        assert sampler.wait_for_sample()
        child.communicate("")
    # a child seen between fork and exec, while it is still a copy of this process, is counted by what it runs
    go_r, go_w = os.pipe()
    out_r, out_w = os.pipe()
    in_r, in_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: only file descriptors and exec until it runs the drawer-named program
        os.dup2(in_r, 0)
        os.dup2(out_w, 1)
        os.read(go_r, 1)
        os.execv(sys.executable, [sys.executable, "-I", "-c", work, "drawer.py"])
    for fd in (go_r, out_w, in_r):
        os.close(fd)
    assert sampler.wait_for_sample()  # seen before exec
    os.write(go_w, b"x")
    os.close(go_w)
    with os.fdopen(out_r) as out:
        assert out.readline() == "selesai\n"
    assert sampler.wait_for_sample()
    os.close(in_w)
    os.waitpid(pid, 0)
    older.communicate("")
    sampler.stop.set()
    sampler.join()
    assert 0.7 <= sampler.total["vl-convert (drawer)"] <= 1.6, sampler.total  # two children; the older one's 1 s not
    assert 0.3 <= sampler.total["kinerja (proses anak)"] <= 1.2, sampler.total
    assert not any(name.startswith("lain: process_api") or name == "lain: init" for name in sampler.total)
    mine = {key[0] for key in sampler.seen}
    assert 1 not in mine and os.getppid() not in mine


def test_a_run_reports_the_agreed_json(tmp_path):
    (tmp_path / "test_kecil.py").write_text("import time\n\ndef test_bekerja():\n    started = time.process_time()\n"
                                          "    while time.process_time() - started < 0.05:\n        pass\n\n\n"
                                          "def test_gagal():\n    assert 1 == 2\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "suite.py"), "--json", "--",
                           str(tmp_path / "test_kecil.py"), "-p", "no:xdist", "--rootdir", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr  # a failed test fails the run, and is named
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["kode_keluar"] == 1 and result["ringkasan"].startswith("1 failed, 1 passed")
    assert [line.rsplit("::", 1)[-1] for line in result["gagal"]] == ["test_gagal"]
    assert {"wall_s", "sibuk_s", "diam_s", "dicuri_s", "cpu_s", "modul_s", "tes_terlama"} <= set(result)
    assert result["cpu_s"]["pytest (induk)"] > 0 and result["inti"] == os.cpu_count()
    assert "test_kecil.py" in result["modul_s"]


def test_arguments_for_pytest_keep_the_workers_of_make_test_unless_they_choose_their_own():
    """`suite.py -- -m browser` ran the browser tests in one process: the arguments replaced `-n auto`."""
    def tail(*theirs):
        return suite.pytest_command(list(theirs))[suite.pytest_command([]).index("--durations-min=0") + 1:]
    assert tail() == ["-n", "auto", "--dist", "worksteal"]
    assert tail("-m", "browser") == ["-n", "auto", "--dist", "worksteal", "-m", "browser"]
    assert tail("-n", "1", "-m", "browser") == ["-n", "1", "-m", "browser"]
    assert tail("-n3") == ["-n3"]
    assert tail("--numprocesses=4") == ["--numprocesses=4"]
    assert tail("-p", "no:xdist", "tests/test_capaian.py") == ["-p", "no:xdist", "tests/test_capaian.py"]
