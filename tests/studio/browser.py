"""Label Studio's labeling view in headless Chromium (Debian's `chromium` and `chromium-driver`,
driven by selenium): log in, open a task, read what the page renders.

What is read, and the DOM hooks it rests on (Label Studio 1.23's editor):

- regions: every piece of a highlighted span carries the class ``htx-highlight-<region id>-<n>``
  (the id of the prediction's region); the piece that starts it has ``data-start``, the one
  that ends it ``data-end`` and ``data-label="<index>:<LABEL>"``;
- the region list (side panel, "Regions"): ``.lsf-outliner-item`` with its index, label and
  text;
- relations: the "Relations" panel lists ``.lsf-relations__item``, each with the indexes of
  its two regions, from first to second; the arrows drawn over the text
  (``svg.relations-overlay``) carry the relation labels, in the same order;
- choices: each ``Choices`` control is a ``.lsf-choices`` group of radio inputs named after
  their values (``lsf-choices_hidden`` while a per-region control has no region selected).
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import in_ci

WAIT = 60.0  # seconds for a page to do what is awaited (the server shares two cores)

# Everything read in one script, so that the picture is of one moment.
_READ = """
const regions = {};
for (const el of document.querySelectorAll('.htx-highlight')) {
  const cls = [...el.classList].find(c => /^htx-highlight-.+-\\d+$/.test(c));
  if (!cls) continue;
  const id = cls.replace(/^htx-highlight-/, '').replace(/-\\d+$/, '');
  const r = regions[id] || (regions[id] = {});
  if (el.dataset.label) {
    const at = el.dataset.label.indexOf(':');
    r.index = Number(el.dataset.label.slice(0, at));
    r.label = el.dataset.label.slice(at + 1);
  }
  if (el.dataset.start !== undefined) r.start = Number(el.dataset.start);
  if (el.dataset.end !== undefined) r.end = Number(el.dataset.end);
}
const text = (el, sel) => (el.querySelector(sel) || {}).textContent || '';
const outliner = [...document.querySelectorAll('.lsf-outliner-item')].map(el => ({
  index: Number(text(el, '.lsf-outliner-item__index')),
  label: text(el, '.lsf-labels-list').trim(),
  text: text(el, '.lsf-outliner-item__text'),
}));
const relations = [...document.querySelectorAll('.lsf-relations__item')].map(el =>
  [...el.querySelectorAll('.lsf-detailed-region__index_value')].map(x => Number(x.textContent)));
const arrows = [...document.querySelectorAll('svg.relations-overlay g[class^="relationItem"]')]
  .map(g => [...g.querySelectorAll('text')].map(t => t.textContent).join(','));
const choices = [...document.querySelectorAll('.lsf-choices')].map(g => ({
  hidden: g.classList.contains('lsf-choices_hidden'),
  values: [...g.querySelectorAll('input')].map(i => i.name),
  checked: [...g.querySelectorAll('input')].filter(i => i.checked).map(i => i.name),
}));
return {regions, outliner, relations, arrows, choices};
"""


def find_browser() -> tuple[str, str] | None:
    """Chromium and its driver, as Debian installs them (`apt-get install chromium
    chromium-driver`), or None."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


def browser_or_skip() -> tuple[str, str]:
    """Chromium and its driver, with selenium to drive them; else the test skips, except under
    CI, where it fails: a CI that lost its browser must not stay green by skipping."""
    found = find_browser()
    missing = (
        [] if found else ["chromium and chromedriver (apt-get install chromium chromium-driver)"]
    )
    if importlib.util.find_spec("selenium") is None:
        missing.append("selenium (pip install -e '.[test]')")
    if found is None or missing:
        reason = f"no browser to test with: {' and '.join(missing)} missing"
        if in_ci():
            pytest.fail(f"{reason}; CI is set: the browser test must run (see .ci/run)")
        pytest.skip(reason)
    return found


class LabelingView:
    """One headless Chromium on a Label Studio server."""

    def __init__(self, chromium: str, driver: str) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        # Headless; as root (CI) Chromium needs --no-sandbox; /dev/shm is small in containers.
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
            options.add_argument(arg)
        options.add_argument("--window-size=1600,1200")
        # The driver is given: selenium must not look for (or download) one of its own.
        self.driver = webdriver.Chrome(service=Service(driver), options=options)

    def close(self) -> None:
        self.driver.quit()

    def _until(self, what: str, condition: Any) -> Any:
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, WAIT).until(condition, message=f"waiting for {what}")

    def log_in(self, url: str, email: str, password: str) -> None:
        from selenium.webdriver.common.by import By

        self.driver.get(f"{url}/user/login/")
        self._until("the login form", lambda d: d.find_elements(By.NAME, "email"))
        self.driver.find_element(By.NAME, "email").send_keys(email)
        self.driver.find_element(By.NAME, "password").send_keys(password)
        self.driver.find_element(By.CSS_SELECTOR, "form [type=submit]").click()
        self._until("the login to go through", lambda d: "/user/login" not in d.current_url)

    def open_task(self, url: str, project_id: int, task_id: int, regions: int) -> None:
        """The task in the labeling view, once ``regions`` regions are drawn."""
        self.driver.get(f"{url}/projects/{project_id}/data?task={task_id}")
        self._until(
            f"{regions} regions drawn in task {task_id}",
            lambda d: len(self.read()["regions"]) >= regions and self.read()["outliner"],
        )

    def read(self) -> dict[str, Any]:
        got: dict[str, Any] = self.driver.execute_script(_READ)
        return got

    def show_relations(self, count: int) -> None:
        """Switch the side panel to "Relations" and wait for ``count`` of them."""
        from selenium.webdriver.common.by import By

        tabs = self.driver.find_elements(By.CSS_SELECTOR, ".lsf-panel-tabs__tab")
        (tab,) = [t for t in tabs if t.text.strip() == "Relations"]
        tab.click()
        self._until(f"{count} relations listed", lambda d: len(self.read()["relations"]) >= count)

    def select_region(self, index: int) -> None:
        """Click a region in the list, as an annotator does to see its per-region choices."""
        from selenium.webdriver.common.by import By

        for item in self.driver.find_elements(By.CSS_SELECTOR, ".lsf-outliner-item"):
            if item.find_element(By.CSS_SELECTOR, ".lsf-outliner-item__index").text == str(index):
                item.click()
                return
        raise AssertionError(f"no region {index} in the region list")

    def shown_choices(self, values: set[str]) -> list[str]:
        """The checked values of the visible choices group offering exactly ``values``."""

        def group(d: Any) -> list[str] | None:
            for g in self.read()["choices"]:
                if not g["hidden"] and set(g["values"]) == values:
                    return list(g["checked"])
            return None

        found: list[str] = self._until(f"a choices group of {sorted(values)}", group)
        return found


@contextmanager
def evidence(view: LabelingView, folder: Path, name: str) -> Iterator[None]:
    """On a failure inside the block, a screenshot and the page source in ``folder``, named in
    the failure message."""
    try:
        yield
    except Exception as exc:  # a failed assertion, a wait that timed out, a driver error
        folder.mkdir(parents=True, exist_ok=True)
        shot, page = folder / f"{name}.png", folder / f"{name}.html"
        view.driver.save_screenshot(str(shot))
        page.write_text(view.driver.page_source, encoding="utf-8")
        raise AssertionError(f"{exc}\nscreenshot: {shot}\npage source: {page}") from exc
