// dyad's page: filters kept in the URL, a timeline, a map, an actor network, the event table, and the article
// view with the evidence of each event highlighted and the rules that coded it.
//
// Plain JS, no libraries: the charts are SVG drawn here, the world map is TopoJSON decoded here (world.json,
// vendored by scripts/vendor-world-atlas). Article text and every other stored string are untrusted: the DOM is
// built with createElement, textContent and setAttribute only, never innerHTML, and only http(s) URLs become
// links. The server's Content-Security-Policy forbids inline script and style, so presentation is by class.
'use strict';

(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';

  /** Query parameters that filter events; the same set goes to every endpoint and to the exports. */
  const FILTER_KEYS = ['q', 'since', 'until', 'actor', 'source', 'target', 'cameo', 'root', 'quad', 'plover',
    'country', 'bbox', 'claimed', 'raw', 'generation'];
  /** What the chips call each filter. */
  const FILTER_NAMES = {
    q: 'text', since: 'since', until: 'until', actor: 'actor', source: 'source', target: 'target',
    cameo: 'CAMEO', root: 'root', quad: 'quad', plover: 'PLOVER', country: 'country', bbox: 'area',
    claimed: 'claimed', raw: 'raw', generation: 'generation', dyad: 'timeline dyad',
  };
  /** Parameters of the view rather than of the filter: left out of the exports. */
  const ARTICLE_KEYS = ['event', 'doc', 'ev'];

  const QUADS = [
    { n: 1, key: 'verbal_cooperation', label: 'verbal cooperation' },
    { n: 2, key: 'material_cooperation', label: 'material cooperation' },
    { n: 3, key: 'verbal_conflict', label: 'verbal conflict' },
    { n: 4, key: 'material_conflict', label: 'material conflict' },
  ];
  const QUAD_BY_KEY = Object.fromEntries(QUADS.map((q) => [q.key, q]));

  /** CAMEO's twenty root codes. */
  const ROOTS = {
    '01': 'Make public statement', '02': 'Appeal', '03': 'Express intent to cooperate', '04': 'Consult',
    '05': 'Engage in diplomatic cooperation', '06': 'Engage in material cooperation', '07': 'Provide aid',
    '08': 'Yield', '09': 'Investigate', '10': 'Demand', '11': 'Disapprove', '12': 'Reject', '13': 'Threaten',
    '14': 'Protest', '15': 'Exhibit force posture', '16': 'Reduce relations', '17': 'Coerce', '18': 'Assault',
    '19': 'Fight', '20': 'Use unconventional mass violence',
  };

  /** Goldstein classes, from most conflictual to most cooperative: [upper bound (exclusive), class, label]. */
  const GOLDSTEIN_CLASSES = [
    [-5, 'gs-n2', '−10 to −5'],
    [-1, 'gs-n1', '−5 to −1'],
    [1, 'gs-0', '−1 to +1'],
    [5, 'gs-p1', '+1 to +5'],
    [Infinity, 'gs-p2', '+5 to +10'],
  ];

  const TABLE_PAGE = 50;
  const NETWORK_LIMIT = 40;
  /** Most periods the timeline draws before "auto" moves to a coarser interval. */
  const AUTO_MAX_PERIODS = 120;
  /** Force layout: fixed iterations and seed, so a store always draws the same network. */
  const LAYOUT_ITERATIONS = 300;
  const LAYOUT_SEED = 0x5eed;
  /** Pull of every node towards the centre, against the repulsion of the others. */
  const LAYOUT_GRAVITY = 1.2;
  /** Half-size in degrees of the box a map point filters to (its place). */
  const PLACE_BOX = 0.01;
  /** Roughly how wide a character of the 11 px labels is, to keep labels apart. */
  const LABEL_CHAR_PX = 6.6;

  // ---------------------------------------------------------------------------------------------------------
  // DOM building: no innerHTML anywhere.

  function setAttrs(node, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') node.textContent = String(v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  function appendAll(node, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    appendAll(node, children);
    return node;
  }
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    appendAll(node, children);
    return node;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }
  const $ = (sel) => document.querySelector(sel);

  /** A link that navigates inside the page (pushState), still a real link for new tabs and the keyboard. */
  function navLink(href, attrs, ...children) {
    return el('a', { ...attrs, href, 'data-nav': true }, ...children);
  }
  /** The URL as a link target only when it is http(s); anything else (javascript:, data:) stays text. */
  function safeUrl(u) {
    if (typeof u !== 'string') return null;
    try {
      const parsed = new URL(u);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (_) {
      return null;
    }
  }
  function externalLink(u, text) {
    const href = safeUrl(u);
    if (!href) return el('span', { class: 'mono', text: text || u || '' });
    return el('a', { href, rel: 'noopener noreferrer nofollow', referrerpolicy: 'no-referrer', text: text || href });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Formatting.

  function fmtGoldstein(g) {
    if (g === null || g === undefined || Number.isNaN(Number(g))) return '–';
    const n = Number(g);
    const s = Math.abs(n).toFixed(1);
    return n > 0 ? `+${s}` : n < 0 ? `−${s}` : s;
  }
  function goldsteinNode(g) {
    const n = Number(g);
    return el('span', { class: `gsnum ${n < 0 ? 'neg' : n > 0 ? 'pos' : ''}`, text: fmtGoldstein(g) });
  }
  function goldsteinClass(g) {
    if (g === null || g === undefined) return 'gs-0';
    for (const [upper, cls] of GOLDSTEIN_CLASSES) if (Number(g) < upper) return cls;
    return 'gs-p2';
  }
  /** A quad class given by name (events) or by number 1–4 (a document's events). */
  function quadBadge(key) {
    const q = QUAD_BY_KEY[key] || QUADS[Number(key) - 1];
    if (!q) return el('span', { class: 'badge', text: key || '' });
    return el('span', { class: `badge q${q.n}`, text: q.label });
  }
  function cameoLabel(cameo, root) {
    const r = root || (cameo || '').slice(0, 2);
    return ROOTS[r] ? `${cameo} ${ROOTS[r]}` : String(cameo || '');
  }
  const fmtInt = (n) => Number(n || 0).toLocaleString('en');
  function actorText(code) {
    return code ? String(code) : '—';
  }

  // ---------------------------------------------------------------------------------------------------------
  // State in the URL.

  const params = () => new URLSearchParams(location.search);

  function filterParams(p) {
    const out = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      const v = p.get(k);
      if (v) out.set(k, v);
    }
    return out;
  }

  /** The current URL with changes (null or '' removes a key), without the page cursor. */
  function hrefWith(changes, { keepArticle = false } = {}) {
    const p = params();
    p.delete('cursor');
    if (!keepArticle) for (const k of ARTICLE_KEYS) p.delete(k);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === undefined || v === '') p.delete(k);
      else p.set(k, String(v));
    }
    const s = p.toString();
    return s ? `?${s}` : location.pathname;
  }

  function go(href, { replace = false } = {}) {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) {
      location.assign(url.href);
      return;
    }
    history[replace ? 'replaceState' : 'pushState'](null, '', url.pathname + url.search + url.hash);
    render();
  }

  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest && e.target.closest('a[data-nav]');
    if (!a) return;
    e.preventDefault();
    go(a.getAttribute('href'));
  });
  window.addEventListener('popstate', () => render());

  // ---------------------------------------------------------------------------------------------------------
  // The API.

  async function api(path, query, signal) {
    const q = query ? query.toString() : '';
    const url = q ? `${path}?${q}` : path;
    const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
    let body = null;
    try {
      body = await response.json();
    } catch (_) {
      throw new Error(`${path}: HTTP ${response.status}, not JSON`);
    }
    if (!response.ok) {
      throw new Error(body && body.message ? `${body.message} (HTTP ${response.status})` : `HTTP ${response.status}`);
    }
    return body;
  }

  function showError(container, err) {
    if (err && err.name === 'AbortError') return;
    clear(container).append(el('p', { class: 'error', role: 'alert', text: String(err && err.message ? err.message : err) }));
  }

  /** Runs one panel's load: marks it loading, shows its error in place, ignores aborted loads. */
  async function panel(container, load) {
    container.classList.add('loading');
    try {
      await load();
    } catch (err) {
      showError(container, err);
    } finally {
      container.classList.remove('loading');
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // The filter form and the chips.

  function fillRootOptions() {
    const select = $('#filters select[name=root]');
    for (const [code, name] of Object.entries(ROOTS)) select.append(el('option', { value: code, text: `${code} ${name}` }));
  }

  function fillForm(p) {
    const form = $('#filters');
    for (const input of form.elements) {
      if (!input.name) continue;
      if (input.type === 'checkbox') input.checked = p.get(input.name) === input.value;
      else input.value = p.get(input.name) || '';
    }
    const tl = $('#timeline-controls');
    tl.elements.interval.value = p.get('interval') || '';
    tl.elements.dyad.value = p.get('dyad') || '';
    tl.elements.both.checked = p.get('both') === 'true';
  }

  function submitFilters(e) {
    e.preventDefault();
    const changes = {};
    for (const input of e.target.elements) {
      if (!input.name) continue;
      changes[input.name] = input.type === 'checkbox' ? (input.checked ? input.value : '') : input.value.trim();
    }
    go(hrefWith(changes));
  }

  function submitTimeline(e) {
    e.preventDefault();
    const f = e.target.elements;
    const dyad = f.dyad.value.trim().toUpperCase().replace(/\s+/g, '');
    go(hrefWith({ interval: f.interval.value, dyad, both: dyad && f.both.checked ? 'true' : null }));
  }

  function renderChips(p) {
    const box = clear($('#chips'));
    for (const k of [...FILTER_KEYS, 'dyad']) {
      const v = p.get(k);
      if (!v) continue;
      let shown = v;
      if (k === 'root' && ROOTS[v]) shown = `${v} ${ROOTS[v]}`;
      if (k === 'quad') shown = (QUADS[Number(v) - 1] || { label: v }).label;
      if (k === 'dyad') shown = `${v}${p.get('both') === 'true' ? ' (either way)' : ''}`;
      box.append(el('span', { class: 'chip' },
        `${FILTER_NAMES[k] || k}: ${shown}`,
        navLink(hrefWith(k === 'dyad' ? { dyad: null, both: null } : { [k]: null }), { 'aria-label': `Remove the filter ${FILTER_NAMES[k] || k} ${shown}`, title: 'Remove' }, '×')));
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Rendering: one entry point for load, navigation and back/forward.

  let controller = null;

  function render() {
    if (controller) controller.abort();
    controller = new AbortController();
    const signal = controller.signal;
    const p = params();
    fillForm(p);
    renderChips(p);
    clear($('#status'));
    const article = p.get('doc') || p.get('event');
    $('#overview').hidden = Boolean(article);
    $('#article').hidden = !article;
    if (article) {
      renderArticle(p, signal);
    } else {
      document.title = 'dyad — events';
      renderOverview(p, signal);
    }
  }

  function renderOverview(p, signal) {
    const f = filterParams(p);
    renderExports(f);
    panel($('#timeline'), () => loadTimeline(p, f, signal));
    panel($('#map'), () => loadMap(p, f, signal));
    panel($('#network'), () => loadNetwork(f, signal));
    panel($('#events'), () => loadEvents(p, f, signal));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Timeline: stacked quad-class bars per period, mean Goldstein as a line on its own axis.

  function parseDay(s) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || '');
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  }
  function parseMonth(s) {
    const m = /^(\d{4})-(\d{2})$/.exec(s || '');
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, 1)) : null;
  }
  const isoDay = (d) => d.toISOString().slice(0, 10);
  const isoMonth = (d) => d.toISOString().slice(0, 7);

  /** The first and last day a period covers, for the link that filters to it; null when unknown. */
  function periodRange(period, interval) {
    const day = parseDay(period);
    if (day && interval === 'day') return [period, period];
    if (day && interval === 'week') return [period, isoDay(new Date(day.getTime() + 6 * 864e5))];
    const month = parseMonth(period) || (day && interval === 'month' ? day : null);
    if (month) {
      const last = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0));
      return [isoDay(month), isoDay(last)];
    }
    return null;
  }

  /** A period as the axis shows it: months as YYYY-MM, days and weeks (by their Monday) as the date. */
  function periodLabel(period, interval) {
    return interval === 'month' && parseDay(period) ? String(period).slice(0, 7) : String(period);
  }

  /** Buckets with the empty periods between them filled in, so gaps in time show as gaps. */
  function fillPeriods(buckets, interval) {
    if (buckets.length < 2) return buckets;
    const byPeriod = new Map(buckets.map((b) => [b.period, b]));
    const empty = (period) => ({ period, count: 0, by_quad: [0, 0, 0, 0], mean_goldstein: null });
    const out = [];
    if (interval === 'day' || interval === 'week') {
      const first = parseDay(buckets[0].period);
      const last = parseDay(buckets[buckets.length - 1].period);
      if (!first || !last) return buckets;
      const step = (interval === 'day' ? 1 : 7) * 864e5;
      if ((last - first) / step > 2000) return buckets;
      for (let t = first.getTime(); t <= last.getTime(); t += step) {
        const key = isoDay(new Date(t));
        out.push(byPeriod.get(key) || empty(key));
      }
    } else {
      const monthly = (s) => parseMonth(s) || parseDay(s);
      const first = monthly(buckets[0].period);
      const last = monthly(buckets[buckets.length - 1].period);
      if (!first || !last) return buckets;
      const dayForm = Boolean(parseDay(buckets[0].period));
      for (let d = first; d <= last; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
        const key = dayForm ? isoDay(d) : isoMonth(d);
        out.push(byPeriod.get(key) || empty(key));
        if (out.length > 2000) return buckets;
      }
    }
    // Any bucket the walk did not meet (an unexpected period format) keeps the plain list.
    return out.length >= buckets.length ? out : buckets;
  }

  async function loadTimeline(p, f, signal) {
    const q = new URLSearchParams(f);
    if (p.get('dyad')) {
      q.set('dyad', p.get('dyad'));
      if (p.get('both') === 'true') q.set('both', 'true');
    }
    const chosen = p.get('interval');
    const intervals = chosen ? [chosen] : ['day', 'week', 'month'];
    let data = null;
    for (const interval of intervals) {
      q.set('interval', interval);
      data = await api('/api/timeline', q, signal);
      if (chosen || fillPeriods((data.buckets || []).filter((b) => b.period), interval).length <= AUTO_MAX_PERIODS) break;
    }
    drawTimeline(data, p);
  }

  function niceStep(max, ticks) {
    const raw = Math.max(max, 1) / ticks;
    const mag = 10 ** Math.floor(Math.log10(raw));
    for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return Math.max(1, m * mag);
    return Math.max(1, 10 * mag);
  }

  function drawTimeline(data, p) {
    const box = clear($('#timeline'));
    const interval = data.interval || p.get('interval') || 'day';
    const buckets = fillPeriods((data.buckets || []).filter((b) => b.period), interval);
    drawTimelineLegend();
    const total = buckets.reduce((s, b) => s + (b.count || 0), 0);
    const undated = data.undated || 0;
    const dyad = p.get('dyad');
    const summary = el('p', { class: 'note' },
      `${fmtInt(total)} dated events per ${interval}`,
      dyad ? (p.get('both') === 'true' ? ` between ${dyad.split(',').join(' and ')}` : ` from ${dyad.split(',').join(' to ')}`) : '',
      undated ? `; ${fmtInt(undated)} undated events are not drawn` : '', '.');
    if (!buckets.length) {
      box.append(el('p', { class: 'empty', text: 'No dated events for this filter.' }), summary);
      return;
    }
    const W = Math.max(480, box.clientWidth || 1200);
    const H = 230;
    const m = { l: 48, r: 52, t: 14, b: 34 };
    const pw = W - m.l - m.r;
    const ph = H - m.t - m.b;
    const maxCount = Math.max(1, ...buckets.map((b) => b.count || 0));
    const step = niceStep(maxCount, 4);
    const top = Math.ceil(maxCount / step) * step;
    const band = pw / buckets.length;
    const barW = Math.max(1, Math.min(band * 0.78, 46));
    const yc = (v) => m.t + ph - (v / top) * ph;
    const yg = (g) => m.t + ph / 2 - (g / 10) * (ph / 2);
    const xc = (i) => m.l + band * i + band / 2;

    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': `Timeline: ${total} events per ${interval}` });
    const grid = svg('g', { class: 'grid' });
    const axisL = svg('g', { class: 'axis' });
    for (let v = 0; v <= top; v += step) {
      grid.append(svg('line', { x1: m.l, x2: W - m.r, y1: yc(v), y2: yc(v) }));
      axisL.append(svg('text', { x: m.l - 6, y: yc(v) + 4, 'text-anchor': 'end', text: fmtInt(v) }));
    }
    axisL.append(svg('text', { class: 'axis-title', x: 12, y: m.t + ph / 2, transform: `rotate(-90 12 ${m.t + ph / 2})`, 'text-anchor': 'middle', text: 'events' }));
    const axisR = svg('g', { class: 'axis' });
    for (const g of [-10, -5, 0, 5, 10]) {
      axisR.append(svg('text', { x: W - m.r + 6, y: yg(g) + 4, text: fmtGoldstein(g).replace('.0', '') }));
    }
    axisR.append(svg('text', { class: 'axis-title', x: W - 10, y: m.t + ph / 2, transform: `rotate(90 ${W - 10} ${m.t + ph / 2})`, 'text-anchor': 'middle', text: 'mean Goldstein' }));
    axisL.append(svg('line', { x1: m.l, x2: W - m.r, y1: yc(0), y2: yc(0) }));
    root.append(grid, axisL, axisR, svg('line', { class: 'zero', x1: m.l, x2: W - m.r, y1: yg(0), y2: yg(0) }));

    // x labels: as many as fit without touching.
    const labelW = Math.max(...buckets.map((b) => periodLabel(b.period, interval).length)) * LABEL_CHAR_PX + 10;
    const every = Math.max(1, Math.ceil(labelW / band));
    const bars = svg('g', { class: 'bars' });
    buckets.forEach((b, i) => {
      const x = xc(i);
      const range = periodRange(b.period, interval);
      const group = svg('g', {});
      group.append(svg('rect', { class: 'hit', x: m.l + band * i, y: m.t, width: band, height: ph }));
      let acc = 0;
      (b.by_quad || []).forEach((n, qi) => {
        if (!n) return;
        const y0 = yc(acc);
        acc += n;
        const y1 = yc(acc);
        group.append(svg('rect', { class: `q${qi + 1}`, x: x - barW / 2, y: y1, width: barW, height: Math.max(0.5, y0 - y1) }));
      });
      const title = `${b.period}: ${fmtInt(b.count)} events` +
        (b.count ? ` (${QUADS.map((q, qi) => `${(b.by_quad || [])[qi] || 0} ${q.label}`).join(', ')}); mean Goldstein ${fmtGoldstein(b.mean_goldstein)}` : '');
      group.append(svg('title', { text: title }));
      if (range && b.count) {
        const a = svg('a', { href: hrefWith({ since: range[0], until: range[1] }), 'data-nav': true, 'aria-label': `Filter to ${b.period}` });
        a.append(group);
        bars.append(a);
      } else {
        bars.append(group);
      }
      if (i % every === 0) {
        root.append(svg('text', { x, y: H - m.b + 16, 'text-anchor': 'middle', text: periodLabel(b.period, interval) }));
      }
    });
    root.append(bars);

    // The Goldstein line: joined across periods that have a mean, dots where there are events.
    const pts = buckets.map((b, i) => (b.mean_goldstein === null || b.mean_goldstein === undefined || !b.count ? null : [xc(i), yg(Number(b.mean_goldstein))]));
    let d = '';
    let pen = false;
    for (const pt of pts) {
      if (!pt) continue;
      d += `${pen ? 'L' : 'M'}${pt[0].toFixed(1)},${pt[1].toFixed(1)}`;
      pen = true;
    }
    if (d) root.append(svg('path', { class: 'gline', d }));
    const dots = svg('g', {});
    for (const pt of pts) if (pt) dots.append(svg('circle', { class: 'gdot', cx: pt[0], cy: pt[1], r: 3 }));
    root.append(dots);
    box.append(root, summary);
  }

  function drawTimelineLegend() {
    const legend = clear($('#timeline-legend'));
    for (const q of QUADS) legend.append(el('span', { class: 'item' }, el('span', { class: `swatch q${q.n}` }), q.label));
    legend.append(el('span', { class: 'item' }, el('span', { class: 'swatch line goldstein-line' }), 'mean Goldstein (right axis)'));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Map: TopoJSON decoded here, Natural Earth I projection, points sized by count and coloured by Goldstein.

  let world = null;

  /** Countries as lists of rings of [lon, lat], decoded from quantised, delta-encoded TopoJSON arcs. */
  function decodeTopology(topo) {
    const [sx, sy] = topo.transform ? topo.transform.scale : [1, 1];
    const [tx, ty] = topo.transform ? topo.transform.translate : [0, 0];
    const arcs = topo.arcs.map((arc) => {
      let x = 0;
      let y = 0;
      return arc.map(([dx, dy]) => {
        x += dx;
        y += dy;
        return [x * sx + tx, y * sy + ty];
      });
    });
    const ring = (indexes) => {
      const points = [];
      for (const i of indexes) {
        const a = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
        a.forEach((pt, k) => {
          if (k > 0 || points.length === 0) points.push(pt);
        });
      }
      return points;
    };
    const countries = [];
    for (const g of topo.objects.countries.geometries) {
      const polys = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
      countries.push({ id: g.id, name: (g.properties || {}).name || '', rings: polys.flatMap((poly) => poly.map(ring)) });
    }
    return countries;
  }

  /** A ring that crosses the antimeridian (Russia, Fiji) made continuous in longitude, plus its copy shifted by
   * 360°: each runs off one edge of the map and the globe's outline clips it, so no stripe crosses the map. */
  function unwrapRing(ring) {
    let offset = 0;
    let crosses = false;
    const out = ring.map(([lon, lat], i) => {
      if (i > 0) {
        const jump = lon - ring[i - 1][0];
        if (jump > 180) { offset -= 360; crosses = true; }
        if (jump < -180) { offset += 360; crosses = true; }
      }
      return [lon + offset, lat];
    });
    if (!crosses) return [ring];
    const shift = out.some(([lon]) => lon > 180) ? -360 : 360;
    return [out, out.map(([lon, lat]) => [lon + shift, lat])];
  }

  /** Natural Earth I (Šavrič et al.), the polynomial d3 uses; x in [-2.73, 2.73], y in [-1.42, 1.42]. */
  function naturalEarth(lon, lat) {
    const l = (lon * Math.PI) / 180;
    const p = (lat * Math.PI) / 180;
    const p2 = p * p;
    const p4 = p2 * p2;
    return [
      l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4))),
      p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4))),
    ];
  }
  const MAP_SCALE = 160;
  function project(lon, lat) {
    const [x, y] = naturalEarth(lon, lat);
    return [x * MAP_SCALE, -y * MAP_SCALE];
  }

  function loadWorld() {
    if (!world) {
      world = fetch('/static/world.json')
        .then((r) => {
          if (!r.ok) throw new Error(`world map: HTTP ${r.status}`);
          return r.json();
        })
        .then((topo) => {
          const countries = decodeTopology(topo).filter((c) => c.id !== '010'); // Antarctica: no events there
          const ringPath = (r) => r.map(([lon, lat], i) => {
            const [x, y] = project(lon, lat);
            return `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
          }).join('') + 'Z';
          const paths = countries.map((c) => ({
            name: c.name,
            d: c.rings.flatMap(unwrapRing).map(ringPath).join(''),
          }));
          // The outline of the projected globe: the meridians ±180 joined at the poles.
          const edge = [];
          for (let lat = -90; lat <= 90; lat += 5) edge.push(project(180, lat));
          for (let lat = 90; lat >= -90; lat -= 5) edge.push(project(-180, lat));
          const sphere = edge.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('') + 'Z';
          return { paths, sphere };
        });
      world.catch(() => { world = null; });
    }
    return world;
  }

  async function loadMap(p, f, signal) {
    const [base, data] = await Promise.all([loadWorld(), api('/api/map', f, signal)]);
    drawMap(base, data.places || [], p);
  }

  function drawMap(base, places, p) {
    const box = clear($('#map'));
    const worldView = p.get('map') === 'world';
    const located = places.filter((pl) => Number.isFinite(pl.lat) && Number.isFinite(pl.lon));
    // The full map, less Antarctica: x ±(π·0.8707), y from 84°N to 58°S.
    const full = { x0: -438, x1: 438, y0: project(0, 84)[1], y1: project(0, -58)[1] };
    const W = Math.max(400, box.clientWidth || 800);
    const aspect = (full.y1 - full.y0) / (full.x1 - full.x0);
    const H = Math.round(W * aspect);
    let view = { ...full };
    if (!worldView && located.length) {
      const xy = located.map((pl) => project(pl.lon, pl.lat));
      let x0 = Math.min(...xy.map((q) => q[0]));
      let x1 = Math.max(...xy.map((q) => q[0]));
      let y0 = Math.min(...xy.map((q) => q[1]));
      let y1 = Math.max(...xy.map((q) => q[1]));
      // At least a sixth of the world wide, with a margin, in the map's aspect.
      const w = Math.max((x1 - x0) * 1.3, (y1 - y0) * 1.3 / aspect, (full.x1 - full.x0) / 6);
      const cx = (x0 + x1) / 2;
      const cy = (y0 + y1) / 2;
      x0 = cx - w / 2;
      x1 = cx + w / 2;
      y0 = cy - (w * aspect) / 2;
      y1 = cy + (w * aspect) / 2;
      view = { x0, x1, y0, y1 };
    }
    const vw = view.x1 - view.x0;
    const k = vw / W; // view units per pixel
    const root = svg('svg', {
      viewBox: `${view.x0.toFixed(1)} ${view.y0.toFixed(1)} ${vw.toFixed(1)} ${(view.y1 - view.y0).toFixed(1)}`,
      width: W, height: H, role: 'img', 'aria-label': `Map of ${located.length} places with events`,
    });
    root.append(svg('defs', {}, svg('clipPath', { id: 'globe' }, svg('path', { d: base.sphere }))));
    root.append(svg('path', { class: 'sphere', d: base.sphere }));
    const land = svg('g', { 'clip-path': 'url(#globe)' });
    for (const c of base.paths) land.append(svg('path', { class: 'land', d: c.d }, svg('title', { text: c.name })));
    root.append(land);

    const maxCount = Math.max(1, ...located.map((pl) => pl.count || 0));
    const radius = (n) => (4 + 14 * Math.sqrt((n || 0) / maxCount)) * k;
    // Big points first, so small ones stay on top and clickable.
    const ordered = located.slice().sort((a, b) => (b.count || 0) - (a.count || 0));
    const points = svg('g', {});
    const labels = svg('g', {});
    const placed = [];
    for (const pl of ordered) {
      const [x, y] = project(pl.lon, pl.lat);
      const r = radius(pl.count);
      const where = [pl.name, pl.country].filter(Boolean).join(', ');
      const a = svg('a', {
        href: hrefWith(placeFilter(pl)), 'data-nav': true, class: 'place-point',
        'aria-label': `${where}: ${pl.count} events; filter to this place`,
      });
      a.append(svg('circle', { class: `point ${goldsteinClass(pl.mean_goldstein)}`, cx: x.toFixed(2), cy: y.toFixed(2), r: r.toFixed(2) }),
        svg('title', { text: `${where}: ${fmtInt(pl.count)} events, mean Goldstein ${fmtGoldstein(pl.mean_goldstein)}. Click to filter to this place.` }));
      points.append(a);
      // Labels for the larger places, only where they do not collide with one already placed.
      const text = String(pl.name || '');
      if (!text || placed.length >= 12) continue;
      const lw = (text.length * LABEL_CHAR_PX + 4) * k;
      const lh = 13 * k;
      const lx = x + r + 3 * k;
      const ly = y + 4 * k;
      const rect = [lx, ly - lh + 2 * k, lx + lw, ly + 2 * k];
      if (rect[2] > view.x1 || placed.some((q) => !(rect[2] < q[0] || rect[0] > q[2] || rect[3] < q[1] || rect[1] > q[3]))) continue;
      placed.push(rect);
      labels.append(svg('text', { class: 'point-label', x: lx.toFixed(2), y: ly.toFixed(2), 'font-size': (11 * k).toFixed(3), 'stroke-width': (3 * k).toFixed(3), text }));
    }
    root.append(points, labels);
    box.append(root);
    if (!located.length) box.append(el('p', { class: 'note', text: 'No located events for this filter.' }));

    const toggle = clear($('#map-toggle'));
    toggle.className = 'map-toggle';
    if (located.length) {
      toggle.append(worldView
        ? navLink(hrefWith({ map: null }, { keepArticle: true }), {}, 'Zoom to the events')
        : navLink(hrefWith({ map: 'world' }, { keepArticle: true }), {}, 'Whole world'));
    }
    drawGoldsteinLegend($('#map-legend'), 'dot', 'Point size: events at the place; colour: mean Goldstein');
    drawPlaceList(ordered);
  }

  /** The filter a map point stands for: a small box around the place. */
  function placeFilter(pl) {
    const b = [pl.lon - PLACE_BOX, pl.lat - PLACE_BOX, pl.lon + PLACE_BOX, pl.lat + PLACE_BOX].map((v) => Number(v.toFixed(4)));
    return { bbox: b.join(',') };
  }

  function drawPlaceList(ordered) {
    const box = clear($('#places'));
    if (!ordered.length) return;
    const top = ordered.slice(0, 8);
    const rows = top.map((pl) => el('tr', {},
      el('td', {}, navLink(hrefWith(placeFilter(pl)), { title: 'Filter to this place' }, pl.name || '(unnamed)')),
      el('td', {}, pl.country ? navLink(hrefWith({ country: pl.country }), { title: 'Filter to this country', class: 'code' }, pl.country) : ''),
      el('td', { class: 'num', text: fmtInt(pl.count) }),
      el('td', { class: 'num' }, goldsteinNode(pl.mean_goldstein))));
    box.append(el('table', {},
      el('thead', {}, el('tr', {}, el('th', { text: 'Top places' }), el('th', { text: 'Country' }), el('th', { class: 'num', text: 'Events' }), el('th', { class: 'num', text: 'Goldstein' }))),
      el('tbody', {}, rows)));
  }

  function drawGoldsteinLegend(legend, shape, caption) {
    clear(legend);
    legend.append(el('span', { class: 'item', text: caption }));
    for (const [, cls, label] of GOLDSTEIN_CLASSES) {
      legend.append(el('span', { class: 'item' }, el('span', { class: `swatch ${shape} ${cls}` }), label));
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Actor network: a bounded, seeded force layout (Fruchterman–Reingold), then labels pushed apart.

  function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function layoutNetwork(nodes, links, W, H) {
    const rnd = mulberry32(LAYOUT_SEED);
    const n = nodes.length;
    nodes.forEach((d, i) => {
      const angle = (2 * Math.PI * i) / Math.max(n, 1);
      d.x = W / 2 + Math.cos(angle) * W * 0.3 + (rnd() - 0.5) * 20;
      d.y = H / 2 + Math.sin(angle) * H * 0.3 + (rnd() - 0.5) * 20;
    });
    if (n < 2) {
      nodes.forEach((d) => { d.x = W / 2; d.y = H / 2; });
      return;
    }
    const ideal = Math.sqrt((W * H) / n) * 0.55;
    const dx = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let it = 0; it < LAYOUT_ITERATIONS; it++) {
      const temperature = (W / 8) * (1 - it / LAYOUT_ITERATIONS) + 0.5;
      dx.fill(0);
      dy.fill(0);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let vx = nodes[i].x - nodes[j].x;
          let vy = nodes[i].y - nodes[j].y;
          let d2 = vx * vx + vy * vy;
          if (d2 < 0.01) { vx = rnd() - 0.5; vy = rnd() - 0.5; d2 = 0.01; }
          const d = Math.sqrt(d2);
          const force = (ideal * ideal) / d;
          dx[i] += (vx / d) * force; dy[i] += (vy / d) * force;
          dx[j] -= (vx / d) * force; dy[j] -= (vy / d) * force;
        }
      }
      for (const l of links) {
        const a = nodes[l.s];
        const b = nodes[l.t];
        const vx = a.x - b.x;
        const vy = a.y - b.y;
        const d = Math.sqrt(vx * vx + vy * vy) || 0.1;
        const force = (d * d) / ideal;
        dx[l.s] -= (vx / d) * force; dy[l.s] -= (vy / d) * force;
        dx[l.t] += (vx / d) * force; dy[l.t] += (vy / d) * force;
      }
      for (let i = 0; i < n; i++) {
        // Gravity keeps components that share no edge in the frame.
        dx[i] += (W / 2 - nodes[i].x) * LAYOUT_GRAVITY;
        dy[i] += (H / 2 - nodes[i].y) * LAYOUT_GRAVITY * (W / H);
        const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
        const stepLen = Math.min(len, temperature);
        nodes[i].x += (dx[i] / len) * stepLen;
        nodes[i].y += (dy[i] / len) * stepLen;
      }
    }
    // Fill the frame: scale the drawing about its centre (at most threefold, so a few nodes stay close).
    const xs = nodes.map((d) => d.x);
    const ys = nodes.map((d) => d.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const mx = Math.max(...nodes.map((d) => d.w / 2)) + 6;
    const my = Math.max(...nodes.map((d) => d.h / 2)) + 6;
    const scale = Math.min(3, (W - 2 * mx) / Math.max(1, x1 - x0), (H - 2 * my) / Math.max(1, y1 - y0));
    for (const d of nodes) {
      d.x = W / 2 + (d.x - (x0 + x1) / 2) * scale;
      d.y = H / 2 + (d.y - (y0 + y1) / 2) * scale;
    }
    // Labels below nodes: push boxes apart until none overlap (bounded passes), then keep them in the frame.
    for (let pass = 0; pass < 80; pass++) {
      let moved = false;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const a = nodes[i];
          const b = nodes[j];
          const ox = (a.w + b.w) / 2 - Math.abs(a.x - b.x);
          const oy = (a.h + b.h) / 2 - Math.abs(a.y - b.y);
          if (ox <= 0 || oy <= 0) continue;
          moved = true;
          if (ox < oy) {
            const s = (a.x < b.x ? -1 : 1) * (ox / 2 + 0.5);
            a.x += s; b.x -= s;
          } else {
            const s = (a.y < b.y ? -1 : 1) * (oy / 2 + 0.5);
            a.y += s; b.y -= s;
          }
        }
      }
      for (const d of nodes) {
        d.x = Math.min(W - d.w / 2 - 4, Math.max(d.w / 2 + 4, d.x));
        d.y = Math.min(H - d.h / 2 - 4, Math.max(d.h / 2 + 4, d.y));
      }
      if (!moved) break;
    }
  }

  async function loadNetwork(f, signal) {
    const q = new URLSearchParams(f);
    q.set('limit', String(NETWORK_LIMIT));
    const data = await api('/api/network', q, signal);
    drawNetwork(data);
  }

  function drawNetwork(data) {
    const box = clear($('#network'));
    drawGoldsteinLegend($('#network-legend'), 'line', 'Edge colour: mean Goldstein; width: events');
    const nodes = (data.nodes || []).map((d) => ({ ...d }));
    if (!nodes.length) {
      box.append(el('p', { class: 'empty', text: 'No actor pairs for this filter.' }));
      return;
    }
    const W = Math.max(360, box.clientWidth || 560);
    const H = Math.round(Math.max(320, Math.min(640, W * 1.05)));
    const index = new Map(nodes.map((d, i) => [d.id, i]));
    const links = (data.edges || [])
      .map((e) => ({ ...e, s: index.get(e.source), t: index.get(e.target) }))
      .filter((l) => l.s !== undefined && l.t !== undefined && l.s !== l.t);
    const maxEvents = Math.max(1, ...nodes.map((d) => d.events || 0));
    const maxCount = Math.max(1, ...links.map((l) => l.count || 0));
    for (const d of nodes) {
      d.r = 5 + 11 * Math.sqrt((d.events || 0) / maxEvents);
      const labelW = String(d.id).length * LABEL_CHAR_PX + 6;
      d.w = Math.max(2 * d.r, labelW) + 6;
      d.h = 2 * d.r + 30; // the circle and a label line below it, centred on the circle
    }
    layoutNetwork(nodes, links, W, H);

    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': `Actor network: ${nodes.length} actors, ${links.length} pairs` });
    const defs = svg('defs', {});
    for (const [, cls] of GOLDSTEIN_CLASSES) {
      defs.append(svg('marker', { id: `arrow-${cls}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 3.5, markerHeight: 3.5, orient: 'auto-start-reverse', markerUnits: 'strokeWidth' },
        svg('path', { d: 'M0,0L10,5L0,10Z', class: cls })));
    }
    root.append(defs);
    const edges = svg('g', {});
    for (const l of links) {
      const a = nodes[l.s];
      const b = nodes[l.t];
      const vx = b.x - a.x;
      const vy = b.y - a.y;
      const d = Math.sqrt(vx * vx + vy * vy) || 1;
      // Bend to the right of the direction, so A→B and B→A are two visible curves.
      const cx = (a.x + b.x) / 2 - (vy / d) * d * 0.12;
      const cy = (a.y + b.y) / 2 + (vx / d) * d * 0.12;
      const ex = b.x - cx;
      const ey = b.y - cy;
      const el2 = Math.sqrt(ex * ex + ey * ey) || 1;
      const tx = b.x - (ex / el2) * (b.r + 2);
      const ty = b.y - (ey / el2) * (b.r + 2);
      const cls = goldsteinClass(l.mean_goldstein);
      const width = 1 + 4 * Math.sqrt((l.count || 0) / maxCount);
      edges.append(svg('path', {
        class: `edge ${cls}`, d: `M${a.x.toFixed(1)},${a.y.toFixed(1)}Q${cx.toFixed(1)},${cy.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`,
        'stroke-width': width.toFixed(2), 'marker-end': `url(#arrow-${cls})`,
      }, svg('title', { text: `${l.source} → ${l.target}: ${fmtInt(l.count)} events, mean Goldstein ${fmtGoldstein(l.mean_goldstein)}` })));
    }
    root.append(edges);
    const group = svg('g', {});
    for (const d of nodes) {
      const a = svg('a', { href: hrefWith({ actor: d.id }), 'data-nav': true, 'aria-label': `${d.id}: ${d.events} events; filter to this actor` });
      const g = svg('g', { class: 'node', 'data-actor': d.id });
      g.append(svg('circle', { cx: d.x.toFixed(1), cy: d.y.toFixed(1), r: d.r.toFixed(1) }),
        svg('text', { x: d.x.toFixed(1), y: (d.y + d.r + 12).toFixed(1), 'text-anchor': 'middle', text: d.id }),
        svg('title', { text: `${d.id}: ${fmtInt(d.events)} events. Click to filter to this actor.` }));
      a.append(g);
      group.append(a);
    }
    root.append(group);
    box.append(root);
  }

  // ---------------------------------------------------------------------------------------------------------
  // The event table, its sort, pages and exports.

  const SORTS = [['date', 'Date'], ['goldstein', 'Goldstein'], ['mentions', 'Articles']];

  function renderExports(f) {
    const box = clear($('#exports'));
    box.append(el('span', { class: 'label', text: 'Export this filter:' }));
    for (const [format, label] of [['csv', 'CSV'], ['jsonl', 'JSONL'], ['gdelt', 'GDELT'], ['plover', 'PLOVER']]) {
      const q = new URLSearchParams(f);
      q.set('format', format);
      box.append(el('a', { href: `/api/export?${q}`, download: `dyad-events.${format === 'gdelt' ? 'tsv' : format === 'plover' ? 'jsonl' : format}`, text: label }));
    }
  }

  async function loadEvents(p, f, signal) {
    const q = new URLSearchParams(f);
    q.set('limit', String(TABLE_PAGE));
    if (p.get('sort')) q.set('sort', p.get('sort'));
    if (p.get('cursor')) q.set('cursor', p.get('cursor'));
    const data = await api('/api/events', q, signal);
    drawEvents(data, p);
  }

  function sortHeader(p, key, label, cls) {
    const sort = p.get('sort') || '';
    const active = sort === key || sort === `-${key}`;
    const desc = sort === `-${key}`;
    const next = active && desc ? key : `-${key}`;
    const th = el('th', { class: cls, 'aria-sort': active ? (desc ? 'descending' : 'ascending') : null });
    const button = el('button', { type: 'button', class: 'sort', title: `Sort by ${label.toLowerCase()}` }, label, active ? (desc ? ' ▼' : ' ▲') : '');
    button.addEventListener('click', () => go(hrefWith({ sort: next })));
    th.append(button);
    return th;
  }

  /**
   * The words an event was coded from: its sentence from the first evidence span (source, verb, target) to the
   * last, with the whole sentence one click away. Spans are byte offsets into the article's text, so they are
   * cut from the sentence's UTF-8 bytes (`sentence_start` is the sentence's first byte).
   */
  function evidenceText(e) {
    const text = e.sentence_text || '';
    const ev = e.evidence || {};
    const spans = [ev.source, ev.verb, ev.target].filter((x) => x && Number.isInteger(x.start) && Number.isInteger(x.end));
    if (!spans.length || e.sentence_text_truncated || !Number.isInteger(e.sentence_start)) return text;
    const bytes = new TextEncoder().encode(text);
    const lo = Math.min(...spans.map((x) => x.start)) - e.sentence_start;
    const hi = Math.max(...spans.map((x) => x.end)) - e.sentence_start;
    if (lo < 0 || hi > bytes.length || lo >= hi) return text;
    const clause = new TextDecoder().decode(bytes.subarray(lo, hi));
    return `${lo > 0 ? '… ' : ''}${clause}${hi < bytes.length ? ' …' : ''}`;
  }

  function evidenceCell(e) {
    const span = el('span', { class: 'clip', text: evidenceText(e) });
    const full = e.sentence_text || '';
    if (!full || full === span.textContent) return span;
    const more = el('button', { type: 'button', class: 'more', 'aria-expanded': 'false', title: 'Show the whole sentence' }, 'sentence');
    more.addEventListener('click', () => {
      const open = more.getAttribute('aria-expanded') === 'true';
      span.textContent = open ? evidenceText(e) : full;
      span.classList.toggle('open', !open);
      more.setAttribute('aria-expanded', open ? 'false' : 'true');
      more.textContent = open ? 'sentence' : 'less';
    });
    return el('span', {}, span, ' ', more);
  }

  function drawEvents(data, p) {
    const box = clear($('#events'));
    const events = data.events || [];
    const pager = clear($('#pager'));
    if (!events.length) {
      box.append(el('p', { class: 'empty', text: p.get('cursor') ? 'No more events.' : 'No events match this filter.' }));
    } else {
      const head = el('tr', {},
        sortHeader(p, 'date', 'Date'),
        el('th', { text: 'Source' }),
        el('th', { text: 'Event' }),
        el('th', { text: 'Target' }),
        el('th', { text: 'Quad class' }),
        sortHeader(p, 'goldstein', 'Goldstein', 'num'),
        el('th', { text: 'Place' }),
        el('th', { text: 'Evidence' }),
        sortHeader(p, 'mentions', 'Articles', 'num'),
        el('th', { text: '' }));
      const rows = events.map((e) => {
        const loc = e.location;
        const tr = el('tr', { 'data-event': e.event_id, 'data-source': e.source || '', 'data-target': e.target || '' },
          el('td', { class: 'nowrap', text: e.date || 'undated' }),
          el('td', { class: 'code' }, e.source ? navLink(hrefWith({ source: e.source }), { title: `Filter to source ${e.source}` }, e.source) : '—'),
          el('td', {}, el('span', { class: 'code', text: e.cameo || '' }), ' ', ROOTS[e.root] || ''),
          el('td', { class: 'code' }, e.target ? navLink(hrefWith({ target: e.target }), { title: `Filter to target ${e.target}` }, e.target) : '—'),
          el('td', {}, quadBadge(e.quad_class)),
          el('td', { class: 'num' }, goldsteinNode(e.goldstein)),
          el('td', {}, loc ? [loc.name || '', loc.country ? el('span', { class: 'code', text: ` ${loc.country}` }) : ''] : '—'),
          el('td', { class: 'sentence' }, evidenceCell(e)),
          el('td', { class: 'num', text: e.num_articles !== undefined ? fmtInt(e.num_articles) : '1' }),
          el('td', { class: 'nowrap' }, navLink(hrefWith({ event: e.event_id }), { 'aria-label': `Read the article of event ${e.event_id}` }, 'Read →')));
        return tr;
      });
      box.append(el('table', { class: 'events' }, el('thead', {}, head), el('tbody', {}, rows)));
    }
    if (p.get('cursor')) pager.append(navLink(hrefWith({}), {}, '« First page'));
    if (data.next_cursor) pager.append(navLink(hrefWith({ cursor: data.next_cursor }), {}, 'Next page »'));
  }

  // ---------------------------------------------------------------------------------------------------------
  // The article view: text with the selected event's spans marked, the event list, and the "why" panel.

  const ROLES = [
    ['source', 'hl-source', 'source actor'],
    ['verb', 'hl-verb', 'verb'],
    ['target', 'hl-target', 'target actor'],
    ['place', 'hl-place', 'place'],
    ['date', 'hl-date', 'date'],
  ];

  /** The event of a document that is the same as an event from /api/events. */
  function sameEvent(docEvent, e) {
    if (String(docEvent.event_id) === String(e.event_id)) return true;
    return docEvent.sentence === e.sentence && docEvent.cameo === e.cameo && docEvent.source === e.source && docEvent.target === e.target;
  }

  async function renderArticle(p, signal) {
    const title = $('#doc-title');
    const text = $('#doc-text');
    $('#back').setAttribute('href', hrefWith({}));
    clear(title);
    clear($('#doc-meta'));
    clear($('#doc-events'));
    clear($('#why'));
    $('#mentions-panel').hidden = true;
    text.classList.add('loading');
    clear(text).append(el('p', { class: 'note', text: 'Loading the article…' }));
    try {
      let info = null;
      let docId = p.get('doc');
      if (p.get('event')) {
        // A merged event by default; the table of raw events links raw ids.
        const q = new URLSearchParams();
        if (p.get('raw') === 'true') q.set('raw', 'true');
        info = await api(`/api/events/${encodeURIComponent(p.get('event'))}`, q, signal);
        if (!docId) {
          const m = (info.mentions || []).find((x) => x.document !== undefined && x.document !== null);
          if (!m) throw new Error('This event has no stored article.');
          docId = m.document;
        }
      }
      const dq = new URLSearchParams();
      if (p.get('generation')) dq.set('generation', p.get('generation'));
      const doc = await api(`/api/documents/${encodeURIComponent(docId)}`, dq, signal);
      const events = doc.events || [];
      let selected = null;
      if (p.get('ev')) selected = events.find((e) => String(e.event_id) === p.get('ev')) || null;
      if (!selected && info) {
        // The mention of this event in this document names its raw event.
        const here = (info.mentions || []).filter((m) => String(m.document) === String(doc.id));
        selected = events.find((e) => here.some((m) => String(m.event_id) === String(e.event_id))) || null;
        if (!selected && info.event) selected = events.find((e) => sameEvent(e, info.event)) || null;
      }
      if (!selected) selected = events[0] || null;
      drawArticle(doc, events, selected, info, p);
    } catch (err) {
      if (err && err.name === 'AbortError') return;
      showError(text, err);
    } finally {
      text.classList.remove('loading');
    }
  }

  function drawArticle(doc, events, selected, info, p) {
    document.title = `dyad — ${doc.title || doc.doc_id || 'article'}`;
    $('#doc-title').textContent = doc.title || doc.doc_id || `Document ${doc.id}`;
    const meta = clear($('#doc-meta'));
    appendAll(meta, [
      doc.outlet ? el('span', { text: doc.outlet }) : null,
      doc.date ? el('span', { text: doc.date }) : null,
      doc.doc_id ? el('span', { class: 'code', text: doc.doc_id }) : null,
      doc.url ? el('span', {}, externalLink(doc.url)) : null,
    ]);
    const legend = clear($('#doc-legend'));
    for (const [, cls, label] of ROLES) legend.append(el('span', { class: 'item' }, el('span', { class: `swatch ${cls}` }), label));
    legend.append(el('span', { class: 'item' }, el('span', { class: 'swatch hl-other' }), 'other events’ verbs'));

    drawText(doc.text || '', events, selected);
    drawEventList(events, selected, p);
    drawWhy(doc.text || '', selected);
    drawMentions(info, doc, selected);
    // The text scrolls in its own box, so the page stays put: bring the selected verb to its middle.
    const box = $('#doc-text');
    const verb = box.querySelector('mark.hl-verb');
    box.scrollTop = verb ? Math.max(0, verb.offsetTop - box.clientHeight / 2) : 0;
  }

  /** Text nodes and <mark>s for the spans; where spans overlap, the selected event's role wins. */
  function drawText(text, events, selected) {
    const box = clear($('#doc-text'));
    const ranges = [];
    const priority = { verb: 0, source: 1, target: 1, place: 2, date: 2 };
    const add = (span, cls, label, prio) => {
      if (!Array.isArray(span) || span.length !== 2) return;
      const s = Math.max(0, Math.min(text.length, Number(span[0])));
      const e = Math.max(0, Math.min(text.length, Number(span[1])));
      if (!(e > s)) return;
      ranges.push({ s, e, cls, label, prio });
    };
    for (const ev of events) {
      const spans = ev.js_spans || {};
      if (ev === selected) {
        for (const [role, cls, label] of ROLES) add(spans[role], cls, `${label}${role === 'verb' ? ` (${ev.cameo})` : ''}`, priority[role]);
      } else {
        add(spans.verb, 'hl-other', `another event: ${ev.source || '—'} → ${ev.target || '—'} ${ev.cameo || ''}`, 10);
      }
    }
    const cuts = new Set([0, text.length]);
    for (const r of ranges) { cuts.add(r.s); cuts.add(r.e); }
    const points = [...cuts].sort((a, b) => a - b);
    let current = null;
    let buffer = '';
    const flush = () => {
      if (!buffer) return;
      box.append(current ? el('mark', { class: current.cls, title: current.label, text: buffer }) : document.createTextNode(buffer));
      buffer = '';
    };
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      let best = null;
      for (const r of ranges) if (r.s <= a && r.e >= b && (!best || r.prio < best.prio)) best = r;
      if (best !== current) {
        flush();
        current = best;
      }
      buffer += text.slice(a, b);
    }
    flush();
  }

  function drawEventList(events, selected, p) {
    const list = clear($('#doc-events'));
    if (!events.length) {
      list.append(el('li', { class: 'note', text: 'No events were coded in this article.' }));
      return;
    }
    for (const ev of events) {
      const pressed = ev === selected;
      const button = el('button', { type: 'button', 'aria-pressed': pressed ? 'true' : 'false', 'data-event': ev.event_id },
        el('span', { class: 'who', text: `${actorText(ev.source)} → ${actorText(ev.target)}` }),
        el('span', { class: 'what', text: `${cameoLabel(ev.cameo)} · sentence ${ev.sentence}` }),
        goldsteinNode(ev.goldstein));
      button.addEventListener('click', () => {
        const next = new URLSearchParams(location.search);
        next.set('ev', String(ev.event_id));
        if (!next.get('doc') && p.get('doc')) next.set('doc', p.get('doc'));
        go(`?${next}`);
      });
      list.append(el('li', {}, button));
    }
  }

  function ruleNode(rule) {
    if (!rule) return el('span', { class: 'where', text: 'no dictionary rule (a default or a pronoun)' });
    return el('div', { class: 'rule-ref' },
      el('span', { class: 'where code', text: `${rule.file}:${rule.line}` }),
      el('code', { class: 'rule', text: rule.text || '' }));
  }

  function spanText(text, span) {
    if (!Array.isArray(span)) return null;
    return text.slice(Math.max(0, span[0]), Math.max(0, span[1]));
  }

  /** Why the place won and the places it won over (`place_choice` of a document's event), as nodes. */
  function placeChoiceNodes(choice) {
    if (!choice) return [];
    const nodes = [el('br', {}), el('span', { class: 'where', text: `Why: ${choice.reason}` })];
    const considered = Array.isArray(choice.considered) ? choice.considered : [];
    if (considered.length > 0) {
      const list = el('ul', { class: 'considered' });
      for (const c of considered) {
        list.append(el('li', { class: 'where', text: `also considered: ${c.name}${c.country ? ` (${c.country})` : ''}, GeoNames ${c.geonameid}, score ${Number(c.score).toFixed(2)}: ${c.reason}` }));
      }
      nodes.push(list);
    }
    return nodes;
  }

  function drawWhy(text, ev) {
    const box = clear($('#why'));
    if (!ev) {
      box.append(el('p', { class: 'note', text: 'Choose an event to see the rules behind it.' }));
      return;
    }
    const spans = ev.js_spans || {};
    const rules = ev.rules || {};
    const dl = el('dl', {});
    const row = (term, ...desc) => dl.append(el('dt', { text: term }), el('dd', {}, ...desc));
    const quoted = (span) => {
      const t = spanText(text, span);
      return t ? el('q', { text: t }) : el('span', { class: 'where', text: 'not in the text' });
    };
    row('Event', el('span', { class: 'code', text: `${ev.cameo}` }), ` ${cameoLabel(ev.cameo).replace(/^\S+\s*/, '')} · `, quadBadge(ev.quad_class), ' · Goldstein ', goldsteinNode(ev.goldstein));
    row('Source', el('span', { class: 'code', text: actorText(ev.source) }), ' ', quoted(spans.source), ruleNode(rules.source));
    row('Verb', quoted(spans.verb), ruleNode(rules.verb));
    row('Target', el('span', { class: 'code', text: actorText(ev.target) }), ' ', quoted(spans.target), ruleNode(rules.target));
    const loc = ev.location;
    if (loc) {
      const bits = [loc.name, loc.admin1, loc.country].filter(Boolean).join(', ');
      row('Place', el('strong', { text: bits }), ' ', spans.place ? quoted(spans.place) : '',
        el('span', { class: 'where', text: ` — chosen by: ${String(loc.how || 'unknown').replace(/_/g, ' ')}` }),
        el('br', {}),
        el('span', { class: 'where', text: `GeoNames ${loc.geonameid ?? '—'}, feature class ${loc.feature_class || '—'}, ${Number(loc.lat).toFixed(2)}, ${Number(loc.lon).toFixed(2)}` }),
        ...placeChoiceNodes(ev.place_choice));
    } else {
      row('Place', el('span', { class: 'where', text: 'no place found for this event' }));
    }
    row('Date', ev.date ? el('strong', { text: ev.date }) : el('span', { class: 'where', text: 'undated' }), ' ', spans.date ? quoted(spans.date) : '',
      ev.date_how ? el('span', { class: 'where', text: ` — from the ${String(ev.date_how).replace(/_/g, ' ')}` }) : '');
    const rb = ev.reported_by;
    if (ev.claimed || rb) {
      row('According to', rb ? [rb.actor ? el('span', { class: 'code', text: rb.actor }) : '', ' ', rb.outlet ? el('span', { text: rb.outlet }) : ''] : '',
        el('span', { class: 'where', text: ev.claimed ? ' — a claim, not a reported fact' : '' }));
    }
    if (ev.source && ev.target) {
      row('Explore',
        navLink(hrefWith({ dyad: `${ev.source},${ev.target}`, both: 'true', source: null, target: null, actor: null }), {}, `Timeline of ${ev.source} and ${ev.target}`),
        el('br', {}),
        navLink(hrefWith({ source: ev.source, target: ev.target, actor: null }), {}, `All events ${ev.source} → ${ev.target}`));
    }
    box.append(dl);
  }

  /** The articles that report the event opened from the table, while that event is the one selected. */
  function drawMentions(info, doc, selected) {
    const mentions = info && Array.isArray(info.mentions) ? info.mentions : [];
    const section = $('#mentions-panel');
    const list = clear($('#mentions'));
    const isSelected = selected && mentions.some((m) => String(m.event_id) === String(selected.event_id));
    if (mentions.length < 1 || !isSelected) {
      section.hidden = true;
      return;
    }
    section.hidden = false;
    $('#mentions-title').textContent = `Reported in ${mentions.length} ${mentions.length === 1 ? 'article' : 'articles'}`;
    for (const m of mentions) {
      const here = String(m.document) === String(doc.id);
      const label = `${m.doc_id || `document ${m.document}`}, sentence ${m.sentence}`;
      const next = new URLSearchParams(location.search);
      next.set('doc', String(m.document));
      next.delete('ev');
      list.append(el('li', {},
        here ? el('strong', { text: `${label} (shown)` }) : navLink(`?${next}`, {}, label),
        m.sentence_text ? el('div', { class: 'note', text: m.sentence_text }) : '',
        m.url ? el('div', {}, externalLink(m.url)) : ''));
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  function start() {
    fillRootOptions();
    $('#filters').addEventListener('submit', submitFilters);
    $('#timeline-controls').addEventListener('submit', submitTimeline);
    render();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
