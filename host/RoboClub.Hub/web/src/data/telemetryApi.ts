// The hub's telemetry endpoints (host/RoboClub.Hub/Api/TelemetryApi.cs, docs/hub.md).
import { ApiError } from '../api';

export interface SeriesInfo { series: string; firstMs: number; lastMs: number; count: number }
export interface BoardSeries { board: string; series: SeriesInfo[] }
export interface LatestValue { series: string; timeMs: number; value: number }
/** points: [[tMs, v]]; buckets: [[startMs, min, max, avg, count]] (one of them is empty). */
export interface RangeAnswer { board: string; series: string; from: number; to: number; bucketMs: number; points: number[][]; buckets: number[][] }
export interface TelemetrySettings {
  retentionDays: number | null; sampleIntervalMs: number | null;
  minSampleIntervalMs: number; maxSampleIntervalMs: number; maxRetentionDays: number; boardsApplyInterval: boolean;
}
/** One "telemetry" live push holds a list of these. */
export interface LivePoints { board: string; series: string; points: number[][] }

async function get<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) throw new ApiError(response.status, json);
  return json as T;
}

const seg = encodeURIComponent;

export const telemetryApi = {
  allSeries: () => get<BoardSeries[]>('/api/telemetry/series'),
  latest: (board: string) => get<LatestValue[]>(`/api/telemetry/${seg(board)}/latest`),
  range: (board: string, series: string, from: number, to: number, maxPoints: number) =>
    get<RangeAnswer>(`/api/telemetry/${seg(board)}/${seg(series)}?from=${Math.floor(from)}&to=${Math.ceil(to)}&maxPoints=${Math.max(1, Math.min(10000, Math.round(maxPoints)))}`),
  csvUrl: (keys: string[], from: number, to: number) =>
    `/api/telemetry/csv?from=${Math.max(0, Math.floor(from))}&to=${Math.ceil(to)}&series=${keys.map(seg).join(',')}`,
  settings: () => get<TelemetrySettings>('/api/telemetry/settings'),
  saveSettings: (retentionDays: number | null, sampleIntervalMs: number | null) => get<TelemetrySettings>('/api/telemetry/settings', {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ retentionDays, sampleIntervalMs }),
  }),
};

/** "board/series", the key of a series across boards (also the CSV endpoint's `series` form). */
export const keyOf = (board: string, series: string) => `${board}/${series}`;
