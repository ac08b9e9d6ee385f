#!/usr/bin/env node
// Browser journey for erikti (DOMAIN.md journey 1), in Kazakh: a volunteer signs up,
// confirms the e-mail, fills the profile, finds an event near her in her language,
// applies, is accepted, checks in by QR, her hours are confirmed, and she downloads a
// certificate that a university verifies by scanning it.
//
// Two parts, run one after the other against the same server (between them the test moves
// the shift into the past, as if the afternoon had gone by):
//
//   JOURNEY_PART=attend       sign up → confirm through the mailbox → log in → profile
//                             (region, IIN, birth date, Kazakh) → the event search
//                             filtered by her region, near her and suitable for her → the
//                             event → apply (a moderated event) → the coordinator accepts
//                             in his browser → she checks in by the shift's QR link.
//   JOURNEY_PART=certificate  the coordinator checks her out and confirms her hours on
//                             /organizations/ORG_ID/hours → she sees them in /me/book,
//                             asks for a certificate in Kazakh and downloads the PDF (saved
//                             to PDF_FILE) → a university, in a fresh anonymous browser,
//                             opens the verify address printed under the PDF's QR code.
//
// Plain Node script driving Debian's /usr/bin/chromium with playwright-core (no test
// runner, no browser download). Exits 0 when every step passed, 1 on the first failure
// (with a screenshot and the page's HTML in e2e/test-results/), 2 on a usage error.
//
//   BASE_URL=http://127.0.0.1:34567 ADMIN_EMAIL=... ADMIN_PASSWORD=... PASSWORD=... \
//     VOL_EMAIL=... COORD_EMAIL=... ORG_ID=<uuid> EVENT_ID=<uuid> SHIFT_ID=<uuid> \
//     JOURNEY_PART=attend node e2e/book.mjs
//   ... JOURNEY_PART=certificate PDF_FILE=/tmp/certificate.pdf node e2e/book.mjs
//
// ADMIN_EMAIL is a national admin (reads /admin/mailbox); COORD_EMAIL coordinates the
// verified organisation ORG_ID and logs in with PASSWORD; EVENT_ID is its published,
// moderated event in KZ-55 near Pavlodar's embankment, in Kazakh, for adults, with one
// shift SHIFT_ID starting within the hour (part 1) and over by part 2. VOL_EMAIL has no
// account yet: part 1 signs her up.
//
// Optional env: CHROMIUM_PATH (default /usr/bin/chromium), JOURNEY_TIMEOUT_MS (whole
// run, default 180000), JOURNEY_STEP_TIMEOUT_MS (one wait, default 10000).

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

import {
  check,
  clickAndLoad,
  configure,
  expect,
  expectFlash,
  expectNoFieldErrors,
  expectVisible,
  fail,
  fill,
  firstLine,
  kk,
  launchChromium,
  mailboxLinks,
  makeIin,
  newPerson,
  pathOf,
  run,
  selectIn,
  squash,
  step,
  submit,
  submitLogin,
  textOf,
  url,
  valueOf,
  visit,
} from './lib.mjs';

// ---------------------------------------------------------------------------------------
// Configuration

const PART = process.env.JOURNEY_PART;
const USAGE =
  'usage: BASE_URL=http://127.0.0.1:PORT ADMIN_EMAIL=... ADMIN_PASSWORD=... PASSWORD=... VOL_EMAIL=... ' +
  'COORD_EMAIL=... ORG_ID=<uuid> EVENT_ID=<uuid> SHIFT_ID=<uuid> JOURNEY_PART=attend|certificate ' +
  '[PDF_FILE=<path>, with certificate] node e2e/book.mjs';
const required = ['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'PASSWORD', 'VOL_EMAIL', 'COORD_EMAIL', 'ORG_ID', 'EVENT_ID', 'SHIFT_ID', 'JOURNEY_PART'];
if (PART === 'certificate') required.push('PDF_FILE');
const BASE = configure({ name: `book-${PART || 'unknown'}`, usage: USAGE, required });
if (PART !== 'attend' && PART !== 'certificate') {
  console.error(`book: JOURNEY_PART must be attend or certificate, is ${JSON.stringify(PART)}`);
  console.error(USAGE);
  process.exit(2);
}

const ADMIN = { label: 'admin', email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD };
const COORD = { label: 'coordinator', email: process.env.COORD_EMAIL, password: process.env.PASSWORD };
const ORG_ID = process.env.ORG_ID;
const EVENT_ID = process.env.EVENT_ID;
const SHIFT_ID = process.env.SHIFT_ID;
const PDF_FILE = process.env.PDF_FILE;

// The volunteer: Kazakh letters in every part of her name.
const VOL = {
  label: 'volunteer',
  name: 'Әсем Қанатқызы Нұрланова',
  email: process.env.VOL_EMAIL,
  password: 'Ertis-Bayanaul-2026',
};
const PROFILE = {
  first_name: 'Әсем',
  patronymic: 'Қанатқызы',
  last_name: 'Нұрланова',
  birth_date: '2003-03-08',
  phone: '+7 705 123 45 67',
  region: 'KZ-55',
  locality: 'Павлодар',
};
const IIN = makeIin(PROFILE.birth_date, '6'); // a woman born in the 2000s
// On the certificate: her given name and surname (the patronymic, if shown, between them).
const HOLDER_RE = /Әсем (Қанатқызы )?Нұрланова/;
// Where she is: central Pavlodar; the event is on the Irtysh embankment, about 1 km away.
const HERE_POINT = { lat: '52.2873', lon: '76.9674', km: '10' };
// 4 hours of attendance (the test moves the shift and her arrival 4 h back), in Kazakh.
const HOURS = '4,0';
const MOTIVATION = 'Ертіс жағасын бірге тазалағым келеді';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CERT_CODE = /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/;

// ---------------------------------------------------------------------------------------
// Helpers (the shared ones are in lib.mjs)

async function login(page, who) {
  await submitLogin(page, who.email, who.password);
  await expectNoFieldErrors(page, `${who.label} login`);
  expect(pathOf(page) !== '/login', `${who.label} login (${who.email}) did not leave /login (wrong e-mail/password, or not confirmed?)`);
}

// The shift's applications as the coordinator's page lists them.
async function applicationRows(page) {
  return page.$$eval('#applications tr[data-application]', (trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute('data-application'),
      status: tr.getAttribute('data-status'),
      text: tr.textContent.replace(/\s+/g, ' ').trim(),
    })),
  );
}

// Her row on /shifts/SHIFT_ID/applications (found by her e-mail).
async function herApplication(page) {
  await visit(page, `/shifts/${SHIFT_ID}/applications`);
  const rows = await applicationRows(page);
  const mine = rows.filter((r) => r.text.includes(VOL.email));
  expect(mine.length === 1, `${mine.length} rows on ${page.url()} mention ${VOL.email} (of ${rows.length}), expected 1`);
  return mine[0];
}

// ---------------------------------------------------------------------------------------
// Part 1: from signing up to checking in

async function attend() {
  const { page: vol } = await newPerson(VOL.label);
  const { page: coord } = await newPerson(COORD.label);

  await step('volunteer: signs up in Kazakh with a Kazakh name', async () => {
    await visit(vol, '/signup');
    const lang = await vol.getAttribute('html', 'lang');
    expect(lang === 'kk', `expected <html lang="kk"> on /signup for a kk-KZ browser, got ${JSON.stringify(lang)}`);
    await fill(vol, 'form#signup', 'name', VOL.name);
    await fill(vol, 'form#signup', 'email', VOL.email);
    await fill(vol, 'form#signup', 'password', VOL.password);
    await submit(vol, 'form#signup');
    await expectNoFieldErrors(vol, 'sign-up');
  });

  let confirmPath;
  await step('admin: the confirmation e-mail to her is in /admin/mailbox', async () => {
    const { ctx, page: admin } = await newPerson(ADMIN.label);
    await login(admin, ADMIN);
    const [href] = await mailboxLinks(admin, VOL.email, '/confirm?token=');
    const link = new URL(href, admin.url());
    confirmPath = link.pathname + link.search;
    await ctx.close();
  });

  await step('volunteer: opens the link, the address is confirmed; logs in', async () => {
    await visit(vol, confirmPath);
    await expectVisible(vol, '.flash-success', 'a success message (.flash-success) after confirming');
    await login(vol, VOL);
  });

  await step(`profile: name, IIN ${IIN}, birth date, region ${PROFILE.region}, Kazakh; saved and kept`, async () => {
    await visit(vol, '/profile');
    expect(pathOf(vol) === '/profile', `/profile redirected to ${vol.url()}`);
    const shown = await valueOf(vol, 'form#profile input[name="display_name"]');
    expect(shown === VOL.name, `the display name should be ${JSON.stringify(VOL.name)} from the sign-up, is ${JSON.stringify(shown)}`);
    for (const f of ['first_name', 'patronymic', 'last_name', 'birth_date', 'phone', 'locality']) {
      await fill(vol, 'form#profile', f, PROFILE[f]);
    }
    await fill(vol, 'form#profile', 'iin', IIN);
    await selectIn(vol, 'form#profile', 'region', PROFILE.region);
    await check(vol, 'form#profile input[name="languages"][value="kk"]');
    await submit(vol, 'form#profile');
    await expectNoFieldErrors(vol, 'saving the profile');
    await expectFlash(vol, 'flash_profile_saved', 'after saving the profile');
    await visit(vol, '/profile');
    for (const f of ['first_name', 'patronymic', 'last_name', 'birth_date', 'locality']) {
      const v = await valueOf(vol, `form#profile input[name="${f}"]`);
      expect(v === PROFILE[f], `after reload ${f} should be ${JSON.stringify(PROFILE[f])}, is ${JSON.stringify(v)}`);
    }
    const region = await valueOf(vol, 'form#profile select[name="region"]');
    expect(region === PROFILE.region, `after reload the region should be ${PROFILE.region}, is ${region}`);
    expect(await vol.locator('form#profile input[name="languages"][value="kk"]').isChecked(), 'after reload Kazakh is not ticked');
    expect((await vol.locator('#minor-flag').count()) === 0, 'she is 23 but the profile flags her as a minor');
  });

  await step('search: her region, near her (10 km), suitable for her → exactly the embankment event', async () => {
    await visit(vol, '/events');
    const all = await vol.$$eval('#events li a[href^="/events/"]', (as) => as.map((a) => a.getAttribute('href')));
    expect(all.includes(`/events/${EVENT_ID}`), `/events does not list /events/${EVENT_ID} unfiltered (lists ${all.join(', ')})`);
    expect(all.length >= 4, `/events lists ${all.length} events unfiltered, expected the event and 3 others (another region, far away, Russian only)`);
    const form = 'form.filters';
    await selectIn(vol, form, 'region', PROFILE.region);
    await fill(vol, form, 'lat', HERE_POINT.lat);
    await fill(vol, form, 'lon', HERE_POINT.lon);
    await fill(vol, form, 'km', HERE_POINT.km);
    await selectIn(vol, form, 'sort', 'distance');
    await check(vol, `${form} input[name="suitable"]`);
    await submit(vol, form);
    const q = new URL(vol.url()).searchParams;
    expect(q.get('region') === PROFILE.region && q.get('suitable') === '1', `the search URL lost its filters: ${vol.url()}`);
    const found = await vol.$$eval('#events li', (lis) =>
      lis.map((li) => ({ href: li.querySelector('a')?.getAttribute('href'), text: li.textContent.replace(/\s+/g, ' ').trim() })),
    );
    expect(
      found.length === 1 && found[0].href === `/events/${EVENT_ID}`,
      `the filtered search should find only /events/${EVENT_ID}, finds ${JSON.stringify(found)}`,
    );
    const distance = kk('events_distance').replace('{ $km }', '').trim(); // "км қашықтықта"
    expect(found[0].text.includes(distance), `the card should say how far it is (${distance}): ${found[0].text}`);
    console.log(`  found: ${found[0].text}`);
    const total = await textOf(vol, '#events-total');
    expect(total === kk('directory_found').replace('{ $n }', '1'), `#events-total reads ${JSON.stringify(total)}`);
  });

  await step('volunteer: opens the event from the results, a moderated one; applies with a word why', async () => {
    await clickAndLoad(vol, `#events a[href="/events/${EVENT_ID}"]`, 'opening the event');
    expect(pathOf(vol) === `/events/${EVENT_ID}`, `expected /events/${EVENT_ID}, at ${vol.url()}`);
    const facts = await textOf(vol, 'dl.facts');
    expect(facts.includes(kk('event_mode_moderated')), `the event page should say the organiser chooses (${kk('event_mode_moderated')}): ${facts}`);
    const row = `#shifts tr[data-shift="${SHIFT_ID}"]`;
    expect((await vol.locator(row).count()) === 1, `no ${row} on ${vol.url()}`);
    await fill(vol, `${row} form.apply`, 'motivation', MOTIVATION);
    await clickAndLoad(vol, `${row} form.apply button[type=submit]`, 'applying');
    expect(pathOf(vol) === `/events/${EVENT_ID}`, `after applying expected /events/${EVENT_ID}, at ${vol.url()}`);
    await expectFlash(vol, 'flash_application_pending', 'after applying');
    const badge = await textOf(vol, `${row} .badge`);
    expect(badge === kk('application_status_pending'), `her shift's badge reads ${JSON.stringify(badge)}, expected ${kk('application_status_pending')}`);
  });

  await step("coordinator: from the event's manage page to the shift's list; accepts her", async () => {
    await login(coord, COORD);
    await visit(coord, `/events/${EVENT_ID}/manage`);
    await clickAndLoad(coord, `#manage-shifts tr[data-shift="${SHIFT_ID}"] a[href="/shifts/${SHIFT_ID}/applications"]`, 'the shift list');
    const mine = await herApplication(coord);
    expect(mine.status === 'pending', `her application is ${mine.status}, expected pending`);
    expect(mine.text.includes(VOL.name) && mine.text.includes(MOTIVATION), `her row should show her name and why she applies: ${mine.text}`);
    await clickAndLoad(coord, `tr[data-application="${mine.id}"] button.accept`, 'accepting');
    await expectFlash(coord, 'flash_saved', 'after accepting');
    const after = await herApplication(coord);
    expect(after.status === 'accepted', `after accepting her application is ${after.status}`);
  });

  await step('volunteer: /me/applications shows her accepted', async () => {
    await visit(vol, '/me/applications');
    const items = await vol.$$eval('#my-applications li', (lis) =>
      lis.map((li) => ({ status: li.getAttribute('data-status'), href: li.querySelector('a')?.getAttribute('href') })),
    );
    const mine = items.find((i) => i.href === `/events/${EVENT_ID}`);
    expect(mine && mine.status === 'accepted', `her application on /me/applications is ${JSON.stringify(mine)}, expected accepted`);
  });

  let checkIn;
  await step("coordinator: the shift's QR page shows the code and its link", async () => {
    await visit(coord, `/shifts/${SHIFT_ID}/qr`);
    expect((await coord.locator('.qr-code svg').count()) > 0, `no QR <svg> on ${coord.url()}`);
    const href = await coord.locator('a#check-in-link').first().getAttribute('href').catch(() => null);
    expect(href && href.startsWith(`${BASE.origin}/check-in?code=`), `a#check-in-link points at ${href}`);
    checkIn = new URL(href);
  });

  await step('volunteer: the scanned link, "I am here" → checked in', async () => {
    await visit(vol, checkIn.pathname + checkIn.search);
    expect(pathOf(vol) === '/check-in', `the check-in link led to ${vol.url()}`);
    await submit(vol, 'form#check-in');
    expect(pathOf(vol) === `/events/${EVENT_ID}`, `after checking in expected /events/${EVENT_ID}, at ${vol.url()}`);
    await expectFlash(vol, 'flash_checked_in', 'after checking in');
  });

  await step("coordinator: her row reads checked_in", async () => {
    const mine = await herApplication(coord);
    expect(mine.status === 'checked_in', `her application is ${mine.status}, expected checked_in`);
  });
}

// ---------------------------------------------------------------------------------------
// Part 2: from checking out to the university

function pdfText(file) {
  const r = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return r.stdout;
}

async function certificate() {
  const { page: coord } = await newPerson(COORD.label);
  const { page: vol } = await newPerson(VOL.label, { acceptDownloads: true });

  await step('coordinator: checks her out on the shift list (completed)', async () => {
    await login(coord, COORD);
    const mine = await herApplication(coord);
    expect(mine.status === 'checked_in', `her application is ${mine.status}, expected checked_in`);
    await clickAndLoad(coord, `tr[data-application="${mine.id}"] button.check-out`, 'checking out');
    await expectFlash(coord, 'flash_saved', 'after checking out');
    const after = await herApplication(coord);
    expect(after.status === 'completed', `after checking out her application is ${after.status}, expected completed`);
  });

  await step(`coordinator: the organisation's hours page lists her ${HOURS} h; confirms them`, async () => {
    await visit(coord, `/organizations/${ORG_ID}`);
    await clickAndLoad(coord, 'a#org-hours', 'the hours page');
    expect(pathOf(coord) === `/organizations/${ORG_ID}/hours`, `#org-hours led to ${coord.url()}`);
    const rows = await coord.$$eval('#hours-decisions tr[data-hours]', (trs) =>
      trs.map((tr) => ({ id: tr.getAttribute('data-hours'), cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim()) })),
    );
    const mine = rows.filter((r) => r.cells[1] === VOL.name);
    expect(mine.length === 1, `expected one row of ${VOL.name} on ${coord.url()}, rows: ${JSON.stringify(rows)}`);
    const [, , , hours, source, status] = mine[0].cells;
    expect(hours === HOURS, `her hours read ${JSON.stringify(hours)}, expected ${HOURS}`);
    expect(source.startsWith(kk('hours_source_attendance')), `the source reads ${JSON.stringify(source)}, expected attendance`);
    expect(status === kk('hours_status_claimed'), `the status reads ${JSON.stringify(status)}`);
    await check(coord, `#hours-decisions input[name="hours"][value="${mine[0].id}"]`);
    await clickAndLoad(coord, '#hours-decisions button[name="action"][value="confirm"]', 'confirming');
    await expectFlash(coord, 'flash_decision_saved', 'after confirming');
    expect((await coord.locator(`tr[data-hours="${mine[0].id}"]`).count()) === 0, 'the confirmed hours are still listed as waiting');
  });

  await step(`volunteer: /me/book shows ${HOURS} confirmed hours`, async () => {
    await login(vol, VOL);
    await visit(vol, '/me/book');
    const total = await textOf(vol, '#book-total');
    expect(total === HOURS, `#book-total reads ${JSON.stringify(total)}, expected ${HOURS}`);
    const rows = await vol.$$eval('#book-entries tbody tr', (trs) =>
      trs.map((tr) => ({ status: tr.getAttribute('data-status'), text: tr.textContent.replace(/\s+/g, ' ').trim() })),
    );
    expect(rows.length === 1 && rows[0].status === 'confirmed', `her book's entries: ${JSON.stringify(rows)}, expected one confirmed`);
    expect(rows[0].text.includes(kk('hours_status_confirmed')), `the entry should read ${kk('hours_status_confirmed')}: ${rows[0].text}`);
  });

  let code;
  await step('volunteer: asks for a certificate of all her hours in Kazakh', async () => {
    const form = 'form#certificate-request';
    const lang = await valueOf(vol, `${form} select[name="lang"]`);
    expect(lang === 'kk', `the certificate's language should default to kk, is ${lang}`);
    await selectIn(vol, form, 'organization_id', '');
    await submit(vol, form);
    expect(pathOf(vol) === '/me/book', `after asking expected /me/book, at ${vol.url()}`);
    await expectFlash(vol, 'flash_certificate_issued', 'after asking for a certificate');
    const codes = await vol.$$eval('#certificate-list li[data-code]', (lis) => lis.map((li) => li.getAttribute('data-code')));
    expect(codes.length === 1 && CERT_CODE.test(codes[0]), `#certificate-list should hold one certificate, holds ${JSON.stringify(codes)}`);
    code = codes[0];
    console.log(`  certificate ${code}`);
  });

  let verifyUrl;
  await step('volunteer: downloads the PDF', async () => {
    const link = vol.locator(`#certificate-list a[href="/certificates/${code}.pdf"]`).first();
    expect((await link.count()) === 1, `no link to /certificates/${code}.pdf on ${vol.url()}`);
    let download;
    try {
      [download] = await Promise.all([vol.waitForEvent('download'), link.click()]);
    } catch (e) {
      fail(`clicking the PDF link started no download: ${firstLine(e)}`);
    }
    const failure = await download.failure();
    expect(!failure, `the download failed: ${failure}`);
    expect(download.suggestedFilename() === `erikti-${code}.pdf`, `the PDF is offered as ${download.suggestedFilename()}`);
    await download.saveAs(PDF_FILE);
    const bytes = readFileSync(PDF_FILE);
    expect(bytes.subarray(0, 5).toString('latin1') === '%PDF-', `${PDF_FILE} is not a PDF (starts with ${JSON.stringify(bytes.subarray(0, 8).toString('latin1'))})`);
    console.log(`  saved ${bytes.length} bytes to ${PDF_FILE}`);
    const book = new URL(await vol.locator(`#certificate-list a[href="/verify/${code}"]`).first().getAttribute('href'), BASE);
    verifyUrl = book.toString();
    const text = pdfText(PDF_FILE);
    if (text === null) {
      console.log('  note: no pdftotext here; the university opens the verify link of the book page');
      return;
    }
    expect(HOLDER_RE.test(text), `the PDF's text does not name her (${HOLDER_RE}): ${squash(text)}`);
    expect(text.includes(`${HOURS} ${kk('cert_hours_unit')}`), `the PDF's text does not say ${HOURS} ${kk('cert_hours_unit')}: ${squash(text)}`);
    // The address printed under the QR code is what the code encodes.
    const printed = squash(text).split(' ').find((w) => w.includes(`/verify/${code}`));
    expect(printed === verifyUrl, `the PDF prints the verify address ${JSON.stringify(printed)}, the book links to ${verifyUrl}`);
  });

  await step('university: a fresh browser opens the verify address: genuine, her name, the hours', async () => {
    const { ctx, page: uni } = await newPerson('university');
    await visit(uni, verifyUrl);
    const status = uni.locator('#verify-status').first();
    expect((await status.count()) === 1, `no #verify-status on ${uni.url()}`);
    const state = await status.getAttribute('data-status');
    expect(state === 'valid', `#verify-status is ${state}: ${await textOf(uni, '#verify-status')}`);
    expect((await textOf(uni, '#verify-status')) === kk('verify_valid'), 'the verify page should say the certificate is genuine');
    expect((await textOf(uni, '#cert-code')) === code, `#cert-code reads ${await textOf(uni, '#cert-code')}`);
    const holder = await textOf(uni, '#cert-holder');
    expect(HOLDER_RE.test(holder), `#cert-holder reads ${JSON.stringify(holder)}`);
    const total = await textOf(uni, '#cert-total');
    expect(total === `${HOURS} ${kk('cert_hours_unit')}`, `#cert-total reads ${JSON.stringify(total)}`);
    // The university is nobody's session: the PDF itself stays the holder's.
    const resp = await uni.request.get(url(`/certificates/${code}.pdf`), { maxRedirects: 0 });
    expect(resp.status() === 303 || resp.status() === 302, `an anonymous GET of the PDF answered HTTP ${resp.status()}, expected a redirect to log in`);
    await ctx.close();
  });
}

async function main() {
  const browser = await launchChromium();
  console.log(`# chromium ${browser.version()} against ${BASE.origin}; part ${PART}; volunteer ${VOL.email}`);
  if (PART === 'attend') await attend();
  else await certificate();
}

await run(main);
