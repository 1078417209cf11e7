// The flashing wizard's REST API (host/RoboClub.Hub/Api/FlashingApi.cs, docs/flashing.md).
import { ApiError, type Message } from '../api';

export interface Diagnosis { id: string; problem: Message; fix: Message; link: string | null; port: string | null }
export interface FlashingStatus {
  nanoffFound: boolean; nanoffCommand: string | null; nanoffMessage: Message; appImage: string; appImagePresent: boolean;
  archiveDirectory: string; archiveFiles: number; hubHost: string; mqttPort: number; club: string; os: string; lan: boolean;
}
export interface PortView {
  path: string; usbId: string; chip: string | null; serialNumber: string | null; product: string | null; driver: string | null;
  looksLikeBoard: boolean; diagnoses: Diagnosis[];
}
export type BatchState = 'idle' | 'preparing' | 'waitingForBoard' | 'flashing' | 'waitingOnline' | 'problem' | 'unplug' | 'done' | 'stopped';
export interface BatchBoard { name: string; port: string; chip: string | null; mac: string | null; online: boolean }
export interface BatchView {
  state: BatchState; running: boolean; profile: string | null; club: string | null; count: number | null;
  board: string | null; port: string | null; step: number; percent: number; message: Message | null;
  failure: { code: string; problem: Message; fix: Message; retried: boolean } | null;
  diagnoses: Diagnosis[]; done: BatchBoard[]; log: string[]; version: number;
}
export interface InventoryBoard {
  name: string; club: string; profile: string; chip: string | null; mac: string | null; usbId: string | null; usbSerial: string | null;
  firmware: string | null; appHash: string | null; mqttUser: string; provisionedAt: string; firstOnline: string | null;
}
export interface BatchRequest {
  profile: Kit; club: string; wifiSsid: string; wifiPassword: string; count: number | null; includePresent: boolean; target: string | null;
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) throw new ApiError(response.status, json);
  return json as T;
}

export const flashApi = {
  status: () => call<FlashingStatus>('GET', '/api/flashing/status'),
  installNanoff: () => call<{ ok: boolean; message: Message }>('POST', '/api/flashing/nanoff/install', {}),
  updateArchive: () => call<{ ok: boolean; message: Message }>('POST', '/api/flashing/archive', {}),
  ports: () => call<PortView[]>('GET', '/api/flashing/ports'),
  batch: () => call<BatchView>('GET', '/api/flashing/batch'),
  start: (request: BatchRequest) => call<BatchView>('POST', '/api/flashing/batch', request),
  act: (action: 'retry' | 'skip' | 'help' | 'stop') => call<BatchView>('POST', `/api/flashing/batch/${action}`, {}),
  inventory: () => call<InventoryBoard[]>('GET', '/api/flashing/inventory'),
  labelsUrl: (boards: string[], lang: string) => `/api/flashing/labels?lang=${lang}${boards.length ? `&boards=${boards.map(encodeURIComponent).join(',')}` : ''}`,
};

/** The kits a board can be flashed as: the firmware's profile names (BoardProfiles.Names, docs/boards.md), written to roboclub.json. */
export const kits = ['robot-tb6612', 'robot-l298n', 'weather-bme280', 'weather-dht22'] as const;
export type Kit = typeof kits[number];
/** The kit chosen when nothing else is: a robot with the TB6612FNG driver. */
export const defaultKit: Kit = 'robot-tb6612';
