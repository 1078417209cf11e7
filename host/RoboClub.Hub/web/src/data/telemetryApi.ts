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
/** Another club's data (a regional hub only, host/RoboClub.Hub/Forwarding/README.md); nothing: the hub's own club. */
const clubPart = (club: string | null | undefined, first: boolean) => club ? `${first ? '?' : '&'}club=${seg(club)}` : '';

/** A club whose stations a regional hub shows (GET /api/regional/clubs). */
export interface RegionalClub { club: string; own: boolean; boards: string[]; batches: number; samples: number; lastBatch: string | null }

export const telemetryApi = {
  allSeries: (club?: string | null) => get<BoardSeries[]>(`/api/telemetry/series${clubPart(club, true)}`),
  latest: (board: string, club?: string | null) => get<LatestValue[]>(`/api/telemetry/${seg(board)}/latest${clubPart(club, true)}`),
  range: (board: string, series: string, from: number, to: number, maxPoints: number, club?: string | null) =>
    get<RangeAnswer>(`/api/telemetry/${seg(board)}/${seg(series)}?from=${Math.floor(from)}&to=${Math.ceil(to)}&maxPoints=${Math.max(1, Math.min(10000, Math.round(maxPoints)))}${clubPart(club, false)}`),
  regionalClubs: () => get<RegionalClub[]>('/api/regional/clubs'),
  csvUrl: (keys: string[], from: number, to: number) =>
    `/api/telemetry/csv?from=${Math.max(0, Math.floor(from))}&to=${Math.ceil(to)}&series=${keys.map(seg).join(',')}`,
  settings: () => get<TelemetrySettings>('/api/telemetry/settings'),
  saveSettings: (retentionDays: number | null, sampleIntervalMs: number | null) => get<TelemetrySettings>('/api/telemetry/settings', {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ retentionDays, sampleIntervalMs }),
  }),
};

/** "board/series", the key of a series across boards (also the CSV endpoint's `series` form). */
export const keyOf = (board: string, series: string) => `${board}/${series}`;
