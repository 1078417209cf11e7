// One uPlot chart of several series (any boards: compare them on one chart). Live mode keeps a
// rolling window of pushed points; history mode draws what the hub returned for a range: raw points,
// or buckets as an average line inside a min–max band. Drag to zoom, wheel to zoom, ◀ ▶ to pan
// (the tab refetches buckets for the visible range).
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RangeAnswer } from './telemetryApi';

export const palette = ['#2d6cdf', '#d63b3b', '#2f9e55', '#e08a00', '#8a4fd8', '#0f9aa8', '#c2408f', '#6b7a00', '#444c5c', '#b5651d'];

interface LiveSeries { t: number[]; v: number[] }

const two = (n: number) => String(n).padStart(2, '0');

/** 24-hour labels, one line: 14:05:30 for short ranges, 14:05 for hours, 21.11 14:00 for days (no US dates). */
function timeLabels(u: uPlot, splits: number[]): string[] {
  const x = u.scales.x;
  const span = (x.max ?? 0) - (x.min ?? 0);
  return splits.map(ms => {
    const d = new Date(ms);
    const hm = `${two(d.getHours())}:${two(d.getMinutes())}`;
    if (span <= 10 * 60_000) return `${hm}:${two(d.getSeconds())}`;
    if (span <= 36 * 3_600_000) return hm;
    return `${two(d.getDate())}.${two(d.getMonth() + 1)} ${hm}`;
  });
}

export class TelemetryChart {
  private plot: uPlot | null = null;
  private keys: string[] = [];
  private mode: 'live' | 'history' = 'live';
  private readonly liveData = new Map<string, LiveSeries>();
  private history: RangeAnswer[] = [];
  private shown: [number, number] = [0, 0];
  private frame = 0;
  private rangeTimer = 0;
  private quiet = false;
  /** Live window length. */
  windowMs = 5 * 60_000;
  /** History mode: the user zoomed or panned to [from, to]. */
  onRangeChange: (from: number, to: number) => void = () => {};

  constructor(private readonly el: HTMLElement, private readonly options: { big?: boolean } = {}) {
    new ResizeObserver(() => this.resize()).observe(el);
  }

  /** Which series ("board/series") the chart shows; rebuilds the chart. */
  setKeys(keys: string[]): void {
    this.keys = [...keys];
    this.build();
  }

  setMode(mode: 'live' | 'history'): void {
    this.mode = mode;
    this.build();
  }

  getMode(): 'live' | 'history' { return this.mode; }

  /** Live points (any keys; those not shown are kept too, so ticking a box shows its recent past). */
  addLive(key: string, points: number[][]): void {
    let s = this.liveData.get(key);
    if (!s) this.liveData.set(key, s = { t: [], v: [] });
    for (const [t, v] of points) {
      // Out-of-order points (a board catching up after an outage) are put in place.
      if (s.t.length === 0 || t > s.t[s.t.length - 1]) { s.t.push(t); s.v.push(v); }
      else {
        let i = s.t.length;
        while (i > 0 && s.t[i - 1] > t) i--;
        if (s.t[i - 1] === t) continue;
        s.t.splice(i, 0, t); s.v.splice(i, 0, v);
      }
    }
    const cut = Date.now() - this.windowMs * 2;
    let drop = 0;
    while (drop < s.t.length && s.t[drop] < cut) drop++;
    if (drop > 0) { s.t.splice(0, drop); s.v.splice(0, drop); }
    if (this.mode === 'live' && this.keys.includes(key)) this.schedule();
  }

  /** Replaces the live points of a key (after a (re)connection: what the hub stored). */
  resetLive(key: string, points: number[][]): void {
    this.liveData.delete(key);
    this.addLive(key, points);
  }

  /** History answers (one per key, in key order) for [from, to). */
  setHistory(answers: RangeAnswer[], from: number, to: number): void {
    this.history = answers;
    this.shown = [from, to];
    if (this.mode !== 'history' || !this.plot) return;
    this.quiet = true;
    this.plot.setData(this.data(), false);
    this.plot.setScale('x', { min: from, max: to });
    this.quiet = false;
    this.el.dataset.points = String(this.pointCount());
  }

  /** The time range on screen. */
  visibleRange(): [number, number] {
    const x = this.plot?.scales.x;
    if (x && x.min != null && x.max != null) return [x.min, x.max];
    return this.mode === 'live' ? [Date.now() - this.windowMs, Date.now()] : this.shown;
  }

  /** Moves the visible range by a fraction of its width (history mode). */
  pan(fraction: number): void {
    const [a, b] = this.visibleRange();
    const d = (b - a) * fraction;
    this.plot?.setScale('x', { min: a + d, max: b + d });
  }

  /** Points drawn (live points in the window, or history points and buckets): for tests and the status line. */
  pointCount(): number {
    if (this.mode === 'history') return this.history.reduce((n, a) => n + a.points.length + a.buckets.length, 0);
    return this.keys.reduce((n, k) => n + (this.liveData.get(k)?.t.length ?? 0), 0);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (!this.plot || this.mode !== 'live') return;
      this.plot.setData(this.data());
      // The window, or less while there is less data (so a new series is not a dot at the right edge).
      const now = Date.now();
      const first = Math.min(...this.keys.map(k => this.liveData.get(k)?.t[0] ?? now));
      const span = Math.min(this.windowMs, Math.max(30_000, now - first));
      this.plot.setScale('x', { min: now - span, max: now });
      this.el.dataset.points = String(this.pointCount());
    });
  }

  private data(): uPlot.AlignedData {
    const tables: uPlot.AlignedData[] = this.keys.map((key, i) => {
      if (this.mode === 'live') {
        const s = this.liveData.get(key) ?? { t: [], v: [] };
        const nulls = new Array<null>(s.t.length).fill(null);
        return [s.t, s.v, nulls, nulls] as uPlot.AlignedData;
      }
      const a = this.history[i];
      if (!a) return [[], [], [], []] as uPlot.AlignedData;
      if (a.buckets.length > 0) {
        // A bucket is drawn at its middle.
        const half = a.bucketMs / 2;
        return [a.buckets.map(b => b[0] + half), a.buckets.map(b => b[3]), a.buckets.map(b => b[1]), a.buckets.map(b => b[2])] as uPlot.AlignedData;
      }
      const nulls = new Array<null>(a.points.length).fill(null);
      return [a.points.map(p => p[0]), a.points.map(p => p[1]), nulls, nulls] as uPlot.AlignedData;
    });
    if (tables.length === 0) return [[]];
    return tables.length === 1 ? tables[0] : uPlot.join(tables);
  }

  private build(): void {
    this.plot?.destroy();
    this.plot = null;
    this.el.replaceChildren();
    const big = this.options.big === true;
    const series: uPlot.Series[] = [{}];
    const bands: uPlot.Band[] = [];
    this.keys.forEach((key, i) => {
      const colour = palette[i % palette.length];
      series.push({ label: key, stroke: colour, width: big ? 3 : 2, spanGaps: true }); // uPlot draws dots too when points are sparse
      series.push({ label: 'min', stroke: colour + '55', width: 1, spanGaps: true, show: this.mode === 'history', points: { show: false } });
      series.push({ label: 'max', stroke: colour + '55', width: 1, spanGaps: true, show: this.mode === 'history', points: { show: false } });
      if (this.mode === 'history') bands.push({ series: [3 + 3 * i, 2 + 3 * i], fill: colour + '22' });
    });
    const axisFont = big ? '16px system-ui' : '12px system-ui';
    const { width, height } = this.size();
    this.plot = new uPlot({
      width, height, ms: 1,
      series, bands,
      scales: { x: { time: true } },
      axes: [{ font: axisFont, stroke: '#333', size: big ? 44 : 36, values: timeLabels }, { font: axisFont, stroke: '#333', size: big ? 70 : 55 }],
      legend: { show: !big },
      cursor: { drag: { x: this.mode === 'history', y: false } },
      hooks: {
        setScale: [(u: uPlot, scale: string) => {
          if (scale !== 'x' || this.quiet || this.mode !== 'history') return;
          const { min, max } = u.scales.x;
          if (min == null || max == null || !(max > min) || this.shown[1] <= this.shown[0]) return;
          // uPlot also reports the range it was just given (at creation and after setData): not a user's zoom.
          if (Math.abs(min - this.shown[0]) < 1 && Math.abs(max - this.shown[1]) < 1) return;
          clearTimeout(this.rangeTimer);
          this.rangeTimer = window.setTimeout(() => this.onRangeChange(min, max), 150);
        }],
      },
    }, this.data(), this.el);
    // Wheel zoom around the cursor (history mode).
    this.plot.over.addEventListener('wheel', e => {
      if (this.mode !== 'history' || !this.plot) return;
      e.preventDefault();
      const [a, b] = this.visibleRange();
      const at = this.plot.posToVal(e.offsetX, 'x');
      const f = e.deltaY > 0 ? 1.4 : 1 / 1.4;
      this.plot.setScale('x', { min: at - (at - a) * f, max: at + (b - at) * f });
    }, { passive: false });
    if (this.mode === 'history' && this.shown[1] > this.shown[0]) {
      this.quiet = true;
      this.plot.setScale('x', { min: this.shown[0], max: this.shown[1] });
      this.quiet = false;
    }
    this.el.dataset.points = String(this.pointCount());
  }

  private size(): { width: number; height: number } {
    // The element has no padding (see data.css/kiosk.css): its client size is the room the chart may take.
    const legend = this.options.big ? 0 : 40;
    return { width: Math.max(200, this.el.clientWidth), height: Math.max(160, this.el.clientHeight - legend) };
  }

  private resize(): void { this.plot?.setSize(this.size()); }
}
