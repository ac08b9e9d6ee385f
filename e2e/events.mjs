#!/usr/bin/env node
// Browser journey for erikti events (DOMAIN.md journey 2): the owner of a verified
// initiative group creates an event, adds three shifts (one starting in about 40 minutes
// with 50 places, two on the next days) and publishes it; a volunteer applies in the
// browser; within a minute 199 more people apply through the API (exactly 50 accepted in
// all, the rest waitlisted); a cancellation promotes the first on the waitlist; the
// volunteer checks in by the shift's QR code; forged codes are refused.
//
// Plain Node script driving Debian's /usr/bin/chromium with playwright-core (no test
// runner, no browser download). Exits 0 when every step passed, 1 on the first failure
// (with a screenshot and the page's HTML in e2e/test-results/), 2 on a usage error.
//
//   BASE_URL=http://127.0.0.1:34567 OWNER_EMAIL=... VOL_EMAIL=... PASSWORD=... \
//     ORG_ID=<uuid> TOKENS_FILE=/tmp/tokens.txt node e2e/events.mjs
//
// OWNER_EMAIL owns the organisation ORG_ID, which is verified (so it may publish);
// VOL_EMAIL is a confirmed adult volunteer; both log in with PASSWORD. TOKENS_FILE holds
// personal API tokens of other confirmed adult volunteers, one a line (at least 50: the
// journey fills 50 places and needs a waitlist). Shift times are entered in Asia/Almaty
// (UTC+5), the event's default time zone.
//
// Optional env: CHROMIUM_PATH (default /usr/bin/chromium), JOURNEY_TIMEOUT_MS (whole
// run, default 180000), JOURNEY_STEP_TIMEOUT_MS (one wait, default 10000).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  configure,
  expect,
  expectVisible,
  fail,
  fill,
  firstLine,
  isChecked,
  launchChromium,
  newPerson,
  pathOf,
  run,
  selectIn,
  squash,
  step,
  submit,
  submitLogin,
  url,
  visibleFieldErrors,
  visit,
} from './lib.mjs';

// ---------------------------------------------------------------------------------------
// Configuration

const USAGE =
  'usage: BASE_URL=http://127.0.0.1:PORT OWNER_EMAIL=... VOL_EMAIL=... PASSWORD=... ORG_ID=<uuid> ' +
  'TOKENS_FILE=<file with one API token a line> node e2e/events.mjs';
const BASE = configure({
  name: 'events',
  usage: USAGE,
  required: ['OWNER_EMAIL', 'VOL_EMAIL', 'PASSWORD', 'ORG_ID', 'TOKENS_FILE'],
});
const OWNER = { label: 'owner', email: process.env.OWNER_EMAIL, password: process.env.PASSWORD };
const VOL = { label: 'volunteer', email: process.env.VOL_EMAIL, password: process.env.PASSWORD };
const ORG_ID = process.env.ORG_ID;

const usageError = (msg) => {
  console.error(`events: ${msg}`);
  console.error(USAGE);
  process.exit(2);
};

const CAPACITY = 50; // places of the first shift
let TOKENS;
try {
  TOKENS = readFileSync(process.env.TOKENS_FILE, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
} catch (e) {
  usageError(`cannot read TOKENS_FILE ${process.env.TOKENS_FILE}: ${e.message}`);
}
if (TOKENS.length < CAPACITY) usageError(`TOKENS_FILE has ${TOKENS.length} tokens, the journey needs at least ${CAPACITY}`);
// The browser volunteer holds one place; the API applicants fill the rest and wait.
const API_ACCEPTED = CAPACITY - 1;
const API_WAITLISTED = TOKENS.length - API_ACCEPTED;

const EVENT = {
  title_kk: `Ертіс жағасын тазалау ${Date.now()}`,
  title_ru: 'Уборка берега Иртыша',
  locality: 'Павлодар',
  activity_type: 'environment',
  region: 'KZ-55',
};

// Local time of the event: Asia/Almaty, UTC+5 all year.
const TZ_OFFSET_MS = 5 * 3600_000;
const MINUTE = 60_000;
const local = (ms) => {
  const iso = new Date(ms + TZ_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
};

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const MANAGE_PATH_RE = new RegExp(`^/events/(${UUID})/manage$`, 'i');

// Kazakh messages (the default language), read from the source of truth.
const HERE = dirname(fileURLToPath(import.meta.url));
const KK = new Map();
try {
  for (const line of readFileSync(join(HERE, '../locales/kk/main.ftl'), 'utf8').split('\n')) {
    const m = /^([A-Za-z0-9_-]+)\s*=\s*(.*\S)\s*$/.exec(line);
    if (m) KK.set(m[1], m[2]);
  }
} catch (e) {
  usageError(`cannot read locales/kk/main.ftl: ${e.message}`);
}
function kk(key) {
  const v = KK.get(key);
  if (v === undefined) fail(`no message ${key} in locales/kk/main.ftl`);
  return squash(v);
}

// ---------------------------------------------------------------------------------------
// Helpers (the shared ones are in lib.mjs)

// Stricter than lib's expectNoFieldErrors: a #form-error counts too.
async function expectNoErrors(page, what) {
  const errs = await visibleFieldErrors(page);
  const formErr = page.locator('#form-error').first();
  if ((await formErr.count()) > 0) errs.unshift(`#form-error: ${squash(await formErr.textContent())}`);
  expect(errs.length === 0, `${what}: the page shows errors: ${errs.join('; ')}`);
}

async function login(page, who) {
  await submitLogin(page, who.email, who.password);
  await expectNoErrors(page, `${who.label} login`);
  expect(pathOf(page) !== '/login', `${who.label} login (${who.email}) did not leave /login (wrong e-mail/password, or not confirmed?)`);
}

// The one-time flash of the layout reads the Kazakh message `key`. When none is shown
// but the server did set the flash cookie to `key`, the page dropped it: say so.
async function expectFlash(page, key, what) {
  const sel = 'p.flash-success[role=status]';
  try {
    await page.locator(sel).first().waitFor({ state: 'visible' });
  } catch {
    const cookie = (await page.context().cookies(page.url())).find((c) => c.name === 'erikti_flash');
    if (cookie && cookie.value === key) {
      fail(
        `${what}: no success message (${sel}) on ${page.url()}, although the server set the flash cookie ` +
          `erikti_flash=${key}: the layout drops that key (server bug: is ${key} missing from FLASH_KEYS in crates/web/src/ctx.rs?)`,
      );
    }
    fail(`${what}: no success message (${sel}) on ${page.url()} (flash cookie: ${cookie ? cookie.value : 'none'}, expected ${key})`);
  }
  const text = squash(await page.locator(sel).first().textContent());
  expect(text === kk(key), `${what}: the success message reads ${JSON.stringify(text)}, expected ${key} = ${JSON.stringify(kk(key))}`);
}

async function textOf(page, selector) {
  const el = page.locator(selector).first();
  if ((await el.count()) === 0) fail(`no ${selector} on ${page.url()}`);
  return squash(await el.textContent());
}

// Follows a link or clicks a button and waits for the page it loads.
async function clickAndLoad(page, selector, what) {
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

// "50 / 50" (digits in any grouping) -> [50, 50].
function placesOf(text) {
  const parts = String(text).split('/').map((p) => p.replace(/\D/g, ''));
  if (parts.length !== 2 || parts.some((p) => p === '')) return null;
  return parts.map(Number);
}

// The shift's applications as the organiser's page lists them (in order of arrival).
async function applicationRows(page) {
  return page.$$eval('#applications tr[data-application]', (trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute('data-application'),
      status: tr.getAttribute('data-status'),
      text: tr.textContent.replace(/\s+/g, ' ').trim(),
    })),
  );
}

const countBy = (rows, status) => rows.filter((r) => r.status === status).length;

function tally(list, key) {
  const m = new Map();
  for (const x of list) m.set(key(x), (m.get(key(x)) || 0) + 1);
  return [...m].map(([k, n]) => `${k}: ${n}`).join(', ');
}

// An API call from node (not the browser) with a personal token.
async function api(method, path, token, body) {
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const r = await fetch(url(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await r.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: r.status, json, text };
  } catch (e) {
    return { status: 0, json: null, text: `network error: ${firstLine(e.cause || e)}` };
  }
}

// ---------------------------------------------------------------------------------------
// Steps

async function main() {
  const browser = await launchChromium();
  console.log(
    `# chromium ${browser.version()} against ${BASE.origin}; organisation ${ORG_ID}; ` +
      `${TOKENS.length} API applicants + 1 in the browser for ${CAPACITY} places`,
  );

  const { page: owner } = await newPerson(OWNER.label);
  const { page: vol } = await newPerson(VOL.label);
  let eventId;
  let managePath;
  let shiftId;

  // 1. The owner creates the event from the organisation's page.
  await step('owner: the organisation page links (#new-event) to the event form', async () => {
    await login(owner, OWNER);
    await visit(owner, `/organizations/${ORG_ID}`);
    await clickAndLoad(owner, 'a#new-event', 'the new-event link');
    expect(
      pathOf(owner) === `/organizations/${ORG_ID}/events/new`,
      `#new-event should open /organizations/${ORG_ID}/events/new, at ${owner.url()}`,
    );
    expect((await owner.locator('form#event-form').count()) > 0, `no form#event-form on ${owner.url()}`);
  });

  await step('owner: the event form saves a first-come draft and opens its manage page', async () => {
    const form = 'form#event-form';
    await fill(owner, form, 'title_kk', EVENT.title_kk);
    await fill(owner, form, 'title_ru', EVENT.title_ru);
    await fill(owner, form, 'locality', EVENT.locality);
    await selectIn(owner, form, 'activity_type', EVENT.activity_type);
    await selectIn(owner, form, 'region', EVENT.region);
    expect(
      await isChecked(owner, `${form} input[name="mode"][value="first_come"]`),
      'the mode "first_come" should be chosen by default',
    );
    const resp = await submit(owner, form);
    expect(resp.status() < 400, `saving the event answered HTTP ${resp.status()} (${owner.url()})`);
    await expectNoErrors(owner, 'saving the event');
    const m = MANAGE_PATH_RE.exec(pathOf(owner));
    expect(m, `after saving expected /events/<uuid>/manage, at ${owner.url()}`);
    eventId = m[1];
    managePath = pathOf(owner);
    await expectFlash(owner, 'flash_event_saved', 'after saving the event');
    const status = await textOf(owner, '#event-status');
    expect(status === kk('event_status_draft'), `#event-status reads ${JSON.stringify(status)}, expected the draft status`);
    console.log(`  event: ${managePath}`);
  });

  // 2. Three shifts through the series form, then publish.
  const addSeries = async (s, what) => {
    const form = 'form#series';
    if ((await owner.locator(form).count()) === 0) fail(`no ${form} on ${owner.url()}`);
    for (const k of ['date_from', 'date_to', 'start_time', 'end_time', 'capacity']) {
      await fill(owner, form, k, s[k]);
    }
    // No weekday ticked: every day of the range.
    for (const box of await owner.locator(`${form} input[name="weekdays"]`).all()) {
      if (await box.isChecked()) await box.uncheck();
    }
    const resp = await submit(owner, form);
    expect(resp.status() < 400, `${what}: adding shifts answered HTTP ${resp.status()} (${owner.url()})`);
    await expectNoErrors(owner, what);
    expect(pathOf(owner) === managePath, `${what}: expected to be back on ${managePath}, at ${owner.url()}`);
    await expectFlash(owner, 'flash_shifts_added', what);
  };

  await step('owner: a shift starting in ~40 min (50 places) and two on the next days (20 each) make 3 rows', async () => {
    const now = Date.now();
    const startMs = Math.floor((now + 40 * MINUTE) / MINUTE) * MINUTE;
    const start = local(startMs);
    const end = local(startMs + 180 * MINUTE); // before the start time: the next day
    const first = { date_from: start.date, date_to: start.date, start_time: start.time, end_time: end.time, capacity: String(CAPACITY) };
    console.log(`  shift 1: ${first.date_from} ${first.start_time}–${first.end_time} (UTC+5), ${CAPACITY} places`);
    await addSeries(first, 'the shift starting soon');
    expect((await owner.locator('#manage-shifts tbody tr').count()) === 1, `#manage-shifts should have 1 row after the first shift`);

    const tomorrow = local(now + 24 * 3600_000).date;
    const after = local(now + 48 * 3600_000).date;
    const more = { date_from: tomorrow, date_to: after, start_time: '10:00', end_time: '14:00', capacity: '20' };
    console.log(`  shifts 2–3: ${tomorrow} … ${after}, 10:00–14:00, 20 places`);
    await addSeries(more, 'two shifts on the next days');
    const rows = await owner.locator('#manage-shifts tbody tr').count();
    expect(rows === 3, `#manage-shifts has ${rows} rows, expected 3`);
    const firstRow = owner.locator('#manage-shifts tbody tr').first();
    shiftId = await firstRow.getAttribute('data-shift');
    expect(shiftId && new RegExp(`^${UUID}$`, 'i').test(shiftId), `the first #manage-shifts row has no data-shift uuid (${shiftId})`);
    const places = placesOf(squash(await firstRow.locator('td').nth(1).textContent()));
    expect(places && places[0] === 0 && places[1] === CAPACITY, `the first shift should show 0 / ${CAPACITY} places, shows ${JSON.stringify(places)}`);
    console.log(`  first shift: ${shiftId}`);
  });

  await step('owner: #publish publishes the event (#event-status reads the published status)', async () => {
    await clickAndLoad(owner, '#publish', 'publishing');
    await expectNoErrors(owner, 'publishing');
    expect(pathOf(owner) === managePath, `after publishing expected ${managePath}, at ${owner.url()}`);
    const status = await textOf(owner, '#event-status');
    expect(status === kk('event_status_published'), `#event-status reads ${JSON.stringify(status)}, expected ${JSON.stringify(kk('event_status_published'))}`);
    expect((await owner.locator('#publish').count()) === 0, 'the #publish button is still there after publishing');
  });

  // 3. The volunteer applies in the browser.
  await step('volunteer: applies to the first shift from the event page and is accepted', async () => {
    await login(vol, VOL);
    await visit(vol, `/events/${eventId}`);
    const rows = await vol.$$eval('#shifts tbody tr[data-shift]', (trs) => trs.map((t) => t.getAttribute('data-shift')));
    expect(rows.length === 3, `#shifts on /events/${eventId} has ${rows.length} shift rows, expected 3`);
    expect(rows[0] === shiftId, `the first row of #shifts is ${rows[0]}, the manage page's first shift is ${shiftId}`);
    const row = `#shifts tr[data-shift="${shiftId}"]`;
    const free = placesOf(await textOf(vol, `${row} td.free`));
    expect(free && free[0] === CAPACITY && free[1] === CAPACITY, `the shift should show ${CAPACITY} / ${CAPACITY} free, shows ${JSON.stringify(free)}`);
    await clickAndLoad(vol, `${row} form.apply button[type=submit]`, 'applying');
    expect(pathOf(vol) === `/events/${eventId}`, `after applying expected /events/${eventId}, at ${vol.url()}`);
    await expectFlash(vol, 'flash_application_accepted', 'after applying');
    expect((await vol.locator(`${row} form.apply`).count()) === 0, 'the apply form is still shown for the shift she applied to');
  });

  // 4. 199 more people apply within a minute, through the API, all at once.
  const accepted = [];
  await step(`${TOKENS.length} concurrent API applications: ${API_ACCEPTED} accepted, ${API_WAITLISTED} waitlisted, within a minute`, async () => {
    const t0 = Date.now();
    const results = await Promise.all(
      TOKENS.map(async (token, i) => ({ i, token, ...(await api('POST', `/api/v1/shifts/${shiftId}/applications`, token, {})) })),
    );
    const ms = Date.now() - t0;
    console.log(`  ${results.length} answers in ${ms} ms (${tally(results, (r) => `${r.status} ${r.json?.status ?? r.json?.error?.code ?? ''}`.trim())})`);
    const bad = results.filter((r) => r.status !== 201 || !['accepted', 'waitlisted'].includes(r.json?.status));
    expect(
      bad.length === 0,
      `${bad.length} of ${results.length} applications were not 201 accepted/waitlisted; e.g. ` +
        bad
          .slice(0, 3)
          .map((r) => `#${r.i}: HTTP ${r.status} ${r.text.slice(0, 200)}`)
          .join(' | '),
    );
    expect(ms < 60_000, `the ${results.length} applications took ${ms} ms, more than a minute`);
    const ids = new Set(results.map((r) => r.json.id));
    expect(ids.size === results.length, `the applications got ${ids.size} distinct ids for ${results.length} answers`);
    for (const r of results) if (r.json.status === 'accepted') accepted.push({ id: r.json.id, token: r.token });
    const waitlisted = results.length - accepted.length;
    expect(
      accepted.length === API_ACCEPTED && waitlisted === API_WAITLISTED,
      `expected ${API_ACCEPTED} accepted and ${API_WAITLISTED} waitlisted (the browser volunteer holds the ${CAPACITY}th place), ` +
        `got ${accepted.length} accepted and ${waitlisted} waitlisted`,
    );
  });

  // 5. The organiser's list.
  const applicationsPath = `/shifts/${shiftId}/applications`;
  const expectList = async (what, want) => {
    await visit(owner, applicationsPath);
    const places = placesOf(await textOf(owner, '#places'));
    expect(
      places && places[0] === CAPACITY && places[1] === CAPACITY,
      `${what}: #places reads ${JSON.stringify(await textOf(owner, '#places'))}, expected ${CAPACITY} / ${CAPACITY}`,
    );
    const rows = await applicationRows(owner);
    for (const [status, n] of Object.entries(want)) {
      const got = countBy(rows, status);
      expect(got === n, `${what}: ${got} rows with data-status="${status}", expected ${n} (all: ${tally(rows, (r) => r.status)})`);
    }
    return rows;
  };

  let firstWaitlisted;
  await step(`owner: ${applicationsPath} shows ${CAPACITY} / ${CAPACITY}, ${CAPACITY} accepted and ${API_WAITLISTED} waitlisted`, async () => {
    const rows = await expectList('the list', { accepted: CAPACITY, waitlisted: API_WAITLISTED });
    expect(rows.length === TOKENS.length + 1, `the list has ${rows.length} rows, expected ${TOKENS.length + 1}`);
    const mine = rows.find((r) => r.text.includes(VOL.email));
    expect(mine, `no row mentions ${VOL.email}`);
    expect(mine.status === 'accepted', `the browser volunteer's row is ${mine.status}, expected accepted`);
    firstWaitlisted = rows.find((r) => r.status === 'waitlisted').id;
    console.log(`  first on the waitlist: ${firstWaitlisted}`);
  });

  // 6. A cancellation promotes the first on the waitlist.
  await step('an accepted API volunteer cancels: the first waitlisted is promoted, still 50 accepted', async () => {
    const leaving = accepted[0];
    const r = await api('DELETE', `/api/v1/applications/${leaving.id}`, leaving.token);
    expect(r.status === 200, `DELETE /api/v1/applications/${leaving.id} answered HTTP ${r.status}: ${r.text.slice(0, 300)}`);
    expect(
      r.json && r.json.promoted === firstWaitlisted,
      `the cancellation promoted ${JSON.stringify(r.json?.promoted)}, expected the first waitlisted ${firstWaitlisted}`,
    );
    const rows = await expectList('after the cancellation', { accepted: CAPACITY, waitlisted: API_WAITLISTED - 1, cancelled: 1 });
    const promoted = rows.find((r) => r.id === firstWaitlisted);
    expect(promoted && promoted.status === 'accepted', `the promoted row ${firstWaitlisted} is ${promoted?.status}, expected accepted`);
    const gone = rows.find((r) => r.id === leaving.id);
    expect(gone && gone.status === 'cancelled', `the cancelled row ${leaving.id} is ${gone?.status}, expected cancelled`);
  });

  // 7. QR check-in, and forged codes.
  let code;
  await step(`owner: /shifts/${shiftId}/qr shows an SVG code and a#check-in-link`, async () => {
    await visit(owner, `/shifts/${shiftId}/qr`);
    expect((await owner.locator('main svg, .qr-code svg').count()) > 0, `no inline <svg> on ${owner.url()}`);
    const href = await owner.locator('a#check-in-link').first().getAttribute('href').catch(() => null);
    expect(href, `no a#check-in-link on ${owner.url()}`);
    const prefix = `${BASE.origin}/check-in?code=`;
    expect(href.startsWith(prefix), `a#check-in-link points at ${href}, expected ${prefix}...`);
    code = new URL(href).searchParams.get('code');
    expect(/^[0-9a-f]{80}$/.test(code), `the check-in code should be 80 hex characters, is ${JSON.stringify(code)}`);
  });

  await step('volunteer: the scanned link and #check-in confirm her arrival', async () => {
    await visit(vol, `${BASE.origin}/check-in?code=${code}`);
    expect(pathOf(vol) === '/check-in', `the check-in link led to ${vol.url()} (not signed in?)`);
    const resp = await submit(vol, 'form#check-in');
    expect(resp.status() < 400, `checking in answered HTTP ${resp.status()} (${vol.url()}): ${await textOf(vol, 'main').catch(() => '')}`);
    expect(pathOf(vol) === `/events/${eventId}`, `after checking in expected /events/${eventId}, at ${vol.url()}`);
    await expectFlash(vol, 'flash_checked_in', 'after checking in');
  });

  await step("owner: the volunteer's row reads checked_in", async () => {
    const rows = await expectList('after the check-in', { checked_in: 1 });
    const mine = rows.find((r) => r.text.includes(VOL.email));
    expect(mine && mine.status === 'checked_in', `the browser volunteer's row is ${mine?.status}, expected checked_in`);
  });

  const last = code.slice(-1);
  const forged = [
    ['80 zeros', '0'.repeat(80)],
    ['the real code with its last character changed', code.slice(0, -1) + (last === '0' ? '1' : '0')],
  ];
  for (const [what, bad] of forged) {
    await step(`volunteer: a forged code (${what}) is refused with 403 and an alert`, async () => {
      await visit(vol, `/check-in?code=${bad}`);
      const resp = await submit(vol, 'form#check-in');
      expect(resp.status() === 403, `checking in with ${what} answered HTTP ${resp.status()}, expected 403 (${vol.url()})`);
      await expectVisible(vol, '[role=alert]', 'an error alert ([role=alert])');
      console.log(`  alert: ${await textOf(vol, '[role=alert]')}`);
    });
  }

  // 8. Narrow screen.
  await step('manage page at 360x740 has no horizontal scroll', async () => {
    await owner.setViewportSize({ width: 360, height: 740 });
    await visit(owner, managePath);
    const sw = await owner.evaluate(() => document.documentElement.scrollWidth);
    expect(sw <= 360, `${managePath} is ${sw}px wide at a 360px viewport (horizontal scroll)`);
  });
}

await run(main);
