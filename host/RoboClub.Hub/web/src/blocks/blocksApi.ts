// The hub's /api/blocks endpoints (host/RoboClub.Hub/Api/BlocksApi.cs): block definitions and toolboxes from the
// compiler's catalog, blocks → C# (with the block map) and C# → blocks (with notes for what stays text).
import type { Message } from '../api';
import type { BlockSpan } from './blockMap';

export type BoardKind = 'robot' | 'weather';

export interface ToCSharpResult {
  code: string;
  map: BlockSpan[];
  problems: Array<{ blockId: string | null } & Message>;
  variableNames: Record<string, string>;
  variableTypes: Record<string, string>;
}

export interface FromCSharpResult {
  workspace: object;
  notes: Array<{ line: number; column: number; length: number } & Message>;
}

async function json<T>(response: Response): Promise<T> {
  const body = await response.json();
  if (!response.ok) throw new Error(body?.error?.en ?? `HTTP ${response.status}`);
  return body as T;
}

const post = (url: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

export const blocksApi = {
  definitions: (lang: string) => fetch(`/api/blocks/definitions?lang=${lang}`).then(r => json<Array<Record<string, unknown>>>(r)),
  toolbox: (kind: BoardKind, lang: string) => fetch(`/api/blocks/toolbox?kind=${kind}&lang=${lang}`).then(r => json<object>(r)),
  toCSharp: (workspace: object) => post('/api/blocks/to-csharp', JSON.stringify(workspace)).then(r => json<ToCSharpResult>(r)),
  fromCSharp: (source: string) => post('/api/blocks/from-csharp', JSON.stringify({ source })).then(r => json<FromCSharpResult>(r)),
};
