// Opens the glossary report in headless Chromium and does what a reviewer does: reads the
// overview, searches, opens a term, moves with the keyboard. Prints one JSON object.
//
//   node report.mjs REPORT.html OUT_DIR QUERY [QUERY…]
//
// OUT_DIR receives overview.png and term-panel.png. Chromium: $CHROMIUM or /usr/bin/chromium.
import { chromium } from "playwright-core";

const [, , html, outDir, query, ...timed] = process.argv;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  // No background connections: this machine's network is closed, and the page needs none.
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const result = { errors: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on("console", (m) => { if (m.type() === "error") result.errors.push(m.text()); });
  page.on("pageerror", (e) => result.errors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith("file:")) result.errors.push("network request: " + r.url()); });
  await page.goto("file://" + html);
  await page.waitForSelector("#term-table tbody tr");
  result.total = Number(await page.getAttribute("#term-table", "data-total"));
  result.rows = await page.locator("#term-table tbody tr").count();
  result.count = await page.textContent("#count");
  result.summary = await page.locator("#summary .card").allTextContents();
  await page.screenshot({ path: outDir + "/overview.png" });

  // Search by typing, as a person does (the "/" key focuses the field).
  await page.keyboard.press("/");
  await page.keyboard.type(query);
  result.matching = await page.locator("#term-table tbody tr th").allTextContents();
  await page.locator("#term-table tbody tr").first().click();
  await page.waitForSelector("#panel:not([hidden])");
  result.panelTitle = await page.textContent("#panel-title");
  result.contexts = await page.locator("#panel .kwic li").allTextContents();
  result.marked = await page.locator("#panel .kwic mark").allTextContents();
  await page.locator("#terms").screenshot({ path: outDir + "/term-panel.png" });

  // Keyboard only: close, focus the first row, open it with Enter.
  await page.keyboard.press("Escape");
  result.closedByEscape = await page.locator("#panel").isHidden();
  await page.locator("#term-table tbody tr").first().focus();
  await page.keyboard.press("Enter");
  result.openedByEnter = await page.locator("#panel").isVisible();

  // Sorting by a column header.
  await page.fill("#search", "");
  await page.dispatchEvent("#search", "input");
  await page.click('th[data-key="zh"] button');
  result.sortedBy = await page.getAttribute('th[data-key="zh"]', "aria-sort");

  // 200 % zoom of a 1400-pixel window is a 700-pixel viewport: no sideways scrolling of the
  // page, the panel under the table.
  await page.locator("#term-table tbody tr").first().click();
  await page.setViewportSize({ width: 700, height: 900 });
  result.zoomOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const table = await page.locator(".table-wrap").boundingBox();
  const panel = await page.locator("#panel").boundingBox();
  result.zoomPanelBelow = panel.y >= table.y + table.height - 1;
  await page.setViewportSize({ width: 1400, height: 1000 });
  // Print: no navigation or filters, the table still there.
  await page.emulateMedia({ media: "print" });
  result.printHidesFilters = await page.locator("#filters").isHidden();
  result.printShowsTable = await page.locator("#term-table").isVisible();
  await page.emulateMedia({ media: "screen" });

  // How the aligned translations render a term (青年交流营 in the bundled pair), where the
  // report has it: the pairs with the term and its English marked.
  await page.fill("#search", "青年交流营");
  await page.dispatchEvent("#search", "input");
  if (await page.locator("#term-table tbody tr").count() > 0) {
    await page.locator("#term-table tbody tr").first().click();
    await page.waitForSelector("#panel:not([hidden])");
    result.usage = await page.locator("#panel .usage li").allTextContents();
    result.usageMarked = await page.locator("#panel .usage mark").allTextContents();
    result.usageTable = await page.locator("#panel .renderings td").allTextContents();
  }

  // Search latency, measured in the page: filtering every entry and drawing the first page.
  result.searchMs = [];
  for (const q of timed) result.searchMs.push(await page.evaluate((q) => window.glossaryReport.search(q), q));
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
