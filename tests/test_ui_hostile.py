"""The shared server under hostile use, through the real Gradio server: bombs uploaded (import and 批量), HTML in an
organ name, password guessing, leftovers; plus admin rights, the bind check, file modes and key redaction."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest
import yaml
from gradio_client import Client, handle_file

from assistant.errors import InputError
from assistant.ui.login import LOCAL_USER, LoginThrottle, is_admin
from assistant.ui.server import launch_kwargs
from assistant.ui.workspace import Workspace
from tests import hostile_inputs as h
from tests.conftest import completed_zhuting_data
from tests.test_ui_client import Outputs, output_names
from tests.ui_server import download_links, fetch_downloads, running_ui_process


def blank_page() -> list:
    """What an empty page sends with an action (nothing to keep)."""
    from tests.test_ui_client import _blank_page

    return _blank_page(output_names())

STATUS = 1  # the unit's status line (Markdown): [0] is the unit picker
UNIT_MESSAGE = 3  # the message next to the 单位 actions (HTML, escaped)
MAX_PEAK_MB = 500
EVIL_NAME = ('<a href="http://evil.example/">点我</a><img src="http://evil.example/x.png">'
             '<form action="http://evil.example/"><input type="password"></form>'
             "![图](http://evil.example/y.png)[链接](http://evil.example/)**粗**镇人民政府")


def _peak_mb(pid: int) -> float:
    """The server's peak resident memory so far (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def _units(workspace: Path) -> int:
    with sqlite3.connect(workspace / "nianbao.sqlite3") as db:
        return int(db.execute("SELECT count(*) FROM units").fetchone()[0])


def _upload_cases(folder: Path) -> list[tuple[str, Path, str]]:
    docx, xlsx = h.docx_members(), h.xlsx_members()
    return [
        ("docx 1 GiB", h.write_zip(folder / "炸弹.docx", {**docx, "word/document.xml": h.bomb_part(
            docx["word/document.xml"], h.GiB)}), "上限"),
        ("docx 300 MiB paragraphs", h.docx_many_paragraphs(folder / "段落.docx", 300 * h.MiB), "上限"),
        ("docx XXE", h.write_zip(folder / "xxe.docx", {**docx, "word/document.xml": h.entity_part(
            docx["word/document.xml"], "xxe")}), "实体声明"),
        ("xlsx 1 GiB workbook.xml", h.write_zip(folder / "炸弹.xlsx", {**xlsx, "xl/workbook.xml": h.bomb_part(
            xlsx["xl/workbook.xml"], h.GiB)}), "上限"),
        ("xlsx comment", h.write_zip(folder / "注释.xlsx", {**xlsx, "xl/worksheets/sheet1.xml": h.with_doctype(
            xlsx["xl/worksheets/sheet1.xml"], h.random_comment(100_000), b"")}), "注释超过"),
        ("xlsx entities", h.write_zip(folder / "实体.xlsx", {**xlsx, "xl/workbook.xml": h.entity_part(
            xlsx["xl/workbook.xml"], "bomb")}), "实体声明"),
        ("yaml aliases", h.yaml_alias_bomb(folder / "别名.yaml"), "别名"),
        ("yaml deep", h.deep_yaml(folder / "嵌套.yaml"), "嵌套超过"),
        ("json deep", h.deep_json(folder / "嵌套.json"), "嵌套超过"),
        ("json int", h.huge_int_json(folder / "整数.json"), "4300 位"),
        ("yaml count of 4,300 digits", h._text(folder, "件数.yaml", h.VALID_YAML + "tables:\n  t3:\n    new_received:"
                                               "\n      natural_person: " + "9" * 4300 + "\n"), "超出允许范围"),
        ("yaml syntax", h._text(folder, "语法.yaml", h.VALID_YAML + "notes: [a\n"), "行第"),
        ("control characters", h._text(folder, "控制.yaml", h.VALID_YAML.replace(
            "竹亭镇人民政府", '"竹亭镇\\x01"')), "控制字符"),
        ("100 notes", h._text(folder, "备注.yaml", h.VALID_YAML + "notes:\n  other:\n" + "".join(
            f"    - 第{i}条\n" for i in range(100))), "最多 50 项"),
        ("html table", h.huge_html_table(folder / "表格.html"), "上限"),
    ]


def _zip_bombs(folder: Path) -> list[tuple[str, Path, str]]:
    xlsx = h.xlsx_members()
    inner = h.write_zip(folder / "inner.xlsx", {**xlsx, "xl/workbook.xml": h.bomb_part(xlsx["xl/workbook.xml"],
                                                                                        h.GiB)})
    return [
        ("zip 1 GiB member", h.write_zip(folder / "批量炸弹.zip", {"甲镇.yaml": h.Repeated(b"a: ", b" " * h.MiB, 1024)}),
         "上限"),
        ("zip member lies about its size", h.write_zip(folder / "谎报.zip", {"甲镇.yaml": h.Repeated(
            b"a: ", b" " * h.MiB, 300, declared_size=100)}), "损坏"),
        ("zip 3000 members", h.write_zip(folder / "太多.zip", {f"{i}.yaml": b"a: 1\n" for i in range(3000)}),
         "上限"),
        ("zip holding an xlsx bomb", h.write_zip(folder / "内含.zip", {"乙镇.xlsx": inner.read_bytes()}),
         "输入无法读取 1 个"),
        ("zip names with ../ and =", h.write_zip(folder / "路径.zip", {
            "../../逃逸.yaml": h.VALID_YAML.encode(), "/abs/=1+1.yaml": h.VALID_YAML.encode(),
            "$(touch 被执行).yaml": h.VALID_YAML.encode()}), "共 3 个单位"),
    ]


def test_hostile_uploads_are_refused_by_the_server(tmp_path: Path) -> None:
    workspace, system_tmp, made = tmp_path / "ws", tmp_path / "systmp", tmp_path / "inputs"
    system_tmp.mkdir()
    made.mkdir()
    uploads, bombs = _upload_cases(made), _zip_bombs(made)
    env = {"TMPDIR": str(system_tmp)}
    with running_ui_process(workspace, env) as (url, proc):
        client = Client(url, verbose=False, download_files=str(tmp_path / "dl"))
        start_mb = _peak_mb(proc.pid)
        print(f"\nserver at start: {start_mb:.0f} MB")
        for what, path, words in uploads:
            started = time.perf_counter()
            status = client.predict(*blank_page(), handle_file(str(path)), api_name="/upload")[UNIT_MESSAGE]
            print(f"upload {what}: {status[:90]} — peak {_peak_mb(proc.pid):.0f} MB, "
                  f"{time.perf_counter() - started:.1f} s")
            assert "无法完成：" in status, status
            assert words in status, status
            assert str(tmp_path) not in status and "/tmp" not in status and "Error" not in status, status
        for what, path, words in bombs:
            started = time.perf_counter()
            result, status = client.predict([handle_file(str(path))], api_name="/batch")
            print(f"批量 {what}: {status[:90]} — peak {_peak_mb(proc.pid):.0f} MB, "
                  f"{time.perf_counter() - started:.1f} s")
            assert words in status, status
            assert str(tmp_path) not in status, status
            if result:  # the batch ran: each unit's problem is in its 汇总
                [archive] = fetch_downloads(url, result, tmp_path / "dl")
                with zipfile.ZipFile(archive) as zf:
                    summary = zf.read("汇总.html").decode()
                assert "Traceback" not in summary and str(tmp_path) not in summary
                if "xlsx bomb" in what:
                    assert "超过单个文件 64 MB 的上限" in summary
        peak = _peak_mb(proc.pid)
        assert _units(workspace) == 0, "nothing stored in the workspace"
        kept = [p for p in (workspace / "tmp").rglob("*") if p.is_file() and p.stat().st_size
                and "nianbao-downloads" not in p.parts]  # Gradio leaves an empty stub per upload (swept later)
        assert kept == [], f"uploads are deleted once read: {kept}"
    assert peak < MAX_PEAK_MB, peak
    assert not (made.parent / "逃逸.yaml").exists() and not (tmp_path / "被执行").exists()
    assert list(system_tmp.iterdir()) == [], "no leftovers in the system temp dir"


def test_html_in_an_organ_name_is_shown_as_text(tmp_path: Path) -> None:
    path = tmp_path / "恶意.yaml"
    path.write_text(h.VALID_YAML.replace("竹亭镇人民政府", "'" + EVIL_NAME + "'"), encoding="utf-8")
    env = {"NIANBAO_USERS": "甲镇:pw1,县政务公开办:pw2", "NIANBAO_ADMINS": "县政务公开办"}
    with running_ui_process(tmp_path / "ws", env) as (url, _proc):
        town = Client(url, auth=("甲镇", "pw1"), verbose=False)
        status = town.predict(*blank_page(), handle_file(str(path)), api_name="/upload")[STATUS]
        admin = Client(url, auth=("县政务公开办", "pw2"), verbose=False)
        admin_status = admin.predict(*blank_page(), 1, api_name="/open_unit")[STATUS]
    for shown in (status, admin_status):
        assert "点我" in shown
        for live in ("<a ", "<img", "<form", "<input", "](", "**粗"):
            assert live not in shown, (live, shown)
        assert "&lt;img" in shown and "\\]\\(" in shown


def test_login_throttle_on_the_real_server(tmp_path: Path) -> None:
    env = {"NIANBAO_USERS": "甲镇:right-password,乙镇:pw2"}
    with running_ui_process(tmp_path / "ws", env) as (url, _proc):
        def login(user: str, password: str) -> tuple[int, str]:
            data = urllib.parse.urlencode({"username": user, "password": password}).encode()
            try:
                with urllib.request.urlopen(urllib.request.Request(url + "login", data=data), timeout=10) as r:
                    return r.status, r.read().decode()
            except urllib.error.HTTPError as exc:
                return exc.code, exc.read().decode()

        answers = [login("甲镇", f"guess{i}") for i in range(8)]
        right = login("甲镇", "right-password")
        other_user = login("乙镇", "pw2")  # same address: locked as well
    codes = [code for code, _ in answers]
    print(f"\nlogin answers: {codes}, then the right password: {right[0]}, another user: {other_user[0]}")
    assert codes == [400] * 5 + [429] * 3
    assert "用户名或密码不正确" in answers[0][1]
    assert "登录失败次数过多" in answers[-1][1] and "分钟后再试" in answers[-1][1]
    assert right[0] == 429 and other_user[0] == 429


def _login(url: str, user: str, password: str, forwarded_for: str) -> int:
    data = urllib.parse.urlencode({"username": user, "password": password}).encode()
    request = urllib.request.Request(url + "login", data=data, headers={"X-Forwarded-For": forwarded_for})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_a_forged_forwarded_address_does_not_escape_the_throttle(tmp_path: Path) -> None:
    env = {"NIANBAO_USERS": "甲镇:pw1"}
    with running_ui_process(tmp_path / "ws", env) as (url, _proc):  # new user name and new "address" each time
        codes = [_login(url, f"猜{i}", "x", f"203.0.113.{i}") for i in range(7)]
    assert codes == [400] * 5 + [429] * 2
    env = {**env, "NIANBAO_TRUSTED_PROXY": "127.0.0.1"}  # behind a trusted proxy: its header names the client
    with running_ui_process(tmp_path / "ws2", env) as (url, _proc):
        codes = [_login(url, f"猜{i}", "x", f"203.0.113.{i}") for i in range(7)]
        same_client = [_login(url, f"试{i}", "x", "198.51.100.7") for i in range(6)]
    assert codes == [400] * 7 and same_client == [400] * 5 + [429]


def test_the_throttle_counts_per_user_and_address_and_ends() -> None:
    now = [0.0]
    throttle = LoginThrottle(max_failures=3, window=60, lockout=30, clock=lambda: now[0])
    for _ in range(2):
        throttle.failed("user:甲", "addr:1")
    assert throttle.wait("user:甲", "addr:1") == 0
    throttle.succeeded("user:甲")  # a good login clears the user's count, not the address's
    throttle.failed("user:甲", "addr:1")
    assert throttle.wait("user:甲") == 0 and throttle.wait("addr:1") == 30
    now[0] = 29
    assert throttle.wait("user:乙", "addr:1") == pytest.approx(1)
    now[0] = 31
    assert throttle.wait("user:乙", "addr:1") == 0
    now[0] = 200  # failures older than the window do not count
    throttle.failed("user:丙", "addr:2")
    now[0] = 300
    throttle.failed("user:丙", "addr:2")
    throttle.failed("user:丙", "addr:2")
    assert throttle.wait("user:丙") == 0


def test_exports_and_batches_leave_nothing_behind(tmp_path: Path) -> None:
    workspace, system_tmp = tmp_path / "ws", tmp_path / "systmp"
    system_tmp.mkdir()
    leftover = workspace / "tmp" / "上次留下的" / "副本.docx"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"x" * 1000)
    batch_input = h.write_zip(tmp_path / "两个单位.zip", {
        "甲镇.yaml": h.VALID_YAML.encode(), "乙镇.yaml": h.VALID_YAML.replace("竹亭镇", "乙镇").encode()})
    with running_ui_process(workspace, {"TMPDIR": str(system_tmp)}) as (url, _proc):
        assert not leftover.parent.exists(), "the server purges its temp dir at start"
        client = Client(url, verbose=False, download_files=str(tmp_path / "dl"))
        complete = tmp_path / "竹亭镇.yaml"  # every fact given: the Word export is the final document
        complete.write_text(yaml.safe_dump(completed_zhuting_data(), allow_unicode=True), encoding="utf-8")
        loaded = Outputs(output_names(), client.predict(*blank_page(), handle_file(str(complete)),
                                                        api_name="/upload"))
        client.predict("template", *loaded.form(), *loaded.sections(), api_name="/draft")
        for i in range(20):
            kind = ("/export_docx", "/export_review", "/export_json")[i % 3]
            download, status = client.predict(api_name=kind)
            label = "下载：审阅稿（带批注，请勿印发）" if kind == "/export_review" else "下载"
            shown_label, links = download_links(download)
            assert len(links) == 1 and shown_label == label, download
            assert "已生成" in status and "草稿" not in status, status
        box, status = client.predict([handle_file(str(batch_input))], api_name="/batch")
        assert box and "共 2 个单位" in status, status
        [path] = fetch_downloads(url, box, tmp_path / "dl")
        with zipfile.ZipFile(path) as zf:
            assert any(n.endswith("汇总.xlsx") for n in zf.namelist())
        scratch = [p.name for p in (workspace / "tmp").iterdir() if p.name.startswith(("nianbao-export-",
                                                                                        "nianbao-batch-"))]
        downloads = list((workspace / "tmp" / "nianbao-downloads").rglob("*.*"))
        system_left = list(system_tmp.iterdir())
    print(f"\nafter 20 exports and a UI batch: {len(scratch)} scratch folders, {len(system_left)} entries in $TMPDIR, "
          f"{len(downloads)} downloads kept for the browser (swept after an hour)")
    assert scratch == [] and system_left == []
    assert len(downloads) == 21


# --------------------------------------------------------------------------------------------------------------
# In process: admin rights, the bind check, file modes, key redaction


def test_admin_only_by_nianbao_admins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NIANBAO_ADMINS", raising=False)
    monkeypatch.setenv("NIANBAO_USERS", "admin:pw,本机用户:pw")
    assert not is_admin("admin") and not is_admin(LOCAL_USER), "no admin by name alone once logins are on"
    monkeypatch.setenv("NIANBAO_ADMINS", "县政务公开办")
    assert is_admin("县政务公开办") and not is_admin("admin")
    monkeypatch.delenv("NIANBAO_USERS")
    assert is_admin(LOCAL_USER), "without logins (loopback only) the local user is the administrator"


def test_the_bind_check_uses_the_address_gradio_will_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NIANBAO_USERS", raising=False)
    monkeypatch.setenv("GRADIO_SERVER_NAME", "0.0.0.0")
    for host in ("", "  "):
        with pytest.raises(InputError, match="在 0.0.0.0 上监听需要登录"):
            launch_kwargs(host, None)
    monkeypatch.delenv("GRADIO_SERVER_NAME")
    assert launch_kwargs("", None)["server_name"] == "127.0.0.1"
    monkeypatch.setenv("NIANBAO_USERS", "甲镇:pw")
    kwargs = launch_kwargs("0.0.0.0", None)
    assert kwargs["server_name"] == "0.0.0.0" and kwargs["app_kwargs"]["middleware"]


def test_workspace_folder_and_database_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        ws = Workspace(tmp_path / "ws")
    finally:
        os.umask(old)
    assert stat.S_IMODE(ws.directory.stat().st_mode) == 0o700
    assert stat.S_IMODE(ws.path.stat().st_mode) == 0o600


def test_config_redacts_a_key_in_the_base_url(tmp_path: Path) -> None:
    secret = "sk-SENTINEL0123456789"
    result = h.run_measured(h.cli("config"), tmp_path, {
        **os.environ, "NIANBAO_LLM_BASE_URL": f"https://user:{secret}@llm.example.com/v1?api_key={secret}",
        "NIANBAO_LLM_MODEL": "m", "COLUMNS": "200"})
    assert result.exit == 0
    assert secret not in result.stdout and "****@llm.example.com" in result.stdout


def test_an_unreadable_stored_unit_is_listed_apart_and_never_stored(tmp_path: Path) -> None:
    from assistant.readers.inputfile import load_report
    from assistant.resources import data_dir

    ws = Workspace(tmp_path / "ws")
    good = ws.save_report("甲镇", load_report(data_dir("examples") / "zhuting-2020.yaml"))
    with sqlite3.connect(ws.path) as db:  # a row as an older version stored it: a 4,301-digit total
        report = db.execute("SELECT report FROM units WHERE id=?", (good.id,)).fetchone()[0]
        poisoned = report.replace('"new_received":{"natural_person":1,', '"new_received":{"natural_person":' +
                                  "9" * 4301 + ",", 1)
        assert poisoned != report
        db.execute("INSERT INTO units (owner, name, year, report, updated) VALUES ('甲镇', '乙镇', 2020, ?, 'x')",
                   (poisoned,))
    assert [u.id for u in ws.units("甲镇")] == [good.id] and [u.id for u in ws.units("x", admin=True)] == [good.id]
    assert ws.unreadable("甲镇") == ["乙镇 2020年度"]
    with pytest.raises(InputError, match="已存数据无法读取"):
        ws.get(good.id + 1, "甲镇")
    too_big = good.report.model_copy(deep=True)
    too_big.tables.set("t3.new_received.natural_person", 10**10)  # assigned past validation
    with pytest.raises(InputError, match="无法保存"):
        ws.save_report("甲镇", too_big)
    assert len(ws.units("甲镇")) == 1


@pytest.mark.parametrize("base_url", [
    "https://llm.example.com/sk-SENTINEL0123456789/v1",  # in the path
    "https://llm.example.com/v1#key=sk-SENTINEL0123456789",  # in the fragment
    "https://llm.example.com/v1;key=SENTINEL0123456789",  # as a ;parameter
    "https://llm.example.com/v1?deployment=x&sig=SENTINEL0123456789",
    "https://llm.example.com/a9SENTINEL0123456789Zz/v1",  # a long random token, no prefix
])
def test_config_redacts_a_key_anywhere_in_the_url(tmp_path: Path, base_url: str) -> None:
    result = h.run_measured(h.cli("config"), tmp_path, {
        **os.environ, "NIANBAO_LLM_BASE_URL": base_url, "NIANBAO_LLM_MODEL": "m", "COLUMNS": "300"})
    assert result.exit == 0
    assert "SENTINEL" not in result.stdout and "llm.example.com" in result.stdout and "****" in result.stdout


def test_config_redacts_secret_fields_of_the_extra_body(tmp_path: Path) -> None:
    extra = ('{"api_key": "sk-SENTINEL1", "headers": {"Authorization": "Bearer SENTINEL2"}, "password": "SENTINEL3",'
             ' "note": "sk-SENTINEL4abc", "enable_thinking": false}')
    result = h.run_measured(h.cli("config"), tmp_path, {
        **os.environ, "NIANBAO_LLM_EXTRA_BODY": extra, "NIANBAO_LLM_MODEL": "m", "COLUMNS": "300"})
    assert result.exit == 0
    assert "SENTINEL" not in result.stdout, result.stdout
    assert '"enable_thinking": false' in result.stdout and '"api_key": "****"' in result.stdout


def _private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    temp = tmp_path / "private"
    temp.mkdir()
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(temp))
    return temp


def test_ui_batch_results_name_the_file_not_its_server_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.ui.batch_tab import batch_zip

    temp = _private_temp(tmp_path, monkeypatch)
    bad_yaml = h._text(tmp_path, "d.yaml", h.VALID_YAML.replace("乡镇", "村"))
    bad_json = h._text(tmp_path, "e.json", '{"meta": {"year": 2020,}}')
    archive, status = batch_zip([str(bad_yaml), str(bad_json)])
    assert "共 2 个单位" in status
    with zipfile.ZipFile(archive) as zf:
        texts = {n: zf.read(n) for n in zf.namelist() if n.endswith(("输入错误.txt", "汇总.html", "汇总.xlsx"))}
        for name in [n for n in texts if n.endswith(".xlsx")]:  # the sheet's strings, unpacked
            with zipfile.ZipFile(__import__("io").BytesIO(texts[name])) as inner:
                texts[name] = b"".join(inner.read(m) for m in inner.namelist() if m.endswith(".xml"))
    assert len(texts) == 4, list(texts)
    for name, data in texts.items():
        text = data.decode("utf-8")
        assert str(temp) not in text and "nianbao-batch" not in text and "inputs/" not in text, (name, text[:300])
    errors = {n.split("/")[0]: v.decode() for n, v in texts.items() if n.endswith("输入错误.txt")}
    assert errors["e"].startswith("e.json：JSON 格式错误，第 1 行第 24 列"), errors
    assert errors["d"].startswith("基本信息·机关类型：应为以下之一"), errors


def test_a_zip_holding_only_a_zip_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.ui.batch_tab import batch_zip

    _private_temp(tmp_path, monkeypatch)
    inner = h.write_zip(tmp_path / "内层.zip", {"甲镇.yaml": h.VALID_YAML.encode()})
    outer = h.write_zip(tmp_path / "外层.zip", {"内层.zip": inner.read_bytes()})
    with pytest.raises(InputError) as caught:
        batch_zip([str(outer)])
    assert str(caught.value) == "压缩包中没有工作簿或输入文件（.xlsx、.yaml、.yml、.json；压缩包里的压缩包不会展开）"


def test_upload_stubs_are_swept_while_the_server_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.ui.tempfiles import start_stub_sweeper, sweep_upload_stubs

    temp = _private_temp(tmp_path, monkeypatch)
    stub, upload, mine = temp / "tmpabc123", temp / "tmpdata", temp / "其他"
    stub.touch()
    upload.write_bytes(b"data")
    mine.touch()
    assert sweep_upload_stubs(max_age=3600) == 0 and stub.exists(), "a fresh stub may still be being written"
    start_stub_sweeper(interval=0.05, max_age=0)
    deadline = time.monotonic() + 10
    while stub.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not stub.exists() and upload.exists() and mine.exists()


def test_the_bind_refusal_says_the_ui_cannot_start(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NIANBAO_USERS", "GRADIO_SERVER_NAME")}
    result = h.run_measured(h.cli("ui", "--host", "0.0.0.0", "--workspace", str(tmp_path / "ws")), tmp_path, env)
    assert result.exit == 2
    assert result.stderr.strip().startswith("无法启动网页界面：在 0.0.0.0 上监听需要登录"), result.stderr


def _poisoned_workspace(folder: Path, owner: str) -> tuple[int, int]:
    """A workspace with a good unit and a row an older version stored with a 4,301-digit count: (good id, bad id)."""
    from assistant.readers.inputfile import load_report
    from assistant.resources import data_dir

    ws = Workspace(folder)
    good = ws.save_report(owner, load_report(data_dir("examples") / "zhuting-2020.yaml"))
    with sqlite3.connect(ws.path) as db:
        report = db.execute("SELECT report FROM units WHERE id=?", (good.id,)).fetchone()[0]
        poisoned = report.replace('"new_received":{"natural_person":1,', '"new_received":{"natural_person":' +
                                  "9" * 4301 + ",", 1)
        bad = db.execute("INSERT INTO units (owner, name, year, report, updated) VALUES (?, '乙镇', 2020, ?, 'x')",
                         (owner, poisoned)).lastrowid
    assert bad is not None
    return good.id, bad


def test_the_page_lists_an_unreadable_unit_apart_and_opening_it_says_why(tmp_path: Path) -> None:
    good, bad = _poisoned_workspace(tmp_path / "ws", LOCAL_USER)
    with running_ui_process(tmp_path / "ws", {}) as (url, _proc):
        client = Client(url, verbose=False)
        opened = Outputs(output_names(), client.predict(*blank_page(), good, api_name="/open_unit"))
        refused = Outputs(output_names(), client.predict(*opened.form(), *opened.sections(), bad,
                                                         api_name="/open_unit"))
    assert "另有 1 个单位的已存数据无法读取，未列出：乙镇 2020年度" in str(opened["status"])
    assert [label for label, _id in opened["unit_picker"]["choices"]] == ["袁州区竹亭镇人民政府 2020年度"]
    message = str(refused["msg_unit"])
    assert "单位“乙镇 2020年度”的已存数据无法读取（可能已损坏），请重新导入该单位" in message, message
    assert "validation" not in message.lower() and "pydantic" not in message.lower(), message


def test_an_unreadable_last_unit_does_not_stop_the_page_from_opening(tmp_path: Path) -> None:
    from assistant.ui import handlers

    good, bad = _poisoned_workspace(tmp_path / "ws", "甲镇")
    ws = Workspace(tmp_path / "ws")
    ws.remember_opened("甲镇", bad)
    view = handlers.reopen_last(ws, "甲镇")
    assert view is not None and view.unit.id == good
    with pytest.raises(InputError, match="单位“乙镇 2020年度”的已存数据无法读取"):
        handlers.open_unit(ws, "甲镇", bad)
