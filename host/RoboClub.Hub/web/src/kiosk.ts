// The kiosk (kiosk.html?board=station-1): a full-screen page for science fairs. Big current values of
// one board, a live chart, a QR code that opens the same read-only page on a visitor's phone. Nothing
// can be edited or sent from here. The connection comes back by itself; after it does, the page
// fetches what it missed. On a regional hub, kiosk.html?region=1 lists every participating station
// and kiosk.html?club=arad&board=station-1 shows another club's station (forwarded data: no live
// pushes, so the page fetches again every 30 s).
import './data/kiosk.css';
import { defaultLang, lang, setLang, t } from './i18n';
import { TelemetryChart, palette } from './data/chart';
import { keyOf, telemetryApi, type LatestValue, type LivePoints } from './data/telemetryApi';
import { TelemetryLive } from './data/telemetryLive';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const query = new URLSearchParams(location.search);
const phone = query.get('phone') === '1';
const windowMs = 10 * 60_000;

const chart = new TelemetryChart($('kiosk-chart'), { big: true });
chart.windowMs = windowMs;
const live = new TelemetryLive();
const tiles = new Map<string, HTMLElement>();
let board = query.get('board') ?? '';
const club = query.get('club'); // another club's station on a regional hub; null: the hub's own club
let series: string[] = [];
let reconnects = 0;
let connectedOnce = false;

function format(v: number): string {
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return v.toLocaleString(lang() === 'ro' ? 'ro-RO' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function renderTiles(): void {
  const box = $('kiosk-values');
  tiles.clear();
  box.replaceChildren(...series.map((s, i) => {
    const value = document.createElement('div');
    value.className = 'rc-kiosk-value';
    value.textContent = '–';
    const name = document.createElement('div');
    name.className = 'rc-kiosk-name';
    name.textContent = s;
    const tile = document.createElement('div');
    tile.className = 'rc-kiosk-tile';
    tile.dataset.series = s;
    tile.style.borderTopColor = palette[i % palette.length];
    tile.append(value, name);
    tiles.set(s, value);
    return tile;
  }));
  if (series.length === 0) {
    const p = document.createElement('p');
    p.className = 'rc-kiosk-wait';
    p.textContent = t('kioskWaiting');
    box.append(p);
  }
}

function show(s: string, v: number): void {
  const tile = tiles.get(s);
  if (tile) tile.textContent = format(v);
}

/** Everything from the hub: the board's series, latest values and the last 10 minutes. */
async function refetch(): Promise<void> {
  const all = await telemetryApi.allSeries(club);
  if (!board && all.length > 0) board = all[0].board;
  $('kiosk-board').textContent = club ? `${club} · ${board}` : board;
  const mine = all.find(b => b.board === board)?.series.map(s => s.series) ?? [];
  if (mine.join('\n') !== series.join('\n')) {
    series = mine;
    renderTiles();
    chart.setKeys(series.map(s => keyOf(board, s)));
  }
  if (!board) return;
  const latest: LatestValue[] = await telemetryApi.latest(board, club);
  for (const l of latest) show(l.series, l.value);
  const now = Date.now();
  await Promise.all(series.map(async s => {
    const r = await telemetryApi.range(board, s, now - windowMs, now + 1, 10000, club);
    chart.resetLive(keyOf(board, s), r.points.length > 0 ? r.points : r.buckets.map(b => [b[0], b[3]]));
  }));
  document.body.dataset.points = String(chart.pointCount());
}

function onPoints(batch: LivePoints[]): void {
  if (club) return; // live pushes carry the hub's own club only
  let unknown = false;
  for (const p of batch) {
    if (board && p.board !== board) continue;
    if (!board) { unknown = true; continue; }
    if (!series.includes(p.series)) { unknown = true; continue; }
    chart.addLive(keyOf(p.board, p.series), p.points);
    const last = p.points[p.points.length - 1];
    if (last) show(p.series, last[1]);
  }
  document.body.dataset.points = String(chart.pointCount());
  if (unknown) void refetch();
}

function setLink(up: boolean): void {
  $('kiosk-link').dataset.state = up ? 'up' : 'down';
  const notice = $('kiosk-notice');
  notice.textContent = up ? '' : t('connectionLost');
  notice.hidden = up;
}

/** The stations of the region: one link per club and board, each opening that station's kiosk. */
async function renderRegion(): Promise<void> {
  $('kiosk-board').textContent = t('kioskRegion');
  $('kiosk-chart').hidden = true;
  const clubs = await telemetryApi.regionalClubs();
  $('kiosk-values').replaceChildren(...clubs.flatMap(c => c.boards.map(b => {
    const link = document.createElement('a');
    link.className = 'rc-kiosk-tile rc-kiosk-station';
    link.dataset.station = `${c.club}/${b}`;
    link.href = `/kiosk.html?board=${encodeURIComponent(b)}${c.own ? '' : `&club=${encodeURIComponent(c.club)}`}`;
    const name = document.createElement('div');
    name.className = 'rc-kiosk-value';
    name.textContent = b;
    const where = document.createElement('div');
    where.className = 'rc-kiosk-name';
    where.textContent = c.club;
    link.append(name, where);
    return link;
  })));
  document.body.dataset.ready = 'true';
}

async function start(): Promise<void> {
  if (query.get('lang') === 'ro' || query.get('lang') === 'en') setLang(query.get('lang') as 'ro' | 'en', false);
  else {
    try { defaultLang((await (await fetch('/api/hub')).json() as { lang: string | null }).lang); } catch { /* keep the browser's */ }
  }
  document.documentElement.lang = lang();
  document.title = `RoboClub – ${t('kioskTitle')}`;
  $('kiosk-full').textContent = t('kioskFull');
  $('kiosk-full').onclick = () => void document.documentElement.requestFullscreen?.().catch(() => undefined);
  if (phone) document.body.classList.add('rc-kiosk-phone');
  chart.setMode('live');
  if (query.get('region') === '1') { await renderRegion(); return; }
  renderTiles();
  if (club) window.setInterval(() => void refetch().catch(() => undefined), 30_000);
  try { await refetch(); } catch { /* the live connection's first success fetches again */ }
  if (!phone && board) {
    const path = `/kiosk.html?board=${encodeURIComponent(board)}${club ? `&club=${encodeURIComponent(club)}` : ''}&phone=1`;
    const img = $<HTMLImageElement>('kiosk-qr-img');
    img.onload = () => { $('kiosk-qr').hidden = false; };
    img.src = `/api/hub/qr.svg?path=${encodeURIComponent(path)}`; // 404 when the hub is local only: stays hidden
    $('kiosk-qr-text').textContent = t('kioskScan');
  }
  const tick = () => { $('kiosk-clock').textContent = new Date().toLocaleTimeString(lang() === 'ro' ? 'ro-RO' : 'en-GB', { hour: '2-digit', minute: '2-digit' }); };
  tick();
  window.setInterval(tick, 10_000);
  live.onPoints = onPoints;
  live.onState = setLink;
  live.onConnected = () => {
    if (connectedOnce) { reconnects++; void refetch().catch(() => undefined); }
    connectedOnce = true;
    document.body.dataset.reconnects = String(reconnects);
  };
  (window as unknown as Record<string, unknown>).rcKiosk = {
    pointCount: () => chart.pointCount(),
    reconnects: () => reconnects,
    drop: () => live.drop(),
  };
  await live.start();
  document.body.dataset.ready = 'true';
}

void start();
