// The Data tab: tick series of any boards (several boards on one chart to compare), watch them live,
// or look back over hours or weeks (drag or wheel to zoom, ◀ ▶ to pan: the hub answers with
// min/max/avg buckets for the visible range), download the shown range as CSV, and set how long the
// club keeps data and how often boards should measure.
import { ApiError } from '../api';
import { onLangChange, pick, t, translatePage } from '../i18n';
import './data.css';
import { TelemetryChart, palette } from './chart';
import { keyOf, telemetryApi, type BoardSeries, type LivePoints } from './telemetryApi';
import { TelemetryLive } from './telemetryLive';

const savedKeys = 'roboclub.data.keys';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(e, rest);
  if (dataset) Object.assign(e.dataset, dataset);
  e.append(...children);
  return e;
}

function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export function initDataTab(section: HTMLElement): void {
  const chartBox = el('div', { id: 'data-chart', className: 'rc-data-chart' });
  const seriesBox = el('div', { id: 'data-series', className: 'rc-data-series' });
  const status = el('span', { id: 'data-status', className: 'rc-data-status' });
  const liveButton = el('button', { id: 'data-live', className: 'active', dataset: { t: 'dataLive' } });
  const historyButton = el('button', { id: 'data-history', dataset: { t: 'dataHistory' } });
  const rangePicker = el('select', { id: 'data-range' },
    el('option', { value: '3600000', dataset: { t: 'dataLastHour' } }),
    el('option', { value: '86400000', dataset: { t: 'dataLastDay' } }),
    el('option', { value: '604800000', dataset: { t: 'dataLastWeek' } }),
    el('option', { value: 'custom', dataset: { t: 'dataCustom' } }));
  const from = el('input', { id: 'data-from', type: 'datetime-local' });
  const to = el('input', { id: 'data-to', type: 'datetime-local' });
  const left = el('button', { id: 'data-left', textContent: '◀' });
  const right = el('button', { id: 'data-right', textContent: '▶' });
  const csv = el('button', { id: 'data-csv', dataset: { t: 'dataCsv' } });
  const retention = el('input', { id: 'data-retention', type: 'number', min: '1' });
  const interval = el('input', { id: 'data-interval', type: 'number', min: '10' });
  const save = el('button', { id: 'data-save', dataset: { t: 'dataSave' } });
  const settingsNote = el('p', { className: 'rc-data-note', dataset: { t: 'dataIntervalNote' } });
  const historyOnly = [rangePicker, left, right];

  section.replaceChildren(
    el('aside', { className: 'rc-data-side' },
      el('h4', { dataset: { t: 'dataSeries' } }), seriesBox,
      el('h4', { dataset: { t: 'dataSettings' } }),
      el('label', {}, el('span', { dataset: { t: 'dataRetention' } }), retention),
      el('label', {}, el('span', { dataset: { t: 'dataInterval' } }), interval),
      save, settingsNote),
    el('div', { className: 'rc-data-main' },
      el('div', { className: 'rc-data-bar' }, liveButton, historyButton, rangePicker, from, to, left, right, csv, status),
      chartBox));

  const chart = new TelemetryChart(chartBox);
  const live = new TelemetryLive();
  let known: BoardSeries[] = [];
  let chosen: string[] = JSON.parse(localStorage.getItem(savedKeys) ?? 'null') ?? [];
  let firstList = localStorage.getItem(savedKeys) === null;
  let generation = 0;
  let listTimer = 0;

  const say = (text: string, error = false) => { status.textContent = text; status.classList.toggle('error', error); };
  const placeholders = () => { retention.placeholder = t('dataForever'); interval.placeholder = t('dataBoardDefault'); };

  function renderSeries(): void {
    seriesBox.replaceChildren(...(known.length === 0 ? [el('p', { className: 'rc-data-note', textContent: t('dataNoSeries') })] : known.map(b =>
      el('fieldset', {}, el('legend', { textContent: b.board }), ...b.series.map(s => {
        const key = keyOf(b.board, s.series);
        const box = el('input', { type: 'checkbox', checked: chosen.includes(key), dataset: { key } });
        box.onchange = () => choose(key, box.checked);
        const i = chosen.indexOf(key);
        const swatch = el('span', { className: 'rc-swatch' });
        if (i >= 0) swatch.style.background = palette[i % palette.length];
        return el('label', {}, box, swatch, s.series);
      })))));
  }

  async function refreshList(): Promise<void> {
    try { known = await telemetryApi.allSeries(); } catch { return; }
    if (firstList && chosen.length === 0 && known.length > 0) {
      // Nothing chosen yet on this device: the first board's series.
      firstList = false;
      chosen = known[0].series.map(s => keyOf(known[0].board, s.series));
      await applyKeys();
    }
    renderSeries();
  }

  function choose(key: string, on: boolean): void {
    chosen = on ? [...chosen.filter(k => k !== key), key] : chosen.filter(k => k !== key);
    firstList = false;
    localStorage.setItem(savedKeys, JSON.stringify(chosen));
    renderSeries();
    void applyKeys();
  }

  async function applyKeys(): Promise<void> {
    chart.setKeys(chosen);
    if (chart.getMode() === 'live') await loadRecent();
    else await loadHistory(...chart.visibleRange());
  }

  /** Live mode: what the hub stored in the window, then pushes keep it going. */
  async function loadRecent(): Promise<void> {
    const now = Date.now();
    await Promise.all(chosen.map(async key => {
      const [board, series] = key.split('/');
      try {
        const r = await telemetryApi.range(board, series, now - chart.windowMs, now + 1, 10000);
        chart.resetLive(key, r.points.length > 0 ? r.points : r.buckets.map(b => [b[0], b[3]]));
      } catch { /* the series may be gone */ }
    }));
  }

  async function loadHistory(a: number, b: number): Promise<void> {
    if (!(b > a)) return;
    const mine = ++generation;
    say(t('dataLoading'));
    const width = Math.max(200, Math.min(2000, chartBox.clientWidth || 1000));
    try {
      const answers = await Promise.all(chosen.map(key => {
        const [board, series] = key.split('/');
        return telemetryApi.range(board, series, a, b, width);
      }));
      if (mine !== generation) return;
      chart.setHistory(answers, a, b);
      from.value = toLocalInput(a);
      to.value = toLocalInput(b);
      const buckets = answers.some(x => x.bucketMs > 0);
      say(`${chart.pointCount()} ${buckets ? t('dataBuckets') : t('dataPoints')}`);
    } catch (e) {
      say(e instanceof ApiError ? pick(e.body.error) : String(e), true);
    }
  }

  function setMode(mode: 'live' | 'history'): void {
    liveButton.classList.toggle('active', mode === 'live');
    historyButton.classList.toggle('active', mode === 'history');
    for (const c of historyOnly) c.disabled = mode === 'live';
    from.disabled = to.disabled = mode === 'live';
    chart.setMode(mode);
    chart.setKeys(chosen);
    say('');
    if (mode === 'live') void loadRecent();
    else pickRange();
  }

  function pickRange(): void {
    if (rangePicker.value === 'custom') {
      const a = Date.parse(from.value), b = Date.parse(to.value);
      if (Number.isFinite(a) && Number.isFinite(b) && b > a) void loadHistory(a, b);
      return;
    }
    const now = Date.now();
    void loadHistory(now - Number(rangePicker.value), now);
  }

  function download(): void {
    if (chosen.length === 0) { say(t('dataChooseFirst'), true); return; }
    const [a, b] = chart.visibleRange();
    const link = el('a', { href: telemetryApi.csvUrl(chosen, a, b), download: '' });
    document.body.append(link);
    link.click();
    link.remove();
  }

  async function loadSettings(): Promise<void> {
    try {
      const s = await telemetryApi.settings();
      retention.value = s.retentionDays?.toString() ?? '';
      interval.value = s.sampleIntervalMs?.toString() ?? '';
    } catch { /* shown as empty */ }
  }

  async function saveSettings(): Promise<void> {
    const number = (input: HTMLInputElement) => input.value.trim() === '' ? null : Number(input.value);
    try {
      await telemetryApi.saveSettings(number(retention), number(interval));
      say(t('dataSaved'));
    } catch (e) {
      say(e instanceof ApiError ? pick(e.body.error) : String(e), true);
    }
  }

  liveButton.onclick = () => setMode('live');
  historyButton.onclick = () => setMode('history');
  rangePicker.onchange = () => { if (rangePicker.value !== 'custom') pickRange(); };
  from.onchange = to.onchange = () => { rangePicker.value = 'custom'; pickRange(); };
  left.onclick = () => chart.pan(-0.5);
  right.onclick = () => chart.pan(0.5);
  csv.onclick = download;
  save.onclick = () => void saveSettings();
  chart.onRangeChange = (a, b) => void loadHistory(a, b);
  live.onPoints = (batch: LivePoints[]) => {
    let unknown = false;
    for (const p of batch) {
      chart.addLive(keyOf(p.board, p.series), p.points);
      if (!known.some(b => b.board === p.board && b.series.some(s => s.series === p.series))) unknown = true;
    }
    if (unknown && !listTimer) listTimer = window.setTimeout(() => { listTimer = 0; void refreshList(); }, 1000);
  };
  live.onState = up => { if (!up) say(t('connectionLost'), true); else if (status.classList.contains('error')) say(''); };
  live.onConnected = () => { void refreshList(); if (chart.getMode() === 'live') void loadRecent(); };
  onLangChange(() => { translatePage(section); placeholders(); renderSeries(); });

  translatePage(section);
  placeholders();
  setMode('live');
  chart.setKeys(chosen);
  // The live connection (every board's points, 5 pushes a second) starts when the tab is first opened,
  // so a tablet that only edits programs does not receive it.
  let started = false;
  const startOnce = () => {
    if (started || section.hidden) return;
    started = true;
    void loadSettings();
    void live.start();
  };
  new MutationObserver(startOnce).observe(section, { attributes: true, attributeFilter: ['hidden'] });
  startOnce();
  (window as unknown as Record<string, unknown>).rcData = {
    pointCount: () => chart.pointCount(),
    keys: () => [...chosen],
    range: () => chart.visibleRange(),
    mode: () => chart.getMode(),
    drop: () => live.drop(),
  };
}
