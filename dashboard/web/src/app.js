// The dashboard page: one server-sent event stream (a snapshot, then updates and heartbeats)
// merged into local state and drawn with lightweight-charts. The last candle may be the bar in
// progress (a preview that moves with each trade), replaced by the closed bar when it arrives.
import { createChart, CandlestickSeries, HistogramSeries, createSeriesMarkers, ColorType } from 'lightweight-charts';

const TIMEFRAME_SECONDS = { '1m': 60, '5m': 300 };
const MAX_BARS = 100;
const TIER_SIZE = { MODERATE: 1, HIGH: 1.5, VERY_HIGH: 2, EXTREME: 3 };
const COLORS = { LONG: '#26a69a', SHORT: '#ef5350' };

const state = {
  bars: { '1m': {}, '5m': {} },
  forming: { '1m': {}, '5m': {} },
  signals: new Map(),
  strategies: new Map(),
  ladders: {},
  health: null,
  timeframe: '1m',
  symbol: null,
  symbolChosen: false,
  heartbeat: null,
  connected: false,
  rendered: false,
  fitted: null,
};

const $ = (id) => document.getElementById(id);
const chartEl = $('chart');
const chart = createChart(chartEl, {
  autoSize: true,
  layout: { background: { type: ColorType.Solid, color: '#181d26' }, textColor: '#d7dde8' },
  grid: { vertLines: { color: '#232a36' }, horzLines: { color: '#232a36' } },
  timeScale: { timeVisible: true, secondsVisible: false },
  rightPriceScale: { scaleMargins: { top: 0.08, bottom: 0.25 } },
});
const candles = chart.addSeries(CandlestickSeries, {
  upColor: COLORS.LONG, downColor: COLORS.SHORT, borderVisible: false,
  wickUpColor: COLORS.LONG, wickDownColor: COLORS.SHORT,
});
const volume = chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: 'volume' });
chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
const markers = createSeriesMarkers(candles, []);

// ---- merging: bars unique by time and ordered, signals unique by id ----

function mergeBar(bar) {
  const tf = bar.interval === 300 ? '5m' : '1m';
  const list = (state.bars[tf][bar.symbol] ||= []);
  let i = list.length;
  while (i > 0 && list[i - 1].time > bar.time) i--;
  if (i > 0 && list[i - 1].time === bar.time) list[i - 1] = bar;
  else list.splice(i, 0, bar);
  if (list.length > MAX_BARS) list.splice(0, list.length - MAX_BARS);
}

function mergeForming(bar) {
  const tf = bar.interval === 300 ? '5m' : '1m';
  const current = state.forming[tf][bar.symbol];
  if (!current || current.time <= bar.time) state.forming[tf][bar.symbol] = bar;
}

function applySnapshot(s) {
  state.bars = { '1m': {}, '5m': {} };
  for (const tf of Object.keys(s.bars)) {
    for (const [symbol, bars] of Object.entries(s.bars[tf])) state.bars[tf][symbol] = bars.slice(-MAX_BARS);
  }
  state.forming = { '1m': {}, '5m': {} };
  s.forming.forEach(mergeForming);
  state.signals = new Map(s.signals.map((x) => [x.id, x]));
  state.ladders = s.ladders;
  state.health = s.health;
  state.strategies = new Map(s.strategies.map((x) => [x.strategy, x]));
  state.heartbeat = s;
}

function applyUpdate(u) {
  u.bars.forEach(mergeBar);
  u.forming.forEach(mergeForming);
  u.signals.forEach((x) => state.signals.set(x.id, x));
  Object.assign(state.ladders, u.ladders);
  if (u.health) state.health = u.health;
  u.strategies.forEach((x) => state.strategies.set(x.strategy, x));
  const hb = state.heartbeat;
  if (hb && u.lastLiveRecordAtMs !== null && u.lastLiveRecordAtMs !== hb.lastLiveRecordAtMs && !hb.kafkaProblem) {
    state.heartbeat = { ...hb, mode: 'LIVE', quietForMs: 0, lastLiveRecordAtMs: u.lastLiveRecordAtMs };
  }
}

// ---- rendering ----

function pickSymbol() {
  const series = state.bars[state.timeframe];
  const symbols = Object.keys(series).sort();
  if (!state.symbolChosen || !symbols.includes(state.symbol)) {
    let latest = -1;
    for (const s of symbols) {
      const last = series[s][series[s].length - 1];
      if (last && last.time > latest) { latest = last.time; state.symbol = s; }
    }
  }
  const select = $('symbol');
  const current = [...select.options].map((o) => o.value).join();
  if (current !== symbols.join()) {
    select.replaceChildren(...symbols.map((s) => new Option(s, s)));
  }
  if (state.symbol) select.value = state.symbol;
}

function barsShown() {
  return (state.symbol && state.bars[state.timeframe][state.symbol]) || [];
}

// The bar in progress of the symbol shown, when it is newer than its last closed bar.
function formingShown(bars) {
  const bar = state.symbol && state.forming[state.timeframe][state.symbol];
  const last = bars[bars.length - 1];
  return bar && (!last || bar.time > last.time) ? bar : null;
}

// A signal's marker sits on the last bar of its window that the chart has.
function markerTime(signal, bars) {
  const target = signal.windowEnd - 1;
  let time = null;
  for (const b of bars) {
    if (b.time <= target) time = b.time; else break;
  }
  return time !== null && signal.windowEnd - time <= TIMEFRAME_SECONDS[state.timeframe] + (signal.windowEnd - signal.windowStart) ? time : null;
}

function signalsShown(bars) {
  const out = [];
  for (const s of state.signals.values()) {
    if (s.underlying !== state.symbol) continue;
    const time = markerTime(s, bars);
    if (time !== null) out.push({ signal: s, time });
  }
  return out.sort((a, b) => a.time - b.time || a.signal.id.localeCompare(b.signal.id));
}

function renderChart() {
  const bars = barsShown();
  const forming = formingShown(bars);
  const candle = (b) => ({ time: b.time, open: b.open, high: b.high, low: b.low, close: b.close });
  const formingCandle = forming && {
    ...candle(forming), color: '#8b95a7', wickColor: '#8b95a7', borderColor: '#d7dde8',
  };
  candles.setData([...bars.map(candle), ...(forming ? [formingCandle] : [])]);
  volume.setData([...bars, ...(forming ? [forming] : [])].map((b) => ({ time: b.time, value: b.volume, color: b.delta >= 0 ? '#26a69a66' : '#ef535066' })));
  const placed = signalsShown(bars);
  markers.setMarkers(placed.map(({ signal, time }) => ({
    time,
    position: signal.direction === 'LONG' ? 'belowBar' : 'aboveBar',
    shape: signal.direction === 'LONG' ? 'arrowUp' : 'arrowDown',
    color: COLORS[signal.direction],
    size: TIER_SIZE[signal.tier] || 1,
    id: signal.id,
    ...(signal.degraded ? { text: 'degraded' } : {}),
  })));
  const shown = `${state.symbol}|${state.timeframe}`;
  if (shown !== state.fitted && bars.length > 0) {
    chart.timeScale().fitContent();
    state.fitted = shown;
  }
  chartEl.dataset.bars = String(bars.length);
  chartEl.dataset.formingTime = forming ? String(forming.time) : '';
  chartEl.dataset.formingClose = forming ? String(forming.close) : '';
  chartEl.dataset.markers = String(placed.length);
  chartEl.dataset.symbol = state.symbol || '';
  chartEl.dataset.timeframe = state.timeframe;
}

function utc(seconds, withDate) {
  const iso = new Date(seconds * 1000).toISOString();
  return withDate ? iso.slice(0, 16).replace('T', ' ') : iso.slice(11, 16);
}

function age(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k === 'style') e.style.cssText = v; else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

function volumeBars(buy, sell, max, reverse) {
  const width = (v) => `${Math.round((v / max) * 90)}px`;
  const parts = [el('span', { class: 'bar buy', style: `width:${width(buy)}` }),
    el('span', { class: 'bar sell', style: `width:${width(sell)}` }),
    el('span', { class: 'num' }, `${buy} / ${sell}`)];
  return el('div', { class: 'bars', style: reverse ? 'justify-content:flex-end' : '' }, ...(reverse ? parts.reverse() : parts));
}

// The stamp of backup-source data: never to be mistaken for MBO-grade flow.
function degradedStamp(item) {
  const delay = item.delayMs == null ? '' : `, delayed ${Math.round(item.delayMs / 60000)} min`;
  return `DEGRADED · ${item.source}${delay} · estimated split`;
}

function renderLadder() {
  let ladder = state.ladders[state.symbol];
  if (!ladder) {
    ladder = Object.values(state.ladders).sort((a, b) => b.windowEnd - a.windowEnd)[0];
  }
  const body = $('ladder').querySelector('tbody');
  if (!ladder) {
    body.replaceChildren();
    $('ladder-empty').hidden = false;
    return;
  }
  $('ladder-empty').hidden = true;
  $('ladder-title').textContent =
    `Pressure ${ladder.underlying} · ${utc(ladder.windowStart)}–${utc(ladder.windowEnd)} UTC · all expirations`;
  $('ladder-title').classList.toggle('degraded', ladder.degraded);
  $('ladder-degraded').hidden = !ladder.degraded;
  $('ladder-degraded').textContent = ladder.degraded ? degradedStamp(ladder) : '';
  $('ladder').dataset.windowEnd = String(ladder.windowEnd);
  $('ladder').dataset.degraded = String(ladder.degraded);
  const max = Math.max(1, ...ladder.rows.flatMap((r) => [r.callBuy, r.callSell, r.putBuy, r.putSell]));
  body.replaceChildren(...ladder.rows.map((r) => el('tr', { 'data-strike': String(r.strike) },
    el('td', {}, volumeBars(r.callBuy, r.callSell, max, true)),
    el('td', { class: 'strike' }, String(r.strike)),
    el('td', {}, volumeBars(r.putBuy, r.putSell, max, false)))));
}

function renderSignals() {
  const latest = [...state.signals.values()].sort((a, b) => b.windowEnd - a.windowEnd || a.id.localeCompare(b.id)).slice(0, 25);
  $('signals-empty').hidden = latest.length > 0;
  $('signals').querySelector('tbody').replaceChildren(...latest.map((s) => el('tr', { 'data-id': s.id },
    el('td', {}, utc(s.windowEnd, true)),
    el('td', s.degraded ? { class: 'degraded', title: degradedStamp(s) } : {}, s.rawSymbol + (s.degraded ? ` (degraded, ${s.source})` : '')),
    el('td', { class: s.direction === 'LONG' ? 'long' : 'short' }, s.direction),
    el('td', {}, s.tier),
    el('td', {}, s.confidence.toFixed(3)),
    el('td', {}, s.action))));
}

const SVG = 'http://www.w3.org/2000/svg';

// A strategy's equity after each of its latest round trips, as a line from 0.
function sparkline(equity) {
  const width = 140;
  const height = 28;
  const points = [0, ...equity];
  const low = Math.min(...points);
  const high = Math.max(...points);
  const y = (v) => (high === low ? height / 2 : height - 2 - ((v - low) / (high - low)) * (height - 4));
  const x = (i) => (points.length === 1 ? 0 : (i / (points.length - 1)) * width);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('class', 'sparkline');
  const zero = document.createElementNS(SVG, 'line');
  zero.setAttribute('x1', '0'); zero.setAttribute('x2', String(width));
  zero.setAttribute('y1', String(y(0))); zero.setAttribute('y2', String(y(0)));
  zero.setAttribute('class', 'zero');
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', points.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' '));
  line.setAttribute('class', points[points.length - 1] >= 0 ? 'up' : 'down');
  svg.append(zero, line);
  return svg;
}

function usd(v) {
  return Math.round(v).toLocaleString('en-US');
}

function renderStrategies() {
  const all = [...state.strategies.values()].sort((a, b) => a.strategy.localeCompare(b.strategy));
  $('strategies-empty').hidden = all.length > 0;
  $('strategies').querySelector('tbody').replaceChildren(...all.map((s) => el('tr', { 'data-strategy': s.strategy },
    el('td', { title: s.profile || '' }, s.strategy),
    el('td', {}, String(s.roundTrips)),
    el('td', { class: s.netUsd >= 0 ? 'long' : 'short' }, usd(s.netUsd)),
    el('td', { class: 'per-trip' }, s.meanTradeStandardErrorUsd === null
      ? usd(s.meanTradeUsd) : `${usd(s.meanTradeUsd)} ± ${usd(s.meanTradeStandardErrorUsd)}`),
    el('td', {}, usd(s.maxDrawdownUsd)),
    el('td', { class: 'ratios', title: 'daily, annualised over 252 trading days' },
      `${fmt(s.dailySharpe, 2)} / ${fmt(s.dailySortino, 2)}`),
    el('td', {}, `${Math.round(s.hitRate * 100)} %`),
    el('td', { class: 'win-loss' }, `${usd(s.averageWinUsd)} / ${usd(s.averageLossUsd)}`),
    el('td', { class: 'exposure', title: 'share of the time since the first bar seen with a position open' },
      s.exposure === null ? '–' : `${Math.round(s.exposure * 100)} %`),
    el('td', { class: 'tiers' }, ...s.tiers.map((t) => el('div', { 'data-tier': t.tier },
      `${t.tier} ${t.roundTrips} · ${usd(t.netUsd)} · ${Math.round(t.hitRate * 100)} %`))),
    el('td', {}, sparkline(s.equity)),
    el('td', {}, utc(Math.floor(s.lastExitMs / 1000), true)))));
}

function fmt(v, digits, unit) {
  return v === null || v === undefined ? '–' : `${Number(v).toFixed(digits)}${unit || ''}`;
}

// Lags and latencies against this clock; a replay of sessions dated ahead of it has none to show.
function duration(ms) {
  if (ms === null || ms === undefined) return '–';
  return ms < 0 ? 'n/a (event time ahead of this clock)' : age(ms);
}

function renderHealth() {
  const h = state.health;
  const now = state.heartbeat ? state.heartbeat.serverTimeMs : Date.now();
  if (!h || (h.jobs.length === 0 && h.feeds.length === 0)) return;
  const blocks = h.jobs.map((j) => el('div', { 'data-job': j.job },
    el('h3', {}, j.job),
    el('dl', {},
      el('dt', {}, 'records/s'), el('dd', {}, fmt(j.recordsPerSecond, 0)),
      el('dt', {}, 'watermark lag'), el('dd', {}, duration(j.watermarkLagMs)),
      el('dt', {}, 'emit latency'), el('dd', {}, duration(j.emitLatencyMs)),
      el('dt', {}, 'last checkpoint'), el('dd', {}, j.lastCheckpointId === null ? '–'
        : `#${j.lastCheckpointId}, ${age(now - j.lastCheckpointAtMs)} ago`),
      el('dt', {}, 'late records'), el('dd', {}, String(j.lateRecords)),
      el('dt', {}, 'book anomalies'), el('dd', {}, String(j.bookAnomalies)),
      el('dt', {}, 'dead letters'), el('dd', {}, String(j.deadLetters)),
      el('dt', {}, 'signals'), el('dd', {}, Object.entries(j.signalsByTier).map(([t, n]) => `${t} ${n}`).join(', ') || '0'),
      el('dt', {}, 'last report'), el('dd', {}, `${age(now - j.lastReportAtMs)} ago`))));
  const feeds = h.feeds.map((f) => el('div', { 'data-feed': f.source },
    el('h3', { class: f.degraded ? 'degraded' : '' }, `feed ${f.source}${f.degraded ? ' (degraded)' : ''}`),
    el('dl', {},
      el('dt', {}, 'last event'), el('dd', {}, `${f.lastKind}, ${age(now - f.lastAtMs)} ago`),
      el('dt', {}, 'gaps'), el('dd', {}, String(f.gaps)))));
  $('health').replaceChildren(...blocks, ...feeds);
}

function renderStatus() {
  const status = $('status');
  const hb = state.heartbeat;
  const bars = barsShown();
  const last = bars[bars.length - 1];
  const now = hb ? hb.serverTimeMs : Date.now();
  const barAgeMs = last ? now - (last.time + last.interval) * 1000 : 0;
  const lastBar = !last ? 'no bars yet' : `last bar ${utc(last.time, true)} UTC, `
    + (barAgeMs < 0 ? 'ahead of this clock' : `${age(barAgeMs)} old`);
  const fallback = hb && hb.fallback ? ` ${hb.fallback}.` : '';
  let kind;
  let text;
  if (!state.connected) {
    kind = 'disconnected';
    text = `Disconnected from the dashboard service; retrying. Showing the last known data (${lastBar}).`;
  } else if (!hb || hb.mode === 'LOADING') {
    kind = 'loading';
    text = 'Loading recent history…';
  } else if (hb.mode === 'HISTORICAL') {
    kind = 'historical';
    const why = hb.kafkaProblem ? `${hb.kafkaProblem}; retrying.`
      : hb.lastLiveRecordAtMs === null ? 'Waiting for live data (the feed or the job is not running, or the market is closed).'
        : `No live data for ${age(hb.quietForMs)} (market closed, feed or job stopped).`;
    text = `HISTORICAL · ${why}${fallback} Showing the last known data: ${lastBar}.`;
  } else {
    kind = 'live';
    text = `Live · ${lastBar}`;
  }
  status.dataset.state = kind;
  status.textContent = text;
}

function renderAll() {
  pickSymbol();
  renderChart();
  renderLadder();
  renderSignals();
  renderStrategies();
  renderHealth();
  renderStatus();
  if (!state.rendered && state.heartbeat && state.heartbeat.mode !== 'LOADING') {
    state.rendered = true;
    window.instflowFirstRenderMs = performance.now();
    document.body.dataset.rendered = 'true';
  }
}

// ---- tooltip ----

chart.subscribeCrosshairMove((param) => {
  const tip = $('tooltip');
  if (!param.time || !param.point) { tip.hidden = true; return; }
  const here = signalsShown(barsShown()).filter((p) => p.time === param.time).map((p) => p.signal);
  if (here.length === 0) { tip.hidden = true; return; }
  tip.replaceChildren(...here.map((s) => el('div', {},
    el('strong', { class: s.direction === 'LONG' ? 'long' : 'short' }, `${s.direction} ${s.tier}`),
    ` ${s.rawSymbol} · confidence ${s.confidence.toFixed(3)} · ${s.action}`,
    ...(s.degraded ? [el('div', { class: 'degraded stamp' }, degradedStamp(s))] : []),
    el('div', {}, `components: significance ${s.components.significance.toFixed(2)}, trend ${s.components.trend.toFixed(2)}, `
      + `concentration ${s.components.concentration.toFixed(2)}, persistence ${s.components.persistence.toFixed(2)}`),
    el('ul', {}, ...s.reasons.map((r) => el('li', {}, r))))));
  tip.style.left = `${Math.min(param.point.x + 20, chartEl.clientWidth - 360)}px`;
  tip.style.top = `${param.point.y + 20}px`;
  tip.hidden = false;
});

// ---- controls and stream ----

for (const tf of Object.keys(TIMEFRAME_SECONDS)) {
  $(`tf-${tf}`).addEventListener('click', () => {
    state.timeframe = tf;
    document.querySelectorAll('.timeframes button').forEach((b) => b.classList.toggle('active', b.dataset.timeframe === tf));
    renderAll();
  });
}
$('symbol').addEventListener('change', (e) => {
  state.symbol = e.target.value;
  state.symbolChosen = true;
  renderAll();
});

const events = new EventSource('/api/events');
events.addEventListener('open', () => { state.connected = true; renderStatus(); });
events.addEventListener('error', () => { state.connected = false; renderStatus(); });
events.addEventListener('snapshot', (e) => { state.connected = true; applySnapshot(JSON.parse(e.data)); renderAll(); });
events.addEventListener('update', (e) => { applyUpdate(JSON.parse(e.data)); renderAll(); });
events.addEventListener('heartbeat', (e) => {
  state.connected = true;
  const previousMode = state.heartbeat && state.heartbeat.mode;
  state.heartbeat = { ...(state.heartbeat || {}), ...JSON.parse(e.data) };
  if (state.heartbeat.mode !== previousMode) {
    renderAll();
  } else {
    renderStatus();
    renderHealth();
  }
});
