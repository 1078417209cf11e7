// The hub's lessons API (host/RoboClub.Hub/Api/LessonsApi.cs, format in lessons/README.md).
import type { Diagnostic, Message } from '../api';

export interface LessonSummary { id: string; track: 'weather' | 'robot'; slug: string; number: number; title: string; duration: number; board: 'robot' | 'weather'; goals: string[] }
export interface LessonList { tracks: Array<{ track: 'weather' | 'robot'; lessons: LessonSummary[] }>; problems: string[] }
export interface LessonStep { title: string; html: string; blocks: string[]; toolbox: unknown }
export interface Lesson extends LessonSummary {
  hardware: string[]; profile: string; introHtml: string; steps: LessonStep[]; wiringHtml: string; starter: string; remote: string[];
}
export interface Progress { lesson: string; finished: boolean; checks: number; finishedAt: string | null; lastCheckAt: string }
export interface GoalAnswer { kind: string; passed: boolean; asked: Message; detail: Message; hint: Message | null }
export interface CheckAnswer {
  compiled: boolean; passed: boolean; goals: GoalAnswer[]; diagnostics: Diagnostic[];
  runtimeError: { code: string; line: number; column: number; message: Message } | null;
  simulatedSeconds: number; output: string[]; robot: Record<string, unknown> | null; arena: unknown; progress: Progress | null;
}
export interface ClassProgress {
  lessons: Array<{ id: string; track: string; number: number; title: Message }>;
  children: Array<{ id: number; name: string; colour: string; lessons: Progress[] }>;
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json?.error?.en ?? `HTTP ${response.status}`, { cause: json?.error });
  return json as T;
}

const path = (id: string) => `/api/lessons/${id.split('/').map(encodeURIComponent).join('/')}`;

export const lessonsApi = {
  list: (lang: string) => call<LessonList>('GET', `/api/lessons?lang=${lang}`),
  get: (id: string, lang: string) => call<Lesson>('GET', `${path(id)}?lang=${lang}`),
  check: (id: string, source: string, child: number | null) => call<CheckAnswer>('POST', `${path(id)}/check`, { source, child }),
  progress: (child: number) => call<Progress[]>('GET', `/api/lessons/progress/${child}`),
  classProgress: () => call<ClassProgress>('GET', '/api/lessons/progress'),
  board: (id: string) => call<{ board: string | null }>('POST', `${path(id)}/board`, {}),
  message: (name: string) => call<{ ok: boolean }>('POST', '/api/lessons/message', { name }),
};

/** The hub's {en, ro} error of a failed call, if it sent one. */
export function errorText(e: unknown): Message | null {
  const cause = (e as { cause?: Message } | null)?.cause;
  return cause && typeof cause.en === 'string' ? cause : null;
}
