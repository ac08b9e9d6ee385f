#!/usr/bin/env node
// Browser journey for erikti: a volunteer signs up, confirms the e-mail through the
// admin's outbox, logs in, fills the profile, switches language and logs out.
//
// Plain Node script driving Debian's /usr/bin/chromium with playwright-core (no test
// runner, no browser download). Exits 0 when every step passed, 1 on the first failure
// (with a screenshot and the page's HTML in e2e/test-results/), 2 on a usage error.
//
//   BASE_URL=http://127.0.0.1:34567 ADMIN_EMAIL=admin@example.kz ADMIN_PASSWORD=... \
//     node e2e/journey.mjs
//
// Optional env: CHROMIUM_PATH (default /usr/bin/chromium), JOURNEY_TIMEOUT_MS (whole
// run, default 180000), JOURNEY_STEP_TIMEOUT_MS (one wait, default 10000),
// JOURNEY_MAILBOX_WAIT_MS (how long to wait for the confirmation mail, default 15000).

import {
  configure,
  expect,
  expectNoFieldErrors,
  expectVisible,
  fail,
  fill,
  firstLine,
  launchChromium,
  newPerson,
  pathOf,
  run,
  step,
  submit,
  submitLogin,
  valueOf,
  visit,
} from './lib.mjs';

// ---------------------------------------------------------------------------------------
// Configuration

const BASE = configure({
  name: 'journey',
  usage: 'usage: BASE_URL=http://127.0.0.1:PORT ADMIN_EMAIL=... ADMIN_PASSWORD=... node e2e/journey.mjs',
  required: ['ADMIN_EMAIL', 'ADMIN_PASSWORD'],
});
const ADMIN_EMAIL = process.env.ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD;
const MAILBOX_WAIT = Number(process.env.JOURNEY_MAILBOX_WAIT_MS || 15_000);

// The volunteer of this run.
const VOLUNTEER = {
  name: 'Айгерім Сейітова',
  email: `vol-${Date.now()}@example.kz`,
  password: 'Tulpar-Kokshetau-2026',
};
const PROFILE = {
  first_name: 'Айгерім',
  last_name: 'Сейітова',
  birth_date: '2001-05-17',
  phone: '+7 701 234 56 78',
  region: 'KZ-71',
  locality: 'Астана',
};

// ---------------------------------------------------------------------------------------
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

// Born 2001-05-17, female, 21st century => century/sex digit 6.
export function makeIin(birth = '2001-05-17', centurySex = '6', serial = 123) {
  const [y, m, dd] = birth.split('-');
  for (let s = serial; s < serial + 10_000; s++) {
    const prefix = `${y.slice(2)}${m}${dd}${centurySex}${String(s % 10_000).padStart(4, '0')}`;
    const c = iinCheckDigit(prefix);
    if (c !== null) return prefix + c;
  }
  throw new Error('no valid IIN serial found');
}

const IIN_VALID = makeIin(PROFILE.birth_date, '6', 123);
const IIN_WRONG = IIN_VALID.slice(0, 11) + String((Number(IIN_VALID[11]) + 1) % 10);

// ---------------------------------------------------------------------------------------
// Helpers (the shared ones are in lib.mjs)

const digits = (s) => String(s ?? '').replace(/\D/g, '');

async function htmlLang(page) {
  return page.getAttribute('html', 'lang');
}

async function h1Text(page) {
  const h1 = page.locator('h1').first();
  if ((await h1.count()) === 0) fail(`no <h1> on ${page.url()}`);
  return (await h1.innerText()).trim();
}

// ---------------------------------------------------------------------------------------
// Steps

async function main() {
  const browser = await launchChromium();
  console.log(`# chromium ${browser.version()} against ${BASE.origin}; volunteer ${VOLUNTEER.email}`);

  const { ctx: vol, page } = await newPerson('volunteer');

  // a. Home page, Kazakh by default.
  await step('home page: html lang=kk, main landmark, h1', async () => {
    await visit(page, '/');
    const lang = await htmlLang(page);
    expect(lang === 'kk', `expected <html lang="kk"> for a kk-KZ browser, got lang=${JSON.stringify(lang)}`);
    expect((await page.locator('main, [role=main]').count()) >= 1, 'no <main> landmark on /');
    expect((await h1Text(page)).length > 0, 'the <h1> on / is empty');
  });

  // b. Sign-up: server-side validation keeps what was typed, then a real sign-up.
  await step('signup: invalid e-mail and short password are refused, name kept', async () => {
    await visit(page, '/signup');
    await fill(page, 'form#signup', 'name', VOLUNTEER.name);
    await fill(page, 'form#signup', 'email', 'not-an-email');
    await fill(page, 'form#signup', 'password', 'short');
    await submit(page, 'form#signup', { bypassBrowserValidation: true });
    await expectVisible(page, '#email-error', 'the e-mail error (#email-error)');
    await expectVisible(page, '#password-error', 'the password error (#password-error)');
    for (const f of ['email', 'password']) {
      const inv = await page.getAttribute(`form#signup input[name="${f}"]`, 'aria-invalid');
      expect(inv === 'true', `input[name=${f}] should carry aria-invalid="true", has ${JSON.stringify(inv)}`);
    }
    const name = await valueOf(page, 'form#signup input[name="name"]');
    expect(name === VOLUNTEER.name, `the name field should still hold ${JSON.stringify(VOLUNTEER.name)}, holds ${JSON.stringify(name)}`);
  });

  await step('signup: a valid sign-up is accepted', async () => {
    await fill(page, 'form#signup', 'name', VOLUNTEER.name);
    await fill(page, 'form#signup', 'email', VOLUNTEER.email);
    await fill(page, 'form#signup', 'password', VOLUNTEER.password);
    const resp = await submit(page, 'form#signup');
    expect(resp.status() < 400, `sign-up answered HTTP ${resp.status()} (${page.url()})`);
    await expectNoFieldErrors(page, 'sign-up');
  });

  // c. The admin reads the confirmation link from the outbox, in a second context.
  let confirmUrl;
  await step('admin: log in, find the confirmation link in /admin/mailbox', async () => {
    const { ctx: adminCtx, page: admin } = await newPerson('admin');
    await submitLogin(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await expectNoFieldErrors(admin, 'admin login');
    expect(pathOf(admin) !== '/login', `admin login did not leave /login (wrong ADMIN_EMAIL/ADMIN_PASSWORD?)`);

    const sel = `article.message[data-to="${VOLUNTEER.email}"] a[href*="/confirm?token="]`;
    const deadline = Date.now() + MAILBOX_WAIT;
    let hrefs = [];
    for (;;) {
      await visit(admin, '/admin/mailbox');
      expect(pathOf(admin) === '/admin/mailbox', `/admin/mailbox redirected to ${admin.url()} (is ${ADMIN_EMAIL} a national admin?)`);
      // Newest message: by <time datetime> inside the article when present, else the
      // first in document order (the mailbox lists newest first).
      hrefs = await admin.$$eval(sel, (links) =>
        links
          .map((a, i) => {
            const t = a.closest('article')?.querySelector('time[datetime]')?.getAttribute('datetime');
            return { href: a.getAttribute('href'), t: t ? Date.parse(t) : NaN, i };
          })
          .sort((x, y) => (Number.isNaN(x.t) || Number.isNaN(y.t) ? x.i - y.i : y.t - x.t))
          .map((x) => x.href),
      );
      if (hrefs.length || Date.now() > deadline) break;
      await admin.waitForTimeout(500);
    }
    if (!hrefs.length) {
      const tos = await admin.$$eval('article.message', (as) => as.map((a) => a.getAttribute('data-to')));
      fail(
        `no message to ${VOLUNTEER.email} with a /confirm?token= link in /admin/mailbox after ${MAILBOX_WAIT} ms ` +
          `(${tos.length} article.message elements, data-to: ${tos.slice(0, 10).join(', ') || 'none'})`,
      );
    }
    const link = new URL(hrefs[0], admin.url());
    if (link.origin !== BASE.origin) {
      console.log(`  note: the confirmation link points at ${link.origin}, following it on ${BASE.origin}`);
    }
    confirmUrl = link.pathname + link.search;
    await adminCtx.close();
  });

  // d. Confirm the address, then log in as the volunteer.
  await step('volunteer: confirm the e-mail', async () => {
    await visit(page, confirmUrl);
    await expectVisible(page, '.flash-success', 'a success message (.flash-success) after confirming');
  });

  await step('volunteer: log in', async () => {
    await submitLogin(page, VOLUNTEER.email, VOLUNTEER.password);
    await expectNoFieldErrors(page, 'volunteer login');
    const onProfile = pathOf(page) === '/profile';
    const link = await page.locator('a[href="/profile"], a[href$="/profile"]').first().isVisible().catch(() => false);
    expect(onProfile || link, `after logging in expected /profile or a visible link to /profile, at ${page.url()}`);
  });

  // e. Profile: a wrong IIN check digit is refused and the rest kept; then saved.
  const fillProfile = async (iin) => {
    for (const f of ['first_name', 'last_name', 'birth_date', 'phone', 'locality']) {
      await fill(page, 'form#profile', f, PROFILE[f]);
    }
    await fill(page, 'form#profile', 'iin', iin);
    try {
      await page.locator('form#profile select[name="region"]').selectOption(PROFILE.region);
    } catch (e) {
      fail(`cannot choose region ${PROFILE.region} in form#profile select[name=region]: ${firstLine(e)}`);
    }
  };
  const expectProfileKept = async (what) => {
    for (const f of ['first_name', 'last_name', 'birth_date', 'locality']) {
      const v = await valueOf(page, `form#profile input[name="${f}"]`);
      expect(v === PROFILE[f], `${what}: ${f} should be ${JSON.stringify(PROFILE[f])}, is ${JSON.stringify(v)}`);
    }
    const phone = await valueOf(page, 'form#profile input[name="phone"]');
    expect(digits(phone) === digits(PROFILE.phone), `${what}: phone should be ${PROFILE.phone}, is ${JSON.stringify(phone)}`);
    const region = await valueOf(page, 'form#profile select[name="region"]');
    expect(region === PROFILE.region, `${what}: region should be ${PROFILE.region}, is ${JSON.stringify(region)}`);
  };

  await step(`profile: an IIN with a wrong check digit (${IIN_WRONG}) is refused, other fields kept`, async () => {
    await visit(page, '/profile');
    expect(pathOf(page) === '/profile', `/profile redirected to ${page.url()} (not logged in?)`);
    await fillProfile(IIN_WRONG);
    await submit(page, 'form#profile');
    await expectVisible(page, '#iin-error', 'the IIN error (#iin-error)');
    await expectProfileKept('after the refused IIN');
  });

  await step(`profile: a valid IIN (${IIN_VALID}) saves, values persist after reload`, async () => {
    await fillProfile(IIN_VALID);
    await submit(page, 'form#profile');
    await expectNoFieldErrors(page, 'saving the profile');
    await expectVisible(page, '.flash-success', 'a success message (.flash-success) after saving the profile');
    await visit(page, '/profile');
    await expectProfileKept('after reload');
    const iin = await valueOf(page, 'form#profile input[name="iin"]');
    expect(digits(iin) === IIN_VALID, `after reload: iin should be ${IIN_VALID}, is ${JSON.stringify(iin)}`);
  });

  // f. Language switcher.
  await step('language: kk -> ru -> en via nav.lang-switcher', async () => {
    const kkH1 = await h1Text(page);
    const switchTo = async (lang) => {
      const a = page.locator(`nav.lang-switcher a[hreflang=${lang}]`).first();
      if ((await a.count()) === 0) fail(`no nav.lang-switcher a[hreflang=${lang}] on ${page.url()}`);
      try {
        await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), a.click()]);
      } catch (e) {
        fail(`switching to ${lang} did not load a page: ${firstLine(e)}`);
      }
      const got = await htmlLang(page);
      expect(got === lang, `after switching to ${lang}: <html lang=${JSON.stringify(got)}> at ${page.url()}`);
    };
    await switchTo('ru');
    const ruH1 = await h1Text(page);
    expect(ruH1 !== kkH1, `the <h1> did not change from Kazakh to Russian: ${JSON.stringify(ruH1)}`);
    await switchTo('en');
    const logout = page.locator('form#logout button[type=submit]').first();
    if ((await logout.count()) === 0) fail(`no form#logout button[type=submit] on ${page.url()}`);
    const text = ((await logout.textContent()) || '').replace(/\s+/g, ' ').trim();
    expect(text === 'Log out', `the logout button in English should read "Log out", reads ${JSON.stringify(text)}`);
  });

  // g. Log out.
  await step('logout: back on the home page with a link to /login', async () => {
    await submit(page, 'form#logout');
    expect(pathOf(page) === '/', `after logging out expected the home page, at ${page.url()}`);
    await expectVisible(page, 'a[href="/login"], a[href$="/login"]', 'a link to /login');
  });
  await vol.close();

  // h. Narrow screen.
  await step('home page at 360x740 has no horizontal scroll', async () => {
    const { ctx: narrow, page: p } = await newPerson('narrow', { viewport: { width: 360, height: 740 } });
    await visit(p, '/');
    const sw = await p.evaluate(() => document.documentElement.scrollWidth);
    expect(sw <= 360, `the home page is ${sw}px wide at a 360px viewport (horizontal scroll)`);
    await narrow.close();
  });
}

await run(main);
