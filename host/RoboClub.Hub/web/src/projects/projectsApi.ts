// The hub's children and projects API (host/RoboClub.Hub/Projects/README.md).

export interface Colour { key: string; en: string; ro: string; hex: string }
export interface Child { id: number; name: string; colour: string; createdAt: string; projects: number }
export interface ProjectSummary { id: number; childId: number; name: string; boardKind: 'robot' | 'weather'; mode: 'blocks' | 'csharp'; createdAt: string; updatedAt: string; version: number; revision: number }
/** workspace: Blockly's workspace JSON as text ("" for none). */
export interface Project extends ProjectSummary { workspace: string; source: string }
export interface Version { number: number; startedAt: string; savedAt: string; origin: string; mode: string; workspaceBytes: number; sourceChars: number }
/** What the editor saves; workspace left out when there are no blocks (the hub wants JSON or nothing). */
export interface Content { workspace?: string; source: string; mode: 'blocks' | 'csharp' }

export class HubError extends Error {
  constructor(readonly status: number, readonly en: string, readonly ro: string) { super(en); }
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new HubError(response.status, json?.error?.en ?? `HTTP ${response.status}`, json?.error?.ro ?? `HTTP ${response.status}`);
  return json as T;
}

export const projectsApi = {
  colours: () => call<Colour[]>('GET', '/api/children/colours'),
  children: () => call<Child[]>('GET', '/api/children'),
  addChild: (name: string, colour: string, code: string) => call<Child>('POST', '/api/children', { name, colour, code }),
  projects: (childId: number) => call<ProjectSummary[]>('GET', `/api/children/${childId}/projects`),
  create: (childId: number, name: string, boardKind: string, content: Content) =>
    call<Project>('POST', `/api/children/${childId}/projects`, { name, boardKind, ...content }),
  get: (id: number) => call<Project>('GET', `/api/projects/${id}`),
  save: (id: number, content: Content, baseRevision: number) =>
    call<{ outcome: string; project: Project }>('PUT', `/api/projects/${id}`, { ...content, baseRevision }),
  rename: (id: number, name: string) => call<Project>('POST', `/api/projects/${id}/rename`, { name }),
  duplicate: (id: number, lang: string) => call<Project>('POST', `/api/projects/${id}/duplicate?lang=${lang}`, {}),
  remove: (id: number) => call<void>('DELETE', `/api/projects/${id}`),
  versions: (id: number) => call<Version[]>('GET', `/api/projects/${id}/versions`),
  restoreVersion: (id: number, n: number) => call<{ outcome: string; project: Project }>('POST', `/api/projects/${id}/versions/${n}/restore`, {}),
  exportUrl: (id: number) => `/api/projects/${id}/export`,
  importFile: async (childId: number, file: File) => {
    const response = await fetch(`/api/children/${childId}/projects/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: await file.text() });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new HubError(response.status, json?.error?.en ?? 'import failed', json?.error?.ro ?? 'importul nu a reușit');
    return json as Project;
  },
};
