// Shared plumbing for the browser journeys (journey.mjs, orgs.mjs): configuration from the
// environment, launching Debian's chromium through playwright-core, step bookkeeping, page
// helpers, and the failure path (screenshot + HTML in e2e/test-results/, exit 1).
//
// A journey script calls configure() first, then run(main); inside main it calls
// launchChromium() and wraps each check in step(). Exit codes: 0 every step passed, 1 the
// first failure (or the whole-run timeout), 2 a usage error.
//
// Env read here: CHROMIUM_PATH (default /usr/bin/chromium), JOURNEY_TIMEOUT_MS (whole run,
// default 180000), JOURNEY_STEP_TIMEOUT_MS (one wait, default 10000).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = join(HERE, 'test-results');

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const TOTAL_TIMEOUT = Number(process.env.JOURNEY_TIMEOUT_MS || 180_000);
export const STEP_TIMEOUT = Number(process.env.JOURNEY_STEP_TIMEOUT_MS || 10_000);

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------------------------------
// Configuration

let NAME = 'e2e'; // the script's name: prefix of its messages and failure artifacts
let BASE; // URL of the server under test

// Reads BASE_URL and the `required` env variables; on a missing or malformed one prints
// `<name>: <problem>` and `usage` to stderr and exits 2. Returns the parsed BASE_URL.
export function configure({ name, usage, required = [] }) {
  NAME = name;
  const die = (msg) => {
    console.error(`${NAME}: ${msg}`);
    console.error(usage);
    process.exit(2);
  };
  const raw = process.env.BASE_URL;
  if (!raw) die('BASE_URL is not set');
  try {
    BASE = new URL(raw);
  } catch {
    die(`BASE_URL is not a URL: ${JSON.stringify(raw)}`);
  }
  for (const v of required) {
    if (!process.env[v]) die(`${v} is not set`);
  }
  return BASE;
}

// ---------------------------------------------------------------------------------------
// Failing

export class StepFailure extends Error {}

export function fail(msg) {
  throw new StepFailure(msg);
}

export function expect(cond, msg) {
  if (!cond) fail(msg);
}

export const firstLine = (e) => String((e && e.message) || e).split('\n')[0];
export const squash = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------
// Browser and pages

let browser; // set by launchChromium()

// Every page of the run, for screenshots on failure.
const openPages = new Map(); // label -> page
const serverErrors = []; // 5xx responses seen

export async function launchChromium() {
  let playwright;
  try {
    playwright = await import('playwright-core');
  } catch (e) {
    fail(`cannot load playwright-core (run: cd e2e && npm ci): ${e.message}`);
  }
  if (!existsSync(CHROMIUM)) fail(`no chromium at ${CHROMIUM} (apt-get install chromium)`);

  try {
    browser = await playwright.chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  } catch (e) {
    fail(`cannot launch ${CHROMIUM}: ${e.message}`);
  }
  return browser;
}

// Registers `page` under `label` (screenshots on failure, 5xx tracking, timeouts).
export function watch(page, label) {
  openPages.set(label, page);
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.setDefaultNavigationTimeout(STEP_TIMEOUT + 5_000);
  page.on('response', (r) => {
    if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('pageerror', (e) => console.error(`  [${label}] page error: ${e.message}`));
  page.on('close', () => openPages.delete(label));
  return page;
}

// A fresh context (own cookies) per person, Kazakh browser unless `opts` says otherwise.
export async function newPerson(label, opts = {}) {
  const ctx = await browser.newContext({ locale: 'kk-KZ', ...opts });
  const page = watch(await ctx.newPage(), label);
  return { ctx, page };
}

export function url(path) {
  return new URL(path, BASE).toString();
}

export function pathOf(page) {
  return new URL(page.url()).pathname;
}

function explainNetError(e, target) {
  const m = String(e && e.message);
  if (/ERR_CONNECTION_REFUSED/.test(m)) return `connection refused at ${target} (is the server running on ${BASE.host}?)`;
  if (/ERR_NAME_NOT_RESOLVED/.test(m)) return `cannot resolve the host of ${target}`;
  if (/ERR_UNSAFE_PORT/.test(m)) return `chromium refuses the port of ${target} (an unsafe port); use another port`;
  if (/ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE/.test(m)) return `the server closed the connection for ${target}`;
  if (/Timeout .* exceeded/.test(m)) return `timed out loading ${target}`;
  return null;
}

// GET a path; fails on a network error or on a status `okStatus` refuses.
export async function visit(page, path, { okStatus = (s) => s < 400 } = {}) {
  const target = url(path);
  let resp;
  try {
    resp = await page.goto(target, { waitUntil: 'load' });
  } catch (e) {
    fail(explainNetError(e, target) || `GET ${target} failed: ${firstLine(e)}`);
  }
  const status = resp ? resp.status() : 0;
  expect(okStatus(status), `GET ${target} answered HTTP ${status} (final URL ${page.url()})`);
  return resp;
}

// Submit `form` through its submit button and wait for the resulting page load.
// bypassBrowserValidation: set form.noValidate so the server's validation is what answers.
export async function submit(page, formSel, { bypassBrowserValidation = false } = {}) {
  const form = page.locator(formSel);
  await form.waitFor({ state: 'attached' }).catch(() => fail(`no ${formSel} on ${page.url()}`));
  if (bypassBrowserValidation) {
    await form.evaluate((f) => {
      f.noValidate = true;
    });
  } else {
    const invalid = await form.evaluate((f) =>
      f.noValidate
        ? []
        : [...f.elements]
            .filter((el) => el.willValidate && !el.checkValidity())
            .map((el) => `${el.name || el.id}: ${el.validationMessage}`),
    );
    expect(
      invalid.length === 0,
      `the browser would refuse to submit ${formSel} (client-side validation): ${invalid.join('; ')}`,
    );
  }
  const button = page.locator(`${formSel} button[type=submit]`).first();
  let resp;
  try {
    [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  } catch (e) {
    fail(explainNetError(e, page.url()) || `submitting ${formSel} did not load a page: ${firstLine(e)}`);
  }
  const status = resp ? resp.status() : 0;
  expect(status < 500, `submitting ${formSel} answered HTTP ${status} (${page.url()})`);
  return resp;
}

// Fills and submits form#login on /login. What counts as success is the caller's to check.
export async function submitLogin(page, email, password) {
  await visit(page, '/login');
  await fill(page, 'form#login', 'email', email);
  await fill(page, 'form#login', 'password', password);
  return submit(page, 'form#login');
}

export async function fill(page, formSel, name, value) {
  const input = page.locator(`${formSel} input[name="${name}"]`).first();
  try {
    await input.fill(value);
  } catch (e) {
    fail(`cannot fill input[name=${name}] in ${formSel} on ${page.url()}: ${firstLine(e)}`);
  }
}

export async function selectIn(page, formSel, name, value) {
  try {
    await page.locator(`${formSel} select[name="${name}"]`).first().selectOption(value);
  } catch (e) {
    fail(`cannot choose ${value} in ${formSel} select[name=${name}] on ${page.url()}: ${firstLine(e)}`);
  }
}

export async function check(page, selector) {
  const el = page.locator(selector).first();
  if ((await el.count()) === 0) fail(`no ${selector} on ${page.url()}`);
  try {
    await el.check();
  } catch (e) {
    fail(`cannot check ${selector} on ${page.url()}: ${firstLine(e)}`);
  }
}

export async function valueOf(page, selector) {
  const el = page.locator(selector).first();
  if ((await el.count()) === 0) fail(`no ${selector} on ${page.url()}`);
  return el.inputValue();
}

export async function isChecked(page, selector) {
  const el = page.locator(selector).first();
  if ((await el.count()) === 0) fail(`no ${selector} on ${page.url()}`);
  return el.isChecked();
}

export async function expectVisible(page, selector, what = selector) {
  try {
    await page.locator(selector).first().waitFor({ state: 'visible' });
  } catch {
    fail(`expected ${what} to be visible on ${page.url()}`);
  }
}

// `#id: text` of every visible, non-empty .field-error.
export async function visibleFieldErrors(page) {
  return page.$$eval('.field-error', (els) =>
    els.filter((e) => e.offsetParent !== null && e.textContent.trim() !== '').map((e) => `#${e.id}: ${e.textContent.trim()}`),
  );
}

export async function expectNoFieldErrors(page, what) {
  const errs = await visibleFieldErrors(page);
  expect(errs.length === 0, `${what}: the page shows field errors: ${errs.join('; ')}`);
}

// ---------------------------------------------------------------------------------------
// Steps and the run

let passed = 0;
let current = '(start)';

// Runs one named check; prints `ok N - name` when it passed and no 5xx was seen so far.
export async function step(name, fn) {
  current = name;
  await fn();
  if (serverErrors.length) fail(`server errors during this step: ${serverErrors.join(', ')}`);
  passed++;
  console.log(`ok ${passed} - ${name}`);
}

async function saveFailureArtifacts() {
  try {
    mkdirSync(RESULTS_DIR, { recursive: true });
  } catch {
    return [];
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const saved = [];
  for (const [label, page] of openPages) {
    if (page.isClosed()) continue;
    const base = join(RESULTS_DIR, `${NAME}-failure-${stamp}-${label}`);
    try {
      await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 5_000 });
      saved.push(`${base}.png`);
    } catch {}
    try {
      writeFileSync(`${base}.html`, `<!-- ${page.url()} -->\n${await page.content()}`);
      saved.push(`${base}.html`);
    } catch {}
  }
  return saved;
}

// Runs `main` under the whole-run watchdog; prints `<name>: all N steps passed` and exits 0,
// or prints `not ok N - <step>` and the reason, saves artifacts and exits 1.
export async function run(main) {
  const watchdog = setTimeout(() => {
    console.error(`not ok - ${current}\n${NAME}: FAILED: the whole run took more than ${TOTAL_TIMEOUT} ms`);
    saveFailureArtifacts().finally(() => process.exit(1));
  }, TOTAL_TIMEOUT);
  watchdog.unref();

  try {
    await main();
    console.log(`${NAME}: all ${passed} steps passed`);
    await browser?.close();
    clearTimeout(watchdog);
    process.exit(0);
  } catch (e) {
    const msg = e instanceof StepFailure ? e.message : `unexpected error: ${e && e.stack ? e.stack : e}`;
    console.error(`not ok ${passed + 1} - ${current}`);
    console.error(`${NAME}: FAILED at "${current}": ${msg}`);
    const saved = await saveFailureArtifacts();
    if (saved.length) console.error(`${NAME}: saved ${saved.join(', ')}`);
    await browser?.close().catch(() => {});
    clearTimeout(watchdog);
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------
// Shared by the later journeys (book.mjs): Kazakh messages, flashes, links, the mailbox,
// IINs. (events.mjs keeps its own copies of a few of these.)

// Kazakh messages (the default language), read from the source of truth.
let KK;
export function kk(key) {
  if (!KK) {
    KK = new Map();
    const file = join(HERE, '../locales/kk/main.ftl');
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      fail(`cannot read ${file}: ${e.message}`);
    }
    for (const line of text.split('\n')) {
      const m = /^([A-Za-z0-9_-]+)\s*=\s*(.*\S)\s*$/.exec(line);
      if (m) KK.set(m[1], m[2]);
    }
  }
  const v = KK.get(key);
  if (v === undefined) fail(`no message ${key} in locales/kk/main.ftl`);
  return squash(v);
}

// The squashed text of the first `selector`; fails when there is none.
export async function textOf(page, selector) {
  const el = page.locator(selector).first();
  if ((await el.count()) === 0) fail(`no ${selector} on ${page.url()}`);
  return squash(await el.textContent());
}

// Follows a link or clicks a button and waits for the page it loads (fails on >= 400).
export async function clickAndLoad(page, selector, what) {
  const el = page.locator(selector).first();
  if ((await el.count()) === 0) fail(`no ${selector} on ${page.url()} (${what})`);
  let resp;
  try {
    [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), el.click()]);
  } catch (e) {
    fail(`${what}: clicking ${selector} did not load a page: ${firstLine(e)}`);
  }
  const status = resp ? resp.status() : 0;
  expect(status < 400, `${what}: clicking ${selector} answered HTTP ${status} (${page.url()})`);
  return resp;
}

// The layout's one-time success message reads the Kazakh message `key`.
export async function expectFlash(page, key, what) {
  const sel = 'p.flash-success[role=status]';
  try {
    await page.locator(sel).first().waitFor({ state: 'visible' });
  } catch {
    const cookie = (await page.context().cookies(page.url())).find((c) => c.name === 'erikti_flash');
    fail(`${what}: no success message (${sel}) on ${page.url()} (flash cookie: ${cookie ? cookie.value : 'none'}, expected ${key})`);
  }
  const text = squash(await page.locator(sel).first().textContent());
  expect(text === kk(key), `${what}: the success message reads ${JSON.stringify(text)}, expected ${key} = ${JSON.stringify(kk(key))}`);
}

// Links (hrefs containing `part`) in the messages to `to` in /admin/mailbox, newest first;
// `admin` is a signed-in national admin's page. Polls up to `waitMs` for the first one.
export async function mailboxLinks(admin, to, part, waitMs = 15_000) {
  const sel = `article.message[data-to="${to}"] a[href*="${part}"]`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    await visit(admin, '/admin/mailbox');
    expect(pathOf(admin) === '/admin/mailbox', `/admin/mailbox redirected to ${admin.url()} (not a national admin?)`);
    const hrefs = await admin.$$eval(sel, (links) => links.map((a) => a.getAttribute('href')));
    if (hrefs.length) return hrefs;
    if (Date.now() > deadline) {
      const tos = await admin.$$eval('article.message', (as) => as.map((a) => a.getAttribute('data-to')));
      fail(`no message to ${to} with a link containing ${part} in /admin/mailbox after ${waitMs} ms (messages to: ${tos.slice(0, 10).join(', ') || 'none'})`);
    }
    await admin.waitForTimeout(300);
  }
}

// IIN (ЖСН): YYMMDD + century/sex digit + 4-digit serial + check digit.
export function iinCheckDigit(first11) {
  const d = [...first11].map(Number);
  if (d.length !== 11 || d.some(Number.isNaN)) throw new Error(`bad IIN prefix ${first11}`);
  const w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
  let c = d.reduce((s, x, i) => s + x * w1[i], 0) % 11;
  if (c === 10) c = d.reduce((s, x, i) => s + x * w2[i], 0) % 11;
  return c === 10 ? null : c; // null: this serial cannot make a valid IIN
}

// A valid IIN for a birth date (YYYY-MM-DD) and century/sex digit (5 a man, 6 a woman
// born in the 2000s; 3 and 4 in the 1900s).
export function makeIin(birth, centurySex, serial = 123) {
  const [y, m, dd] = birth.split('-');
  for (let s = serial; s < serial + 10_000; s++) {
    const prefix = `${y.slice(2)}${m}${dd}${centurySex}${String(s % 10_000).padStart(4, '0')}`;
    const c = iinCheckDigit(prefix);
    if (c !== null) return prefix + c;
  }
  throw new Error('no valid IIN serial found');
}

// ---------------------------------------------------------------------------------------
// Shared by help.mjs (and free for the others): logging in as someone, table rows.

// Logs `who` ({ label, email, password }) in; fails when the page stays on /login.
export async function loginAs(page, who) {
  await submitLogin(page, who.email, who.password);
  await expectNoFieldErrors(page, `${who.label} login`);
  expect(pathOf(page) !== '/login', `${who.label} login (${who.email}) did not leave /login (wrong e-mail/password, or not confirmed?)`);
}

// The rows matching `rowSel`: { key: the row's `keyAttr`, status: its data-status, cells:
// the squashed text of each <td>, text: the whole row's squashed text }.
export async function tableRows(page, rowSel, keyAttr) {
  return page.$$eval(
    rowSel,
    (trs, attr) =>
      trs.map((tr) => ({
        key: attr ? tr.getAttribute(attr) : null,
        status: tr.getAttribute('data-status'),
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim()),
        text: tr.textContent.replace(/\s+/g, ' ').trim(),
      })),
    keyAttr,
  );
}
