#!/usr/bin/env node
// Browser journey for erikti's charity, on a phone (360 x 740), pages only:
//   1. the owner of a verified organization opens a collection and submits it;
//   2. the front-office (the national admin) finds it from its front-office page and
//      registers it with its number; the owner starts it;
//   3. a guest scans the collection's QR code (decoded from the page's own <svg>), opens the
//      page it encodes, gives 5,000 ₸ by card on the payment provider's page; the provider's
//      signed notification records the gift, the page shows it under her chosen name;
//   4. the treasurer imports a bank statement (CSV) with two transfers that name the
//      collection's transfer reference: mapping preview, confirm, progress, two recorded;
//   5. the treasurer submits an expense with its receipt; the owner (a second member)
//      approves it;
//   6. the public page, opened again from the QR code, shows raised, spent and remainder as
//      the money trail in the log proves them (summed here from the trail's entries);
//   7. the owner closes the collection and publishes the closing report; the public page
//      shows it.
//
//   BASE_URL=http://127.0.0.1:PORT ADMIN_EMAIL=... ADMIN_PASSWORD=... PASSWORD=... \
//     ORG_ID=... OWNER_EMAIL=... TREASURER_EMAIL=... node e2e/charity.mjs
//
// The organization must be verified, in KZ-55, owned by OWNER_EMAIL, with TREASURER_EMAIL
// a member appointed treasurer (both with PASSWORD); the server's payment provider is the
// generic one, its checkout page at a provider that notifies the server (the Rust test that
// runs this script starts one); the server signs checkpoints every few seconds.
//
// Optional env: CHROMIUM_PATH, JOURNEY_TIMEOUT_MS, JOURNEY_STEP_TIMEOUT_MS.

import jsQR from 'jsqr';
import { PNG } from 'pngjs';

import {
  configure,
  expect,
  iinCheckDigit,
  launchChromium,
  loginAs,
  newPerson,
  pathOf,
  run,
  squash,
  step,
  submit,
  textOf,
  visit,
} from './lib.mjs';

const BASE = configure({
  name: 'charity',
  usage:
    'usage: BASE_URL=http://127.0.0.1:PORT ADMIN_EMAIL=... ADMIN_PASSWORD=... PASSWORD=... ' +
    'ORG_ID=... OWNER_EMAIL=... TREASURER_EMAIL=... node e2e/charity.mjs',
  required: ['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'PASSWORD', 'ORG_ID', 'OWNER_EMAIL', 'TREASURER_EMAIL'],
});
const ORG = process.env.ORG_ID;
const ADMIN = { label: 'front-office', email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD };
const OWNER = { label: 'owner', email: process.env.OWNER_EMAIL, password: process.env.PASSWORD };
const TREASURER = { label: 'treasurer', email: process.env.TREASURER_EMAIL, password: process.env.PASSWORD };

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PURPOSE = `Инсулин для детей ${Date.now()}`;
const TODAY = new Date().toISOString().slice(0, 10);

// Tenge as the page shows them in Russian ("155 000 ₸" with no-break spaces): digits only.
const digits = (s) => String(s).replace(/[^0-9]/g, '');

// The page has no horizontal scroll at the phone's width.
async function fitsThePhone(page, what) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide <= 362, `${what}: the page is ${wide}px wide at 360px (it scrolls sideways)`);
}

// The URL the page's QR code encodes: the <svg> screenshot, decoded.
async function qrTarget(page) {
  const svg = page.locator('figure.qr svg').first();
  await svg.waitFor();
  const png = PNG.sync.read(await svg.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(code && code.data, 'the QR code on the collection page does not decode');
  return code.data;
}

// Fills an input or a textarea, or chooses in a select, of `form`.
async function put(page, form, name, value) {
  const el = page.locator(`${form} [name="${name}"]`).first();
  expect((await el.count()) > 0, `no [name=${name}] in ${form} on ${page.url()}`);
  if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
  else await el.fill(value);
}

// Submits a step form of the manage page (#step-CODE), after filling `fields`.
async function takeStep(page, code, fields = {}) {
  const form = `form#step-${code}`;
  expect((await page.locator(form).count()) > 0, `no ${form} on ${page.url()}`);
  for (const [name, value] of Object.entries(fields)) await put(page, form, name, value);
  await submit(page, form);
}

async function statusOf(page) {
  return squash(await textOf(page, '#collection-status'));
}

run(async () => {
  await launchChromium();
  const owner = await newPerson('owner', { locale: 'ru-RU', ...PHONE });
  const admin = await newPerson('front-office', { locale: 'ru-RU', ...PHONE });
  const treasurer = await newPerson('treasurer', { locale: 'ru-RU', ...PHONE });
  const guest = await newPerson('guest', { locale: 'kk-KZ', ...PHONE });
  let manage; // /collections/{id}/manage
  let collection; // its id
  let publicUrl; // what the QR code encodes
  let reference; // the transfer reference donors write in a bank transfer

  await step('owner: opens a collection from her organization page', async () => {
    await loginAs(owner.page, OWNER);
    await visit(owner.page, `/organizations/${ORG}`);
    await owner.page.locator('#new-collection').click();
    await owner.page.waitForURL(/\/collections\/new$/);
    const f = 'form#collection-form';
    await put(owner.page, f, 'purpose_ru', PURPOSE);
    await put(owner.page, f, 'beneficiary', 'sick');
    await put(owner.page, f, 'target', '1 000 000');
    await put(owner.page, f, 'start_date', TODAY);
    await put(owner.page, f, 'end_date', `${Number(TODAY.slice(0, 4)) + 1}-06-30`);
    await put(owner.page, f, 'iban', 'KZ86 125K ZT50 0410 0100');
    await put(owner.page, f, 'bank_name', 'Halyk Bank');
    await put(owner.page, f, 'holder_bin', `12054001234${iinCheckDigit('12054001234')}`);
    await fitsThePhone(owner.page, 'the collection form');
    await submit(owner.page, f);
    const m = pathOf(owner.page).match(new RegExp(`^/collections/(${UUID})/manage$`, 'i'));
    expect(m, `after saving, expected the manage page, got ${owner.page.url()}`);
    collection = m[1];
    manage = `/collections/${collection}/manage`;
    await takeStep(owner.page, 'submit');
    expect((await owner.page.locator('form#step-submit').count()) === 0, `still a draft: ${await statusOf(owner.page)}`);
  });

  await step('front-office: finds it in the region\'s queue and registers it', async () => {
    await loginAs(admin.page, ADMIN);
    await visit(admin.page, '/front-office/KZ-55');
    await admin.page.locator('#collections-queue-link').click();
    await admin.page.waitForURL(/\/front-office\/KZ-55\/collections$/);
    await admin.page.locator(`#queue a[href="${manage}"]`).click();
    await admin.page.waitForURL(new RegExp(`${manage}$`));
    await fitsThePhone(admin.page, 'the manage page');
    await takeStep(admin.page, 'register', { number: 'KZ-55/2026-117' });
    expect((await statusOf(admin.page)).includes('KZ-55/2026-117'), `registered: ${await statusOf(admin.page)}`);
  });

  await step('owner: starts the collection; its transfer reference is shown', async () => {
    await visit(owner.page, manage);
    await takeStep(owner.page, 'activate');
    reference = squash(await textOf(owner.page, '#transfer-reference strong'));
    expect(reference.length >= 4, `no transfer reference on ${manage}`);
  });

  await step('guest: scans the QR code and gives 5 000 ₸ by card on the provider\'s page', async () => {
    await visit(guest.page, `/collections/${collection}`);
    publicUrl = await qrTarget(guest.page);
    expect(publicUrl.endsWith(`/collections/${collection}`), `the QR code encodes ${publicUrl}`);
    await guest.page.goto(publicUrl);
    await fitsThePhone(guest.page, 'the public collection page');
    const f = 'form[action$="/give"]';
    await put(guest.page, f, 'amount', '5 000');
    await put(guest.page, f, 'donor_name', 'Айгүл Серікова');
    await put(guest.page, f, 'donor_email', 'aigul@example.kz');
    await put(guest.page, f, 'public_name', 'Айгүл');
    await submit(guest.page, f);
    expect(new URL(guest.page.url()).host !== BASE.host, `expected the provider's page, got ${guest.page.url()}`);
    expect(digits(await textOf(guest.page, '#pay-amount')) === '5000', 'the provider shows 5000 KZT');
    await submit(guest.page, 'form#pay-form');
    expect(pathOf(guest.page) === `/collections/${collection}`, `back on the collection page, got ${guest.page.url()}`);
    const list = squash(await textOf(guest.page, '#donations'));
    expect(list.includes('Айгүл') && !list.includes('Серікова'), `the gift under her chosen name only: ${list}`);
  });

  await step('treasurer: imports a bank statement with two transfers', async () => {
    await loginAs(treasurer.page, TREASURER);
    await visit(treasurer.page, manage);
    await treasurer.page.locator('#statements-link').click();
    await treasurer.page.waitForURL(new RegExp(`/organizations/${ORG}/statements$`));
    const csv =
      'Референс;Дата;Кредит;Дебет;Плательщик;Назначение платежа\n' +
      `BANK-0001;${TODAY.split('-').reverse().join('.')};100 000,00;;ТОО «Береке»;Благотворительная помощь ${reference}\n` +
      `BANK-0002;${TODAY.split('-').reverse().join('.')};50 000,00;;Иванов И. И.;${reference} пожертвование\n` +
      `BANK-0003;${TODAY.split('-').reverse().join('.')};;1 200,00;Банк;Комиссия банка\n`;
    await treasurer.page.setInputFiles('form#statement-upload input[type=file]', {
      name: 'vypiska.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await submit(treasurer.page, 'form#statement-upload');
    await treasurer.page.locator('#statement-mapping').waitFor();
    expect(digits(await textOf(treasurer.page, '#count-credits')) === '2', 'two credits in the preview');
    expect(digits(await textOf(treasurer.page, '#count-debits')) === '1', 'one debit, skipped');
    await submit(treasurer.page, 'form:has(#statement-apply)');
    await treasurer.page.locator('#statement-status[data-status="applied"]').waitFor({ timeout: 30_000 });
    expect(digits(await textOf(treasurer.page, '#count-recorded')) === '2', 'two donations recorded');
    await fitsThePhone(treasurer.page, 'the statement page');
  });

  await step('treasurer: submits an expense with its receipt; the owner approves it', async () => {
    await visit(treasurer.page, manage);
    const f = 'form#expense-form';
    await put(treasurer.page, f, 'category', 'medical');
    await put(treasurer.page, f, 'amount', '60 000');
    await put(treasurer.page, f, 'description', 'Инсулин, 24 шприц-ручки');
    await put(treasurer.page, f, 'payee_organization', 'Аптека №1');
    await treasurer.page.setInputFiles(`${f} input[name=receipt]`, {
      name: 'chek.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% receipt of the pharmacy\n%%EOF\n'),
    });
    await submit(treasurer.page, f);
    const own = treasurer.page.locator(`#expenses form[action$="/approve"]`);
    expect((await own.count()) > 0, 'the expense waits for approval');
    await visit(owner.page, manage);
    await submit(owner.page, `#expenses form[action$="/approve"]`);
    const list = squash(await textOf(owner.page, '#expenses'));
    expect(!(await owner.page.locator(`#expenses form[action$="/approve"]`).count()), `approved: ${list}`);
  });

  await step('guest: the page opened from the QR code shows what the log proves', async () => {
    // The scheduler signs a checkpoint every second: wait until nothing is pending.
    let trail;
    for (let i = 0; i < 40; i++) {
      const r = await guest.page.request.get(new URL(`/api/v1/collections/${collection}/trail`, BASE).toString());
      trail = await r.json();
      const shown = await guest.page.request.get(new URL(`/api/v1/collections/${collection}`, BASE).toString());
      if ((await shown.json()).proven.pending === 0 && trail.entries.length === 4) break;
      await guest.page.waitForTimeout(500);
    }
    expect(trail.entries.length === 4, `4 entries in the trail (3 gifts, 1 expense), got ${trail.entries.length}`);
    let raised = 0;
    let spent = 0;
    for (const e of trail.entries) {
      if (e.kind === 'expense') spent += e.amount;
      else raised += e.amount;
    }
    expect(raised === 15_500_000 && spent === 6_000_000, `trail: raised ${raised}, spent ${spent} tiyn`);
    await guest.page.goto(await qrTarget(guest.page));
    const shown = {
      raised: digits(await textOf(guest.page, '#raised')),
      spent: digits(await textOf(guest.page, '#spent')),
      remainder: digits(await textOf(guest.page, '#remainder')),
    };
    const tenge = (t) => String(t / 100);
    expect(
      shown.raised === tenge(raised) && shown.spent === tenge(spent) && shown.remainder === tenge(raised - spent),
      `the page shows ${JSON.stringify(shown)}, the log ${raised}/${spent} tiyn`,
    );
    expect((await guest.page.locator('#proven').count()) > 0, 'the page names its checkpoint');
  });

  await step('owner: closes the collection and publishes the closing report', async () => {
    await visit(owner.page, manage);
    await takeStep(owner.page, 'close');
    let published = false;
    for (let i = 0; i < 20 && !published; i++) {
      await visit(owner.page, manage);
      await takeStep(owner.page, 'report', {
        remainder_use: 'kept_for_purpose',
        remainder_text: 'Остаток 95 000 ₸ пойдёт на инсулин в следующем квартале.',
      });
      published = !(await owner.page.locator('form#step-report').count());
      if (!published) await owner.page.waitForTimeout(1000);
    }
    expect(published, `the report was not published: ${squash(await owner.page.locator('main').textContent())}`);
    await guest.page.goto(publicUrl);
    const report = squash(await textOf(guest.page, '#report-title'));
    expect(report.length > 0, 'the public page shows the closing report');
    await fitsThePhone(guest.page, 'the reported collection page');
  });
});
