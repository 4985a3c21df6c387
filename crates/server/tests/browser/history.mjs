// The page driven by hand in a real browser, as an analyst uses it: load the overview, filter through the form,
// sort the table, set the timeline's interval, open an article, then walk the browser's history back to the
// start and forward to the article again, follow the article's own way back, narrow the actor from a network
// node and go back once more, and check that the URL, the form, the chips, the view and every panel follow each
// step, all in one document (pushState, no reload). Run by crates/server/tests/page_browsers.rs, once per
// browser:
//
//   node history.mjs --base http://127.0.0.1:PORT --browser chromium|firefox --executable PATH --out DIR
//
// puppeteer-core drives Chromium over the DevTools protocol and Firefox over WebDriver BiDi, on the Debian
// binaries (it downloads no browser). The oracle is the server's own API: after each step the table's event ids
// (in order), the network's actors, the map's places and the timeline's total must be what the API answers for
// the filters and sort in the URL; in the article, the event's verb, source and target must be marked. Any
// page error, console error, HTTP error or CSP refusal fails the run too. Screenshots go to DIR as
// <browser>-<step>.png. Exits 0 when every check holds; otherwise prints the first failed check, saves
// <browser>-failure.png and exits 1.

import { parseArgs } from 'node:util';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    browser: { type: 'string' },
    executable: { type: 'string' },
    out: { type: 'string' },
  },
});
for (const k of ['base', 'browser', 'executable', 'out']) {
  if (!args[k]) {
    console.error(`history.mjs: --${k} is required`);
    process.exit(2);
  }
}
const BASE = args.base.replace(/\/$/, '');
const NAME = args.browser;
/** The longest any one wait may take (the page answers in well under a second on this store). */
const WAIT_MS = 20000;
/** The actor typed into the form, and the CAMEO root picked after it (Turkey and Greece consult). */
const ACTOR = 'TUR';
const ROOT = '04';

mkdirSync(args.out, { recursive: true });
// A failure screenshot left by an earlier run would tell about that run, not this one.
rmSync(join(args.out, `${NAME}-failure.png`), { force: true });
const started = Date.now();
const log = (msg) => console.log(`[${NAME} ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

class CheckFailed extends Error {}
function check(cond, msg) {
  if (!cond) throw new CheckFailed(msg);
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// ------------------------------------------------------------------------------------------- the API as oracle

async function apiJson(path) {
  const r = await fetch(`${BASE}${path}`, { headers: { Accept: 'application/json' } });
  check(r.ok, `GET ${path}: HTTP ${r.status}`);
  return r.json();
}

/** What every overview panel must show for a filter query (`actor=TUR&root=04`, or '' for none) and a sort. */
async function expected(filters, sort) {
  const q = (extra) => `${filters ? `${filters}&` : ''}${extra}`;
  const [events, network, map, timeline] = await Promise.all([
    apiJson(`/api/events?${q(`limit=50${sort ? `&sort=${sort}` : ''}`)}`),
    apiJson(`/api/network?${q('limit=40')}`),
    apiJson(`/api/map${filters ? `?${filters}` : ''}`),
    apiJson(`/api/timeline?${q('interval=month')}`),
  ]);
  return {
    ids: events.events.map((e) => String(e.event_id)),
    actors: network.nodes.map((n) => String(n.id)).sort(),
    places: map.places.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon)).length,
    dated: timeline.buckets.filter((b) => b.period).reduce((s, b) => s + (b.count || 0), 0),
    events: events.events,
  };
}

// ------------------------------------------------------------------------------------------- the page's state

/** Everything the checks read from the page, in one round trip. */
function pageState() {
  const q = (sel) => document.querySelector(sel);
  const form = q('#filters');
  const timeline = q('#timeline svg[aria-label^="Timeline:"]');
  const marks = (cls) => [...document.querySelectorAll(`#doc-text mark.${cls}`)].map((m) => m.textContent);
  return {
    search: location.search,
    title: document.title,
    overview: !q('#overview').hidden,
    article: !q('#article').hidden,
    loading: document.querySelectorAll('.loading').length,
    errors: [...document.querySelectorAll('p.error')].map((p) => p.textContent),
    form: {
      actor: form.elements.actor.value,
      root: form.elements.root.value,
      interval: q('#timeline-controls').elements.interval.value,
    },
    timelineNote: (q('#timeline p.note') || {}).textContent || '',
    chips: [...document.querySelectorAll('#chips .chip')].map((c) => c.firstChild.textContent),
    ids: [...document.querySelectorAll('#events tr[data-event]')].map((r) => r.getAttribute('data-event')),
    rows: [...document.querySelectorAll('#events tr[data-event]')].map((r) => ({
      source: r.getAttribute('data-source'),
      target: r.getAttribute('data-target'),
      cameo: (r.querySelector('td:nth-child(3) .code') || {}).textContent || '',
    })),
    empty: Boolean(q('#events p.empty')),
    sorted: [...document.querySelectorAll('#events th[aria-sort]')]
      .map((th) => `${th.textContent.replace(/[▲▼]/g, '').trim()} ${th.getAttribute('aria-sort')}`),
    actors: [...document.querySelectorAll('#network g.node')].map((g) => g.getAttribute('data-actor')).sort(),
    land: document.querySelectorAll('#map path.land').length,
    places: document.querySelectorAll('#map a.place-point').length,
    dated: timeline ? Number(/^Timeline: (\d+) /.exec(timeline.getAttribute('aria-label'))[1]) : 0,
    bars: document.querySelectorAll('#timeline rect.q1, #timeline rect.q2, #timeline rect.q3, #timeline rect.q4').length,
    verb: marks('hl-verb'),
    source: marks('hl-source'),
    target: marks('hl-target'),
    docTitle: q('#doc-title').textContent,
    pressed: [...document.querySelectorAll('#doc-events button[aria-pressed="true"]')].map((b) => b.getAttribute('data-event')),
    why: q('#why').textContent,
    back: q('#back').getAttribute('href'),
  };
}

async function state(page) {
  return page.evaluate(pageState);
}

/** Waits until the URL's query is `search` and the page is drawn for it; the state then. */
async function settled(page, search, want) {
  const wantIds = want ? want.ids : null;
  try {
    await page.waitForFunction(
      (s, ids) => {
        if (location.search !== s || document.querySelector('.loading')) return false;
        if (ids) {
          const rows = [...document.querySelectorAll('#events tr[data-event]')].map((r) => r.getAttribute('data-event'));
          return !document.querySelector('#overview').hidden && JSON.stringify(rows) === JSON.stringify(ids);
        }
        return !document.querySelector('#article').hidden && Boolean(document.querySelector('#doc-text mark.hl-verb'));
      },
      { timeout: WAIT_MS, polling: 100 },
      search,
      wantIds,
    );
  } catch (err) {
    const st = await state(page).catch(() => null);
    throw new CheckFailed(`the page did not settle on ${JSON.stringify(search)} within ${WAIT_MS} ms` +
      `${wantIds ? ` with table rows ${JSON.stringify(wantIds)}` : ' in the article view'}: ${err.message}; ` +
      `page state: ${JSON.stringify(st)}`);
  }
  return state(page);
}

/** The overview checks: every panel as the API has it for `filters`, the form and chips as the URL says. */
function checkOverview(st, want, { actor = '', root = '', interval = '', sort = '' }, where) {
  check(st.overview && !st.article, `${where}: the overview is not the view shown`);
  check(st.errors.length === 0, `${where}: panels show errors: ${st.errors.join(' | ')}`);
  check(same(st.ids, want.ids), `${where}: table rows ${JSON.stringify(st.ids)}, the API says ${JSON.stringify(want.ids)}`);
  check(want.ids.length > 0 ? !st.empty : st.empty, `${where}: table empty=${st.empty} for ${want.ids.length} events`);
  check(same(st.actors, want.actors), `${where}: network actors ${st.actors}, the API says ${want.actors}`);
  check(st.places === want.places, `${where}: ${st.places} map points, the API says ${want.places}`);
  check(st.land > 100, `${where}: the world map is not drawn (${st.land} countries)`);
  check(st.dated === want.dated, `${where}: the timeline counts ${st.dated} dated events, the API ${want.dated}`);
  check(want.dated === 0 || st.bars > 0, `${where}: no timeline bars for ${want.dated} dated events`);
  check(st.form.actor === actor, `${where}: the actor field holds ${JSON.stringify(st.form.actor)}, the URL ${JSON.stringify(actor)}`);
  check(st.form.root === root, `${where}: the root select holds ${JSON.stringify(st.form.root)}, the URL ${JSON.stringify(root)}`);
  check(st.form.interval === interval, `${where}: the interval select holds ${JSON.stringify(st.form.interval)}, the URL ${JSON.stringify(interval)}`);
  check(!interval || st.timelineNote.includes(`per ${interval}`), `${where}: the timeline says ${JSON.stringify(st.timelineNote)} for interval=${interval}`);
  const sorted = sort === '-goldstein' ? ['Goldstein descending'] : [];
  check(same(st.sorted, sorted), `${where}: the table's headers say it is sorted by ${JSON.stringify(st.sorted)}, the URL sort=${sort}`);
  const chips = [actor && `actor: ${actor}`, root && `root: `].filter(Boolean);
  check(st.chips.length === chips.length && chips.every((c) => st.chips.some((x) => x.startsWith(c))),
    `${where}: chips ${JSON.stringify(st.chips)} for actor=${actor} root=${root}`);
  for (const r of st.rows) {
    if (actor) check(r.source.startsWith(actor) || r.target.startsWith(actor), `${where}: row ${r.source} → ${r.target} under actor=${actor}`);
    if (root) check(r.cameo.startsWith(root), `${where}: row with CAMEO ${r.cameo} under root=${root}`);
  }
}

/** The article checks: the event's evidence marked in its text, the event selected, the rules shown. */
function checkArticle(st, event, where) {
  check(st.article && !st.overview, `${where}: the article view is not shown`);
  check(st.errors.length === 0, `${where}: errors: ${st.errors.join(' | ')}`);
  check(st.verb.length === 1, `${where}: ${st.verb.length} verbs marked, not one`);
  // Each role's mark is exactly the stored evidence span: byte offsets into the text, cut here from the
  // sentence's UTF-8 bytes.
  const bytes = Buffer.from(event.sentence_text, 'utf8');
  for (const role of ['source', 'verb', 'target']) {
    const span = event.evidence[role];
    check(span, `${where}: the event has no ${role} evidence`);
    const text = bytes.subarray(span.start - event.sentence_start, span.end - event.sentence_start).toString('utf8');
    check(st[role].join('') === text, `${where}: the ${role} marked is ${JSON.stringify(st[role])}, the evidence ${JSON.stringify(text)}`);
  }
  check(st.pressed.length === 1, `${where}: ${st.pressed.length} events selected in the list`);
  const rule = event.evidence && event.evidence.verb_rule;
  check(!rule || st.why.includes(`${rule.file}:`), `${where}: the why panel does not name the verb rule ${rule && rule.file}`);
  check(!st.back.includes('event='), `${where}: the way back (${st.back}) keeps the article keys`);
  check(st.title.startsWith('dyad — ') && st.title !== 'dyad — events', `${where}: the title is ${JSON.stringify(st.title)}`);
}

async function shot(page, step, fullPage = false) {
  const path = join(args.out, `${NAME}-${step}.png`);
  await page.screenshot({ path, fullPage });
  log(`screenshot ${path}`);
}

/** Traverses the browser's session history by `delta` (the protocol's back/forward, as the toolbar does). */
async function traverse(page, delta) {
  // The entries are pushState entries of one document: no load follows, so the navigation is not awaited
  // here; `settled` waits for the page instead.
  const nav = delta < 0 ? page.goBack({ timeout: WAIT_MS }) : page.goForward({ timeout: WAIT_MS });
  nav.catch(() => {});
  return nav;
}

// ------------------------------------------------------------------------------------------- the run

async function launch() {
  if (NAME === 'chromium') {
    return puppeteer.launch({
      browser: 'chrome',
      executablePath: args.executable,
      headless: true,
      protocolTimeout: 60000,
      // As root, without a GPU, and with no network beyond loopback: nothing in the background.
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars'],
    });
  }
  if (NAME === 'firefox') {
    return puppeteer.launch({
      browser: 'firefox',
      executablePath: args.executable,
      headless: true,
      protocolTimeout: 60000,
      extraPrefsFirefox: {
        'app.update.enabled': false,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'extensions.getAddons.cache.enabled': false,
      },
    });
  }
  throw new Error(`unknown browser ${NAME}`);
}

async function run(browser) {
  const version = await browser.version();
  log(`browser ${version}`);
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message || err}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warn') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  // CSP refusals would mean the page needs inline script or style, or another origin.
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });

  // The states the analyst goes through, each made by one action in the UI; history then walks them back and
  // forth. `filters` is the API query that must explain every panel, `form` what the form fields must hold.
  const all = await expected('', '');
  const byActor = await expected(`actor=${ACTOR}`, '');
  const bySort = await expected(`actor=${ACTOR}`, '-goldstein');
  const byRoot = await expected(`actor=${ACTOR}&root=${ROOT}`, '-goldstein');
  check(all.ids.length >= 5, `the store has ${all.ids.length} events`);
  check(byActor.ids.length > 1 && byActor.ids.length < all.ids.length, `actor=${ACTOR}: ${byActor.ids.length} of ${all.ids.length} events`);
  check(!same(bySort.ids, byActor.ids), `sorting by Goldstein does not change the order of ${byActor.ids}`);
  check(byRoot.ids.length > 0 && byRoot.ids.length < byActor.ids.length, `root=${ROOT}: ${byRoot.ids.length} of ${byActor.ids.length} events`);
  const event = byRoot.events[0];
  check(!event.sentence_text_truncated && Number.isInteger(event.sentence_start), 'the event to open has no whole sentence');
  const states = [
    { name: 'overview', search: '', want: all, form: {} },
    { name: `actor=${ACTOR}`, search: `?actor=${ACTOR}`, want: byActor, form: { actor: ACTOR } },
    { name: 'sorted', search: `?actor=${ACTOR}&sort=-goldstein`, want: bySort, form: { actor: ACTOR, sort: '-goldstein' } },
    { name: 'filtered', search: `?actor=${ACTOR}&sort=-goldstein&root=${ROOT}`, want: byRoot,
      form: { actor: ACTOR, root: ROOT, sort: '-goldstein' } },
    { name: 'monthly', search: `?actor=${ACTOR}&sort=-goldstein&root=${ROOT}&interval=month`, want: byRoot,
      form: { actor: ACTOR, root: ROOT, sort: '-goldstein', interval: 'month' } },
    { name: 'article', search: `?actor=${ACTOR}&sort=-goldstein&root=${ROOT}&interval=month&event=${event.event_id}`, event },
  ];
  const actions = [
    // 1. The overview, unfiltered, from the address bar.
    () => page.goto(`${BASE}/`, { waitUntil: 'load', timeout: WAIT_MS }),
    // 2. An actor typed into the form and applied with the button.
    async () => {
      await page.type('#filters input[name=actor]', ACTOR);
      await page.click('#filters button[type=submit]');
    },
    // 3. The table sorted by Goldstein from its header.
    () => page.click('#events th button.sort[title="Sort by goldstein"]'),
    // 4. A CAMEO root picked from the select, submitted with Enter in a text field.
    async () => {
      await page.select('#filters select[name=root]', ROOT);
      await page.focus('#filters input[name=actor]');
      await page.keyboard.press('Enter');
    },
    // 5. The timeline per month, from its own form.
    async () => {
      await page.select('#timeline-controls select[name=interval]', 'month');
      await page.click('#timeline-controls button[type=submit]');
    },
    // 6. The article of the first event, from the table.
    () => page.click(`#events tr[data-event="${event.event_id}"] a[aria-label^="Read the article"]`),
  ];

  /** Waits for the page to show `s` and checks it; `how` says how it got there. */
  const arrive = async (s, how) => {
    const st = await settled(page, s.search, s.want || null);
    const where = `${how} ${s.name} (${JSON.stringify(s.search)})`;
    if (s.event) {
      checkArticle(st, s.event, where);
      log(`${where}: verb ${JSON.stringify(st.verb[0])}, source ${JSON.stringify(st.source)}, target ${JSON.stringify(st.target)}`);
    } else {
      checkOverview(st, s.want, s.form, where);
      log(`${where}: ${st.ids.length} rows, ${st.actors.length} actors, ${st.places} places, ${st.dated} dated events`);
    }
    return st;
  };

  for (const [i, s] of states.entries()) {
    await actions[i]();
    await arrive(s, 'to');
    // A mark on the window: every later step must happen in this same document (pushState), not a reload.
    if (i === 0) await page.evaluate(() => { window.dyadSameDocument = true; });
    if (s.name === 'overview') await shot(page, 'overview', true);
    if (s.name === 'filtered' || s.name === 'article') await shot(page, s.name);
  }

  // The URL is the state: the filtered URL in a fresh tab draws the same table.
  const shared = await browser.newPage();
  await shared.setViewport({ width: 1400, height: 1000 });
  const filtered = states.find((s) => s.name === 'monthly');
  await shared.goto(`${BASE}/${filtered.search}`, { waitUntil: 'load', timeout: WAIT_MS });
  checkOverview(await settled(shared, filtered.search, filtered.want), filtered.want, filtered.form, 'the same URL in a new tab');
  await shared.close();

  // Back to the first state, one step at a time, then forward to the article again.
  for (let i = states.length - 2; i >= 0; i--) {
    traverse(page, -1);
    await arrive(states[i], 'back to');
    if (states[i].name === 'sorted') await shot(page, 'back');
  }
  for (let i = 1; i < states.length; i++) {
    traverse(page, 1);
    await arrive(states[i], 'forward to');
  }
  await shot(page, 'forward-article');

  // The article's own way back is a new entry: the filtered overview, without the article keys.
  await page.click('#back');
  await arrive({ ...filtered, name: 'the back link to monthly' }, 'by');

  // A node of the network (an SVG link) narrows the actor in place, and back undoes it.
  const node = byRoot.actors.find((a) => a !== ACTOR && a.startsWith(ACTOR));
  check(node, `no actor under ${ACTOR} in the network of ${JSON.stringify(byRoot.actors)}`);
  const byNode = await expected(`actor=${node}&root=${ROOT}`, '-goldstein');
  await page.click(`#network g.node[data-actor="${node}"] circle`);
  await arrive({ name: `network node ${node}`, search: filtered.search.replace(`actor=${ACTOR}`, `actor=${node}`), want: byNode,
    form: { ...filtered.form, actor: node } }, 'by');
  traverse(page, -1);
  await arrive(filtered, 'back to');

  check(await page.evaluate(() => window.dyadSameDocument === true), 'a step reloaded the page instead of pushState');
  check(problems.length === 0, `the page reported problems:\n  ${problems.join('\n  ')}`);
  log('all checks hold');
}

let browser = null;
let code = 0;
try {
  browser = await launch();
  await run(browser);
} catch (err) {
  code = 1;
  console.error(`FAILED in ${NAME}: ${err instanceof CheckFailed ? err.message : err.stack || err}`);
  try {
    const pages = browser ? await browser.pages() : [];
    if (pages.length) await pages[pages.length - 1].screenshot({ path: join(args.out, `${NAME}-failure.png`), fullPage: true });
  } catch (_) {
    // The failure is reported already; a missing screenshot adds nothing.
  }
} finally {
  if (browser) await browser.close().catch(() => {});
}
process.exit(code);
