"""The UI in headless Chromium: log in, import a file, run an experiment on the fake model and
watch it finish, Compare Versions (form -> waiting page -> comparison), filter to regressions,
keyboard paging, promote a label, the XSS case; a viewer sees no write buttons and logs out."""

from pathlib import Path

import httpx
from playwright.async_api import Page, expect

from app.ui import demo_data
from tests.e2e.conftest import Live, log_in, shot

SCRIPT = "<script>alert(1)</script>"


def _jsonl(tmp_path: Path) -> Path:
    lines = [
        f'{{"input": {{"query": "{q}"}}, "ground_truth": {{"answer": "{expected}"}}}}'
        for q, (expected, _v1, _v2) in demo_data.CASES.items()
    ]
    lines.append('{"input": "<script>alert(1)</script>", "ground_truth": "<script>alert(1)</script>"}')
    path = tmp_path / "support.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def _prompts_and_evaluator(api: httpx.Client) -> None:
    for text in (demo_data.PROMPT_V1, demo_data.PROMPT_V2):
        api.post("/api/v1/prompts/", json={
            "name": demo_data.PROMPT_NAME, "template": text, "config": {"model": "demo-model"},
        }).raise_for_status()
    api.post("/api/v1/evaluators/", json={
        "name": "exact answer", "kind": "exact_match", "score_name": "exact",
        "config": {"expected_key": "answer"},
    }).raise_for_status()


async def _create_and_import(page: Page, tmp_path: Path) -> None:
    await page.get_by_label("Name", exact=True).fill("Support Agent QA")
    await page.get_by_label("Tags (comma separated)").fill("support, qa")
    await page.get_by_role("button", name="Create dataset").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Support Agent QA")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"input": "fine"}\n{"input": null}\n')
    await page.get_by_label("JSONL or CSV file (all or nothing)").set_input_files(bad)
    await page.get_by_role("button", name="Import").click()
    await expect(page.locator("#import-errors tbody tr")).to_have_count(1)
    await expect(page.locator("#import-errors tbody td").first).to_have_text("2")
    await page.get_by_label("JSONL or CSV file (all or nothing)").set_input_files(_jsonl(tmp_path))
    await page.get_by_role("button", name="Import").click()
    await expect(page.locator("#items tbody tr")).to_have_count(9)


async def _new_experiment(page: Page) -> None:
    """New Experiment against the fake model; the page follows it until it finishes."""
    form = page.locator("#new-experiment")
    await form.get_by_label("Name", exact=True).fill("v1 on support")
    await form.get_by_label("Prompt name").fill(demo_data.PROMPT_NAME)
    await form.get_by_label("Label or version").fill("1")
    await form.get_by_label("Model", exact=True).fill("demo-model")
    await form.get_by_label("exact answer").check()
    await form.get_by_role("button", name="Start experiment").click()
    await expect(page.locator("#status")).to_have_text("completed")
    await expect(page.locator("#n-completed")).to_have_text("9")
    await expect(page.locator("#results tbody tr")).to_have_count(9)
    await shot(page, "experiment")


async def _compare_versions(page: Page, live: Live) -> None:
    """Compare Versions: form -> waiting page -> comparison."""
    await page.goto(f"{live.url}/ui/datasets/")
    await page.get_by_role("link", name="Support Agent QA").click()
    form = page.locator("#compare-versions")
    await form.get_by_label("Prompt name").fill(demo_data.PROMPT_NAME)
    await form.get_by_label("Version A (baseline)").fill("1")
    await form.get_by_label("Version B").fill("2")
    await form.get_by_label("exact answer").check()
    await form.get_by_role("button", name="Compare").click()
    await page.wait_for_url("**/ui/compare/?experiment_ids=*")
    await expect(page.locator("tr.cmp-row")).to_have_count(9)
    await expect(page.locator("tr.cmp-row.regressed")).to_have_count(2)
    await expect(page.locator("tr.cmp-row.improved")).to_have_count(4)
    await expect(page.locator("#comparison")).to_contain_text(SCRIPT)
    await shot(page, "comparison")


async def _regressions_and_keys(page: Page) -> None:
    await page.get_by_label("Show").select_option("regressions")
    await page.get_by_role("button", name="Apply").click()
    await expect(page.locator("tr.cmp-row")).to_have_count(2)
    assert "show=regressions" in page.url  # the state is in the link
    for key, row in (("j", "row-2"), ("j", "row-7"), ("k", "row-2")):
        await page.keyboard.press(key)
        await expect(page.locator("tr.cmp-row.current")).to_have_id(row)


async def _promote(page: Page) -> None:
    await page.get_by_role("link", name="Prompts").click()
    await page.get_by_role("link", name=demo_data.PROMPT_NAME).click()
    await expect(page.locator("#version-diff ins").first).to_be_visible()
    promote = page.locator("#promote")
    await promote.get_by_label("Label", exact=True).fill("production")
    await promote.get_by_label("Version", exact=True).select_option("2")
    await promote.get_by_role("button", name="Promote").click()
    await expect(page.locator("#versions tbody tr").first.locator(".label")).to_have_text("production")
    await shot(page, "prompt")


async def test_admin_runs_an_experiment_compares_versions_and_promotes(
    page: Page, live: Live, api: httpx.Client, tmp_path: Path
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: dialogs.append(d.message))
    _prompts_and_evaluator(api)
    await log_in(page, live, live.admin)
    await expect(page.locator("header .org")).to_have_text("acme")
    await _create_and_import(page, tmp_path)
    await expect(page.locator("#items")).to_contain_text(SCRIPT)  # shown as text
    await shot(page, "dataset")
    await _new_experiment(page)
    await _compare_versions(page, live)
    await _regressions_and_keys(page)
    await _promote(page)
    assert api.get("/api/v1/prompts/support-agent/?label=production").json()["version"] == 2
    assert dialogs == []  # no script ran anywhere


async def test_viewer_sees_no_write_buttons_and_logs_out(page: Page, live: Live, api: httpx.Client) -> None:
    api.post("/api/v1/datasets/", json={"name": "Shared"}).raise_for_status()
    await log_in(page, live, live.viewer)
    await expect(page.locator("header .user")).to_have_text("viewer@acme.test (viewer)")
    await expect(page.get_by_role("button", name="Create dataset")).to_have_count(0)
    await page.get_by_role("link", name="Shared").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Shared")
    for name in ("New Experiment", "Compare Versions", "Import", "Add item"):
        await expect(page.get_by_role("button", name=name)).to_have_count(0)
        await expect(page.get_by_role("link", name=name)).to_have_count(0)
    await page.get_by_role("link", name="Evaluators").click()
    await expect(page.get_by_role("button", name="Create evaluator")).to_have_count(0)
    await page.get_by_role("button", name="Log out").click()
    await page.wait_for_url(f"{live.url}/ui/login/")
    await page.goto(f"{live.url}/ui/datasets/")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
