#!/usr/bin/env node
// Browser journey for erikti (DOMAIN.md journey 3), in Kazakh: an elderly man phones the
// front-office; the operator files his help request, approves it and offers it to the
// top-ranked volunteer (and the next one); she takes it, does it, and a pending hours
// entry appears in her book. Three people, each in a browser context of her own:
//
//   operator   the regional coordinator of KZ-55: /front-office/KZ-55 → the help desk →
//              phone intake (#help-form) for Серік Әбенов (elderly, delivery of medicine,
//              Pavlodar, his address, phone and point, Kazakh, urgent, tomorrow 10–12) →
//              the request page → approve → the ranked volunteers (the nearest adult
//              speaking Kazakh first, the Russian-only one below a farther Kazakh speaker,
//              the minor next door not at all) → offers to the first two.
//   volunteer  VOL_EMAIL, the top-ranked: /me/help lists the offer → the request page
//              shows no private details until she takes it ("Мен көмектесемін") → then his
//              name, phone and address → starts → completes with 60 minutes → her book
//              shows 1,0 h from a help request, waiting for confirmation.
//   other      OTHER_EMAIL, offered too: sees the offer without private details; once it
//              is taken, it is gone from his offers and the request page is not found.
//
// Plain Node script driving Debian's /usr/bin/chromium with playwright-core. Exits 0 when
// every step passed, 1 on the first failure (with a screenshot and the page's HTML in
// e2e/test-results/), 2 on a usage error.
//
//   BASE_URL=http://127.0.0.1:34567 PASSWORD=... OP_EMAIL=... \
//     VOL_EMAIL=... VOL_NAME=... VOL_ID=<uuid> OTHER_EMAIL=... OTHER_NAME=... OTHER_ID=<uuid> \
//     RU_NAME=... RU_ID=<uuid> MINOR_NAME=... MINOR_ID=<uuid> node e2e/help.mjs
//
// OP_EMAIL is a regional coordinator of KZ-55; every account logs in with PASSWORD. The
// four volunteers are in KZ-55 with their points set: VOL 0.4 km from the caller (Kazakh),
// RU 1.2 km (Russian only), OTHER 3.5 km (Kazakh), MINOR next door (Kazakh, 15). No help
// request exists in KZ-55 yet.
//
// Optional env: CHROMIUM_PATH (default /usr/bin/chromium), JOURNEY_TIMEOUT_MS (whole
// run, default 180000), JOURNEY_STEP_TIMEOUT_MS (one wait, default 10000).

import {
  check,
  clickAndLoad,
  configure,
  expect,
  expectFlash,
  expectNoFieldErrors,
  fail,
  fill,
  firstLine,
  kk,
  launchChromium,
  loginAs,
  newPerson,
  pathOf,
  run,
  selectIn,
  squash,
  step,
  submit,
  tableRows,
  textOf,
  valueOf,
  visit,
} from './lib.mjs';

// ---------------------------------------------------------------------------------------
// Configuration

const USAGE =
  'usage: BASE_URL=http://127.0.0.1:PORT PASSWORD=... OP_EMAIL=... VOL_EMAIL=... VOL_NAME=... VOL_ID=<uuid> ' +
  'OTHER_EMAIL=... OTHER_NAME=... OTHER_ID=<uuid> RU_NAME=... RU_ID=<uuid> MINOR_NAME=... MINOR_ID=<uuid> node e2e/help.mjs';
const env = process.env;
const BASE = configure({
  name: 'help',
  usage: USAGE,
  required: ['PASSWORD', 'OP_EMAIL', 'VOL_EMAIL', 'VOL_NAME', 'VOL_ID', 'OTHER_EMAIL', 'OTHER_NAME', 'OTHER_ID', 'RU_NAME', 'RU_ID', 'MINOR_NAME', 'MINOR_ID'],
});

const REGION = 'KZ-55';
const OP = { label: 'operator', email: env.OP_EMAIL, password: env.PASSWORD };
const VOL = { label: 'volunteer', email: env.VOL_EMAIL, password: env.PASSWORD, name: env.VOL_NAME, id: env.VOL_ID };
const OTHER = { label: 'other', email: env.OTHER_EMAIL, password: env.PASSWORD, name: env.OTHER_NAME, id: env.OTHER_ID };
const RU = { name: env.RU_NAME, id: env.RU_ID };
const MINOR = { name: env.MINOR_NAME, id: env.MINOR_ID };

// What the caller tells the operator.
const CALLER = {
  category: 'elderly',
  help_type: 'delivery',
  description: 'Дәріханадан қан қысымына арналған дәрі әкелу керек; рецепт үйде.',
  locality: 'Павлодар',
  address: 'Торайғыров к-сі, 64, 12-пәтер',
  phone: '+7 701 555 00 11',
  name: 'Серік Әбенов',
  lat: '52.2873',
  lon: '76.9674',
  lang: 'kk',
  urgency: 'high',
};
// The phone as stored and shown (E.164).
const PHONE_SHOWN = '+77015550011';
// Tomorrow between 10 and 12, Pavlodar time (UTC+5).
const TOMORROW = new Date(Date.now() + (5 + 24) * 3600_000).toISOString().slice(0, 10);
const WINDOW = { from: `${TOMORROW}T10:00`, to: `${TOMORROW}T12:00` };
const MINUTES = '60';
const HOURS = '1,0';

const UUID_PATH = /^\/help-requests\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

// ---------------------------------------------------------------------------------------
// Helpers

// The request page's status badge reads the status `code`, in Kazakh.
async function expectStatus(page, code, what) {
  const el = page.locator('#help-status').first();
  if ((await el.count()) === 0) fail(`${what}: no #help-status on ${page.url()}`);
  const got = await el.getAttribute('data-status');
  const text = squash(await el.textContent());
  expect(got === code, `${what}: the request is ${got} (${JSON.stringify(text)}), expected ${code}`);
  expect(text === kk(`help_status_${code}`), `${what}: the status reads ${JSON.stringify(text)}, expected ${kk(`help_status_${code}`)}`);
}

// None of the caller's private details anywhere in the page's HTML.
async function expectNoPrivate(page, who) {
  const html = await page.content();
  for (const [field, value] of [
    ['name', CALLER.name],
    ['phone', PHONE_SHOWN],
    ['address', CALLER.address],
    ['description', CALLER.description],
    ['point', CALLER.lat],
  ]) {
    expect(!html.includes(value), `${who} must not see the caller's ${field} (${value}) on ${page.url()}`);
  }
  for (const sel of ['#help-name', '#help-phone', '#help-address', '#help-description']) {
    expect((await page.locator(sel).count()) === 0, `${who} must not see ${sel} on ${page.url()}`);
  }
}

// The km of a "{ $km } км жерде" reason, or null.
function kmOf(reasons) {
  const unit = kk('help_reason_distance').replace('{ $km }', '').trim(); // "км жерде"
  const m = new RegExp(`(\\d+(?:,\\d+)?) ${unit}`).exec(reasons);
  return m ? Number(m[1].replace(',', '.')) : null;
}

// The request's row in a list (the desk, /me/help's sections), or null.
async function requestRow(page, listSel, id) {
  const rows = await tableRows(page, `${listSel} tr[data-request]`, 'data-request');
  return rows.find((r) => r.key === id) ?? null;
}

// ---------------------------------------------------------------------------------------
// The journey

async function main() {
  const browser = await launchChromium();
  console.log(`# chromium ${browser.version()} against ${BASE.origin}; operator ${OP.email}; volunteer ${VOL.email}`);
  const { page: op } = await newPerson(OP.label);
  const { page: vol } = await newPerson(VOL.label);
  const { page: other } = await newPerson(OTHER.label);
  const desk = `/front-office/${REGION}/help`;

  await step(`operator: logs in; from the front-office to the help desk of ${REGION}, nothing yet`, async () => {
    await loginAs(op, OP);
    await visit(op, `/front-office/${REGION}`);
    await clickAndLoad(op, '#help-desk-link', 'the help desk');
    expect(pathOf(op) === desk, `#help-desk-link led to ${op.url()}, expected ${desk}`);
    const h1 = await textOf(op, 'h1');
    expect(h1.startsWith(kk('help_desk_title')), `the desk's heading reads ${JSON.stringify(h1)}`);
    const rows = await tableRows(op, 'tr[data-request]', 'data-request');
    expect(rows.length === 0, `the desk should be empty, lists ${JSON.stringify(rows)}`);
  });

  let id;
  await step(`operator: phone intake for ${CALLER.name} (elderly, medicine, Pavlodar, Kazakh) → his request`, async () => {
    await clickAndLoad(op, '#intake-link', 'the phone intake');
    expect(pathOf(op) === `${desk}/new`, `#intake-link led to ${op.url()}`);
    expect((await textOf(op, '#help-title')) === kk('help_intake_title'), `the intake form's heading reads ${await textOf(op, '#help-title')}`);
    const form = '#help-form';
    expect((await op.locator(`${form} select[name="region"]`).count()) === 0, 'the operator of a region should not be asked the region');
    await selectIn(op, form, 'category', CALLER.category);
    await selectIn(op, form, 'help_type', CALLER.help_type);
    try {
      await op.locator(`${form} textarea[name="description"]`).fill(CALLER.description);
    } catch (e) {
      fail(`cannot fill the description: ${firstLine(e)}`);
    }
    for (const f of ['locality', 'address', 'phone', 'name', 'lat', 'lon']) await fill(op, form, f, CALLER[f]);
    const lang = await valueOf(op, `${form} select[name="lang"]`);
    expect(lang === 'kk', `the caller's language should default to the page's (kk), is ${lang}`);
    await selectIn(op, form, 'lang', CALLER.lang);
    await selectIn(op, form, 'urgency', CALLER.urgency);
    await fill(op, form, 'preferred_from', WINDOW.from);
    await fill(op, form, 'preferred_to', WINDOW.to);
    await submit(op, form);
    await expectNoFieldErrors(op, 'filing the request');
    const m = UUID_PATH.exec(pathOf(op));
    if (!m) fail(`after filing expected /help-requests/<id>, at ${op.url()}`);
    id = m[1];
    console.log(`  request ${id}`);
    await expectFlash(op, 'flash_help_filed', 'after filing');
    await expectStatus(op, 'new', 'a phoned-in request');
    expect((await textOf(op, 'h1')) === kk('help_type_delivery'), `the request's heading reads ${await textOf(op, 'h1')}`);
    expect((await textOf(op, '#help-name')) === CALLER.name, `#help-name reads ${await textOf(op, '#help-name')}`);
    expect((await textOf(op, '#help-phone')) === PHONE_SHOWN, `#help-phone reads ${await textOf(op, '#help-phone')}, expected ${PHONE_SHOWN}`);
    expect((await textOf(op, '#help-address')) === CALLER.address, `#help-address reads ${await textOf(op, '#help-address')}`);
    expect((await textOf(op, '#help-place')) === CALLER.locality, `#help-place reads ${await textOf(op, '#help-place')}`);
    const urgency = await textOf(op, '[data-urgency]');
    expect(urgency === kk('help_urgency_high'), `the urgency reads ${JSON.stringify(urgency)}`);
    expect((await op.locator('#ranked').count()) === 0, 'volunteers are ranked before the request is approved');
  });

  await step('operator: the desk lists it among the new ones', async () => {
    await visit(op, desk);
    const row = await requestRow(op, '', id);
    expect(row, `the desk does not list ${id}`);
    expect(row.cells[0] === kk('help_type_delivery') && row.cells[2] === CALLER.locality, `the desk's row reads ${row.text}`);
    expect(row.cells[5] === kk('help_status_new'), `the desk's row has the status ${JSON.stringify(row.cells[5])}`);
    await clickAndLoad(op, `tr[data-request="${id}"] a[href="/help-requests/${id}"]`, 'opening the request');
  });

  await step('operator: approves it', async () => {
    await clickAndLoad(op, '#help-approve', 'approving');
    expect(pathOf(op) === `/help-requests/${id}`, `after approving expected the request page, at ${op.url()}`);
    await expectFlash(op, 'flash_saved', 'after approving');
    await expectStatus(op, 'triaged', 'an approved request');
    expect((await op.locator('#help-approve').count()) === 0, 'the approve button is still there');
  });

  await step(`operator: ranked — ${VOL.name} first, then ${OTHER.name}, then ${RU.name}; not the minor`, async () => {
    expect((await textOf(op, '#ranked-title')) === kk('help_ranked'), 'the ranking has no heading');
    const rows = await tableRows(op, '#ranked tbody tr[data-volunteer]', 'data-volunteer');
    for (const r of rows) console.log(`  ranked: ${r.cells[1]} — ${r.cells[2]}`);
    const names = rows.map((r) => r.cells[1]);
    expect(!rows.some((r) => r.key === MINOR.id) && !names.includes(MINOR.name), `the minor ${MINOR.name}, next door, must not be ranked for a home visit: ${names.join(', ')}`);
    expect(
      JSON.stringify(rows.map((r) => r.key)) === JSON.stringify([VOL.id, OTHER.id, RU.id]),
      `expected ${VOL.name}, ${OTHER.name}, ${RU.name} in that order, ranked: ${names.join(', ')}`,
    );
    expect(JSON.stringify(names) === JSON.stringify([VOL.name, OTHER.name, RU.name]), `the ranked names read ${names.join(', ')}`);
    const [top, second, ru] = rows;
    const speaks = kk('help_reason_speaks_language');
    const free = kk('help_reason_free');
    expect(top.cells[2].includes(speaks) && top.cells[2].includes(free), `why ${VOL.name}: ${top.cells[2]} (expected ${speaks}; ${free})`);
    expect(second.cells[2].includes(speaks), `why ${OTHER.name}: ${second.cells[2]}`);
    expect(ru.cells[2].includes(kk('help_reason_no_common_language')), `why ${RU.name}: ${ru.cells[2]} (expected ${kk('help_reason_no_common_language')})`);
    const [k1, k2, k3] = [top, second, ru].map((r) => kmOf(r.cells[2]));
    expect(k1 !== null && k2 !== null && k3 !== null, `every reason should say how far: ${rows.map((r) => r.cells[2]).join(' | ')}`);
    expect(k1 < 1 && k1 < k3 && k3 < k2, `distances ${k1}, ${k2}, ${k3} km: expected the top one nearest, and the Russian-only one nearer than the second`);
  });

  await step(`operator: offers it to ${VOL.name} and ${OTHER.name}`, async () => {
    await check(op, `#ranked input[name="volunteer"][value="${VOL.id}"]`);
    await check(op, `#ranked input[name="volunteer"][value="${OTHER.id}"]`);
    await clickAndLoad(op, '#offer-submit', 'offering');
    await expectFlash(op, 'flash_saved', 'after offering');
    await expectStatus(op, 'offered', 'an offered request');
  });

  await step(`${OTHER.label}: his offer on /me/help; the request page shows no private details`, async () => {
    await loginAs(other, OTHER);
    await clickAndLoad(other, '#nav-my-help', 'my help requests');
    expect(pathOf(other) === '/me/help', `#nav-my-help led to ${other.url()}`);
    const row = await requestRow(other, '#offered', id);
    expect(row, `${OTHER.name}'s offers do not list ${id}`);
    await clickAndLoad(other, `#offered a[href="/help-requests/${id}"]`, 'opening the offer');
    expect((await textOf(other, 'h1')) === kk('help_type_delivery'), `the request's heading reads ${await textOf(other, 'h1')}`);
    expect((await textOf(other, '#help-place')) === CALLER.locality, 'the district should be shown');
    await expectNoPrivate(other, OTHER.name);
    expect((await other.locator('#help-take').count()) === 1, 'he could take it');
  });

  await step(`volunteer: the offer on /me/help (kind, district, status); her point is kept`, async () => {
    await loginAs(vol, VOL);
    await clickAndLoad(vol, '#nav-my-help', 'my help requests');
    expect(pathOf(vol) === '/me/help', `#nav-my-help led to ${vol.url()}`);
    expect((await textOf(vol, '#offered-title')) === kk('my_help_offered'), 'no offered section');
    const row = await requestRow(vol, '#offered', id);
    expect(row, `#offered does not list ${id}: ${await textOf(vol, '#offered')}`);
    expect(row.cells[0] === kk('help_type_delivery'), `the offer's kind reads ${row.cells[0]}`);
    expect(row.cells[2] === CALLER.locality, `the offer's place reads ${row.cells[2]}`);
    expect(row.cells[3] === kk('help_urgency_high'), `the offer's urgency reads ${row.cells[3]}`);
    expect(row.cells[5] === kk('help_status_offered'), `the offer's status reads ${row.cells[5]}`);
    expect(!row.text.includes(CALLER.name), 'the list shows the caller\'s name');
    expect((await requestRow(vol, '#taken', id)) === null, 'she has not taken it yet');
    const lat = await valueOf(vol, '#point-form input[name="lat"]');
    expect(lat.startsWith('52.29'), `her point's latitude reads ${lat}`);
  });

  await step('volunteer: opens it; nothing private before she takes it', async () => {
    await clickAndLoad(vol, `#offered a[href="/help-requests/${id}"]`, 'opening the offer');
    expect(pathOf(vol) === `/help-requests/${id}`, `the offer led to ${vol.url()}`);
    await expectStatus(vol, 'offered', 'the offer');
    await expectNoPrivate(vol, `${VOL.name} (before taking)`);
    expect((await vol.locator('#ranked, #help-approve').count()) === 0, 'a volunteer sees the front-office controls');
  });

  await step(`volunteer: "${kk('help_take')}" → his name, phone and address`, async () => {
    const take = await textOf(vol, '#help-take');
    expect(take === kk('help_take'), `the take button reads ${JSON.stringify(take)}`);
    await clickAndLoad(vol, '#help-take', 'taking');
    expect(pathOf(vol) === `/help-requests/${id}`, `after taking expected the request page, at ${vol.url()}`);
    await expectFlash(vol, 'flash_saved', 'after taking');
    await expectStatus(vol, 'assigned', 'a taken request');
    expect((await textOf(vol, '#help-name')) === CALLER.name, `#help-name reads ${await textOf(vol, '#help-name')}`);
    expect((await textOf(vol, '#help-phone')) === PHONE_SHOWN, `#help-phone reads ${await textOf(vol, '#help-phone')}`);
    const tel = await vol.locator('#help-phone a').first().getAttribute('href');
    expect(tel === `tel:${PHONE_SHOWN}`, `the phone links to ${tel}`);
    expect((await textOf(vol, '#help-address')) === CALLER.address, `#help-address reads ${await textOf(vol, '#help-address')}`);
    expect((await textOf(vol, '#help-description')) === CALLER.description, `#help-description reads ${await textOf(vol, '#help-description')}`);
    expect((await vol.locator('#help-take').count()) === 0, 'the take button is still there');
  });

  await step(`volunteer: "${kk('help_start')}" → in progress`, async () => {
    await clickAndLoad(vol, '#help-start', 'starting');
    await expectFlash(vol, 'flash_saved', 'after starting');
    await expectStatus(vol, 'in_progress', 'a started request');
  });

  await step(`volunteer: "${kk('help_complete')}" with ${MINUTES} minutes → done`, async () => {
    expect((await textOf(vol, '#complete-form label[for="minutes"]')) === kk('help_minutes'), 'the minutes field has no label');
    await fill(vol, '#complete-form', 'minutes', MINUTES);
    await submit(vol, '#complete-form');
    expect(pathOf(vol) === `/help-requests/${id}`, `after completing expected the request page, at ${vol.url()}`);
    await expectFlash(vol, 'flash_saved', 'after completing');
    await expectStatus(vol, 'completed', 'a completed request');
    expect((await textOf(vol, '#help-minutes')) === MINUTES, `#help-minutes reads ${await textOf(vol, '#help-minutes')}`);
    expect((await vol.locator('#complete-form, #help-start').count()) === 0, 'the completion form is still there');
  });

  await step('volunteer: /me/help lists it as hers, done', async () => {
    await visit(vol, '/me/help');
    const row = await requestRow(vol, '#taken', id);
    expect(row, `#taken does not list ${id}`);
    expect(row.cells[5] === kk('help_status_completed'), `its status reads ${row.cells[5]}`);
    expect((await requestRow(vol, '#offered', id)) === null, 'it is still offered to her');
  });

  await step(`volunteer: her book shows ${HOURS} h from a help request, awaiting confirmation`, async () => {
    await visit(vol, '/me/book');
    const rows = await tableRows(vol, '#book-entries tbody tr', null);
    expect(rows.length === 1, `her book should hold one entry, holds ${JSON.stringify(rows)}`);
    const [e] = rows;
    expect(e.status === 'claimed', `the entry is ${e.status}, expected claimed`);
    const [, , hours, source, status] = e.cells;
    expect(hours === HOURS, `the entry's hours read ${JSON.stringify(hours)}, expected ${HOURS}`);
    expect(source.startsWith(kk('hours_source_help_request')), `the source reads ${JSON.stringify(source)}, expected ${kk('hours_source_help_request')}`);
    expect(status.startsWith(kk('hours_status_claimed')), `the status reads ${JSON.stringify(status)}, expected ${kk('hours_status_claimed')}`);
  });

  await step('operator: the request page reads done, 60 minutes; the desk lists it as done', async () => {
    await visit(op, `/help-requests/${id}`);
    await expectStatus(op, 'completed', 'the operator\'s view');
    expect((await textOf(op, '#help-minutes')) === MINUTES, `#help-minutes reads ${await textOf(op, '#help-minutes')}`);
    expect((await op.locator('#ranked').count()) === 0, 'a done request is still ranked');
    expect((await textOf(op, '#help-confirmed')) === kk('help_confirmed_by_phone'), 'the operator cannot record the person\'s confirmation');
    await visit(op, desk);
    const row = await requestRow(op, '', id);
    expect(row && row.cells[5] === kk('help_status_completed'), `the desk's row reads ${row ? row.text : 'nothing'}`);
  });

  await step(`${OTHER.label}: taken by someone else — gone from his offers; the page is not found, nothing private`, async () => {
    await visit(other, '/me/help');
    for (const list of ['#offered', '#taken', '#near']) {
      expect((await requestRow(other, list, id)) === null, `${list} still lists ${id} for ${OTHER.name}`);
    }
    await visit(other, `/help-requests/${id}`, { okStatus: (s) => s === 404 });
    const body = squash(await other.locator('body').innerText());
    expect(body.includes(kk('not_found')), `the page should say ${JSON.stringify(kk('not_found'))}: ${body.slice(0, 300)}`);
    await expectNoPrivate(other, OTHER.name);
  });
}

await run(main);
