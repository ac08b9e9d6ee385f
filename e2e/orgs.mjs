#!/usr/bin/env node
// Browser journey for erikti organisations: the national admin appoints two regional
// coordinators (KZ-55 and KZ-75); a volunteer creates an initiative group in KZ-55 and
// asks for verification; the KZ-75 coordinator is kept out of the KZ-55 front office;
// the KZ-55 coordinator verifies the group; a visitor finds it in the directory with the
// verified badge; the volunteer reads the audit trail.
//
// Plain Node script driving Debian's /usr/bin/chromium with playwright-core (no test
// runner, no browser download). Exits 0 when every step passed, 1 on the first failure
// (with a screenshot and the page's HTML in e2e/test-results/), 2 on a usage error.
//
//   BASE_URL=http://127.0.0.1:34567 ADMIN_EMAIL=admin@example.kz ADMIN_PASSWORD=... \
//     VOL_EMAIL=... C55_EMAIL=... C75_EMAIL=... PASSWORD=... node e2e/orgs.mjs
//
// All four accounts must exist and be confirmed; PASSWORD is shared by the volunteer and
// both coordinator accounts. The coordinator accounts need not be coordinators yet (a
// re-run against the same server skips an appointment that is already in place).
//
// Optional env: CHROMIUM_PATH (default /usr/bin/chromium), JOURNEY_TIMEOUT_MS (whole
// run, default 180000), JOURNEY_STEP_TIMEOUT_MS (one wait, default 10000).

import {
  check,
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
  valueOf,
  visibleFieldErrors,
  visit,
} from './lib.mjs';

// ---------------------------------------------------------------------------------------
// Configuration

const BASE = configure({
  name: 'orgs',
  usage:
    'usage: BASE_URL=http://127.0.0.1:PORT ADMIN_EMAIL=... ADMIN_PASSWORD=... VOL_EMAIL=... ' +
    'C55_EMAIL=... C75_EMAIL=... PASSWORD=... node e2e/orgs.mjs',
  required: ['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'VOL_EMAIL', 'C55_EMAIL', 'C75_EMAIL', 'PASSWORD'],
});
const ADMIN = { label: 'admin', email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD };
const VOL = { label: 'volunteer', email: process.env.VOL_EMAIL, password: process.env.PASSWORD };
const C55 = { label: 'coord-kz55', email: process.env.C55_EMAIL, password: process.env.PASSWORD, region: 'KZ-55' };
const C75 = { label: 'coord-kz75', email: process.env.C75_EMAIL, password: process.env.PASSWORD, region: 'KZ-75' };

// The organisation of this run.
const ORG = {
  kind: 'initiative_group',
  name: `Павлодар жастары ${Date.now()}`,
  region: 'KZ-55',
  direction: 'qamqor',
};

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ORG_PATH_RE = new RegExp(`^/organizations/${UUID}$`, 'i');
const VERIFICATION_PATH_RE = new RegExp(`^/verification/${UUID}$`, 'i');

// ---------------------------------------------------------------------------------------
// Helpers (the shared ones are in lib.mjs)

// Stricter than lib's expectNoFieldErrors: a #form-error counts too.
async function expectNoFieldErrors(page, what) {
  const errs = await visibleFieldErrors(page);
  const formErr = page.locator('#form-error').first();
  if ((await formErr.count()) > 0) errs.unshift(`#form-error: ${squash(await formErr.textContent())}`);
  expect(errs.length === 0, `${what}: the page shows errors: ${errs.join('; ')}`);
}

async function login(page, who) {
  await submitLogin(page, who.email, who.password);
  await expectNoFieldErrors(page, `${who.label} login`);
  expect(pathOf(page) !== '/login', `${who.label} login (${who.email}) did not leave /login (wrong e-mail/password, or not confirmed?)`);
}

// The text of every link in #queue's body.
async function queueNames(page) {
  return page.$$eval('#queue tbody a', (as) => as.map((a) => a.textContent.replace(/\s+/g, ' ').trim()));
}

// ---------------------------------------------------------------------------------------
// Steps

async function main() {
  const browser = await launchChromium();
  console.log(`# chromium ${browser.version()} against ${BASE.origin}; organisation ${JSON.stringify(ORG.name)}`);

  // 1. The national admin appoints the two regional coordinators.
  await step(`admin: appoint ${C55.email} to ${C55.region} and ${C75.email} to ${C75.region}`, async () => {
    const { ctx, page } = await newPerson(ADMIN.label);
    await login(page, ADMIN);
    for (const c of [C55, C75]) {
      await visit(page, '/admin/coordinators');
      expect(
        pathOf(page) === '/admin/coordinators',
        `/admin/coordinators redirected to ${page.url()} (is ${ADMIN.email} a national admin?)`,
      );
      // The remove form of each row carries the e-mail and the region code.
      const row = `#coordinators tbody tr:has(input[name="email"][value="${c.email}"]):has(input[name="region"][value="${c.region}"])`;
      if ((await page.locator(row).count()) > 0) {
        console.log(`  note: ${c.email} already coordinates ${c.region}; not appointing again`);
        continue;
      }
      await fill(page, 'form#appoint', 'email', c.email);
      await selectIn(page, 'form#appoint', 'region', c.region);
      const resp = await submit(page, 'form#appoint');
      expect(resp.status() < 400, `appointing ${c.email} to ${c.region} answered HTTP ${resp.status()} (${page.url()})`);
      await expectNoFieldErrors(page, `appointing ${c.email} to ${c.region}`);
    }
    await visit(page, '/admin/coordinators');
    const table = page.locator('#coordinators');
    if ((await table.count()) === 0) fail(`no table#coordinators on ${page.url()}`);
    const text = await table.innerText();
    for (const c of [C55, C75]) {
      expect(text.includes(c.email), `#coordinators does not list ${c.email} after the appointment`);
      const row = `#coordinators tbody tr:has(input[name="region"][value="${c.region}"])`;
      const rowTexts = await page.locator(row).allInnerTexts();
      expect(
        rowTexts.some((t) => t.includes(c.email)),
        `#coordinators has no ${c.region} row for ${c.email} (rows for ${c.region}: ${rowTexts.map(squash).join(' | ') || 'none'})`,
      );
    }
    await ctx.close();
  });

  // 2. The volunteer creates an initiative group in KZ-55.
  const { page: vol } = await newPerson(VOL.label);
  let orgPath;
  const fillOrg = async (name) => {
    await check(vol, `form#org input[name="kind"][value="${ORG.kind}"]`);
    for (const f of ['name_kk', 'name_ru', 'name_en']) {
      if ((await vol.locator(`form#org input[name="${f}"]`).count()) > 0) await fill(vol, 'form#org', f, '');
    }
    if ((await vol.locator('form#org input[name="name_kk"]').count()) === 0) fail(`no form#org input[name=name_kk] on ${vol.url()}`);
    await fill(vol, 'form#org', 'name_kk', name);
    await selectIn(vol, 'form#org', 'region', ORG.region);
    await check(vol, `form#org input[name="directions"][value="${ORG.direction}"]`);
  };

  await step('volunteer: an organisation without any name is refused (422), choices kept', async () => {
    await login(vol, VOL);
    await visit(vol, '/organizations/new');
    expect(pathOf(vol) === '/organizations/new', `/organizations/new redirected to ${vol.url()}`);
    await fillOrg('');
    const resp = await submit(vol, 'form#org', { bypassBrowserValidation: true });
    expect(resp.status() === 422, `a nameless organisation answered HTTP ${resp.status()}, expected 422 (${vol.url()})`);
    await expectVisible(vol, '#name_kk-error', 'the name error (#name_kk-error)');
    const region = await valueOf(vol, 'form#org select[name="region"]');
    expect(region === ORG.region, `after the refusal the region should still be ${ORG.region}, is ${JSON.stringify(region)}`);
    expect(
      await isChecked(vol, `form#org input[name="kind"][value="${ORG.kind}"]`),
      `after the refusal the kind ${ORG.kind} is no longer checked`,
    );
    expect(
      await isChecked(vol, `form#org input[name="directions"][value="${ORG.direction}"]`),
      `after the refusal the direction ${ORG.direction} is no longer checked`,
    );
  });

  await step('volunteer: the organisation is created, its page shows the name', async () => {
    await fillOrg(ORG.name);
    const resp = await submit(vol, 'form#org', { bypassBrowserValidation: true });
    expect(resp.status() < 400, `creating the organisation answered HTTP ${resp.status()} (${vol.url()})`);
    await expectNoFieldErrors(vol, 'creating the organisation');
    expect(ORG_PATH_RE.test(pathOf(vol)), `after creating expected /organizations/<uuid>, at ${vol.url()}`);
    orgPath = pathOf(vol);
    const name = squash(await vol.locator('#org-name').first().textContent().catch(() => fail(`no #org-name on ${vol.url()}`)));
    expect(name.includes(ORG.name), `#org-name should contain ${JSON.stringify(ORG.name)}, reads ${JSON.stringify(name)}`);
    await expectVisible(vol, '.flash-success', 'a success message (.flash-success) after creating');
    console.log(`  organisation page: ${orgPath}`);
  });

  // 3. The volunteer asks for verification.
  await step('volunteer: request verification', async () => {
    const btn = vol.locator('form#request-verification button[type=submit]');
    if ((await btn.count()) === 0) fail(`no form#request-verification button on ${vol.url()} (can the owner not request verification?)`);
    await submit(vol, 'form#request-verification');
    expect(pathOf(vol) === orgPath, `after requesting verification expected ${orgPath}, at ${vol.url()}`);
    await expectNoFieldErrors(vol, 'requesting verification');
    // #last-request is styled .flash-success too; the one-time flash is the other one.
    await expectVisible(vol, '.flash-success:not(#last-request)', 'a success message (.flash-success) after requesting verification');
    expect((await vol.locator('#org-status').count()) > 0, `no #org-status on ${vol.url()} after requesting verification`);
  });

  // 4. The KZ-75 coordinator cannot see the KZ-55 front office.
  const { page: c75 } = await newPerson(C75.label);
  await step(`${C75.region} coordinator: /front-office/KZ-55 answers 403 without a queue`, async () => {
    await login(c75, C75);
    const resp = await visit(c75, '/front-office/KZ-55', { okStatus: () => true });
    expect(resp.status() === 403, `GET /front-office/KZ-55 as the ${C75.region} coordinator answered HTTP ${resp.status()}, expected 403 (${c75.url()})`);
    expect((await c75.locator('#queue').count()) === 0, `the 403 page for /front-office/KZ-55 contains #queue`);
  });

  // 5. The KZ-55 coordinator decides.
  const { page: c55 } = await newPerson(C55.label);
  let verificationPath;
  await step(`${C55.region} coordinator: /front-office leads to the ${C55.region} queue listing the organisation`, async () => {
    await login(c55, C55);
    await visit(c55, '/front-office');
    expect(pathOf(c55) === '/front-office/KZ-55', `/front-office should end at /front-office/KZ-55, at ${c55.url()}`);
    const names = await queueNames(c55);
    expect(
      names.some((n) => n.includes(ORG.name)),
      `#queue has no link for ${JSON.stringify(ORG.name)} (links: ${names.map((n) => JSON.stringify(n)).join(', ') || 'none'})`,
    );
    const link = c55.locator('#queue tbody a', { hasText: ORG.name }).first();
    try {
      await Promise.all([c55.waitForNavigation({ waitUntil: 'load' }), link.click()]);
    } catch (e) {
      fail(`opening the request from #queue did not load a page: ${firstLine(e)}`);
    }
    expect(VERIFICATION_PATH_RE.test(pathOf(c55)), `the queue link should open /verification/<uuid>, at ${c55.url()}`);
    verificationPath = pathOf(c55);
    console.log(`  verification page: ${verificationPath}`);
  });

  await step('coordinator: rejecting without a reason is refused (422)', async () => {
    await check(c55, 'form#decide input[name="decision"][value="reject"]');
    await c55.locator('form#decide textarea[name="reason"]').fill('');
    const resp = await submit(c55, 'form#decide', { bypassBrowserValidation: true });
    expect(resp.status() === 422, `rejecting without a reason answered HTTP ${resp.status()}, expected 422 (${c55.url()})`);
    await expectVisible(c55, '#reason-error', 'the reason error (#reason-error)');
  });

  await step('coordinator: verifying succeeds and empties the organisation from the queue', async () => {
    await check(c55, 'form#decide input[name="decision"][value="verify"]');
    const resp = await submit(c55, 'form#decide', { bypassBrowserValidation: true });
    expect(resp.status() < 400, `verifying answered HTTP ${resp.status()} (${c55.url()})`);
    await expectNoFieldErrors(c55, 'verifying');
    expect(pathOf(c55).startsWith('/front-office'), `after verifying expected the queue page (/front-office/...), at ${c55.url()}`);
    await expectVisible(c55, '.flash-success', 'a success message (.flash-success) on the queue page after verifying');
    expect((await c55.locator('#queue').count()) > 0, `no #queue on ${c55.url()} after verifying`);
    const names = await queueNames(c55);
    expect(!names.some((n) => n.includes(ORG.name)), `${JSON.stringify(ORG.name)} is still in #queue after verifying`);
  });

  await step(`${C75.region} coordinator: the ${C55.region} verification page answers 403`, async () => {
    const resp = await visit(c75, verificationPath, { okStatus: () => true });
    expect(resp.status() === 403, `GET ${verificationPath} as the ${C75.region} coordinator answered HTTP ${resp.status()}, expected 403`);
    expect((await c75.locator('form#decide').count()) === 0, `the 403 page for ${verificationPath} contains form#decide`);
  });

  // 6. A visitor finds the verified organisation in the directory.
  await step('visitor: the directory of verified KZ-55 organisations shows it with the badge', async () => {
    const { page: v } = await newPerson('visitor');
    await visit(v, '/organizations?verified=1&region=KZ-55');
    let card;
    for (let pages = 0; ; pages++) {
      if ((await v.locator('#directory').count()) === 0) fail(`no #directory on ${v.url()}`);
      const c = v.locator('#directory .org-card', { hasText: ORG.name });
      if ((await c.count()) > 0) {
        card = c.first();
        break;
      }
      const next = v.locator('nav.pager a[rel=next]').first();
      if (pages >= 20 || (await next.count()) === 0) {
        const total = squash(await v.locator('#directory-total').textContent().catch(() => ''));
        fail(`no #directory .org-card containing ${JSON.stringify(ORG.name)} on /organizations?verified=1&region=KZ-55 (${total || 'no total'})`);
      }
      await Promise.all([v.waitForNavigation({ waitUntil: 'load' }), next.click()]);
    }
    expect((await card.locator('.badge.verified').count()) > 0, `the card of ${JSON.stringify(ORG.name)} has no .badge.verified`);
    const link = card.locator('a[href^="/organizations/"]').first();
    if ((await link.count()) === 0) fail(`the card of ${JSON.stringify(ORG.name)} has no link to the organisation`);
    try {
      await Promise.all([v.waitForNavigation({ waitUntil: 'load' }), link.click()]);
    } catch (e) {
      fail(`opening the organisation from the directory did not load a page: ${firstLine(e)}`);
    }
    expect(pathOf(v) === orgPath, `the directory card links to ${v.url()}, expected ${orgPath}`);
    await expectVisible(v, '#verified-badge', 'the verified badge (#verified-badge) on the organisation page');
  });

  // 7. The volunteer reads the audit trail.
  await step('volunteer: the organisation page has an audit table with at least 3 rows', async () => {
    await visit(vol, orgPath);
    if ((await vol.locator('#audit').count()) === 0) fail(`no #audit on ${vol.url()} for the organisation's owner`);
    const rows = await vol.locator('#audit tbody tr').count();
    expect(rows >= 3, `#audit has ${rows} rows, expected at least 3 (created, requested, verified)`);
  });

  // Narrow screen.
  await step('directory at 360x740 has no horizontal scroll', async () => {
    const { ctx, page } = await newPerson('narrow', { viewport: { width: 360, height: 740 } });
    await visit(page, '/organizations');
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(sw <= 360, `/organizations is ${sw}px wide at a 360px viewport (horizontal scroll)`);
    await ctx.close();
  });
}

await run(main);
