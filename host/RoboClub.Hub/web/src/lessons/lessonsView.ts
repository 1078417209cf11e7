// The Lessons tab (lessons/ in the repository): the two tracks with this child's progress, and the
// librarian's table of who finished what. Opening a lesson opens (or makes) the child's project
// for it with the starter program and shows the step panel beside the blocks.
import type { BlocksEditor } from '../blocks/blocksEditor';
import type { CodeEditor } from '../editor/codeEditor';
import { lang, onLangChange, pick, t } from '../i18n';
import { projectsApi, type Child, type Project } from '../projects/projectsApi';
import { errorText, lessonsApi, type LessonSummary, type Progress } from './lessonsApi';
import { StepPanel } from './stepPanel';

/** What the lessons need from the editor page (main.ts). */
export interface LessonHost {
  code: CodeEditor;
  blocks(): BlocksEditor | null;
  child(): Child | null;
  boardKind(): 'robot' | 'weather';
  /** Picks a board of this kind (the virtual one when there is no real one) and follows it. */
  useBoardKind(kind: 'robot' | 'weather'): Promise<void>;
  /** Picks this board once the hub lists it (a lesson's robot is started on demand). */
  useBoard(board: string): Promise<void>;
  openProject(project: Project): Promise<void>;
  showEditor(): void;
  notify(text: string, error?: boolean): void;
  /** A check passed: the list's tick and the librarian's table update. */
  finished(lessonId: string): void;
}

const projectKey = (child: number, lesson: string) => `roboclub.lesson.${child}.${lesson}`;

export class LessonsView {
  private readonly panel: StepPanel;
  private progress = new Map<string, Progress>();

  constructor(private readonly el: HTMLElement, panelEl: HTMLElement, private readonly host: LessonHost) {
    this.panel = new StepPanel(panelEl, { ...host, finished: id => { this.progress.set(id, { ...(this.progress.get(id) ?? { lesson: id, checks: 1, finishedAt: null, lastCheckAt: '' }), finished: true }); host.finished(id); void this.render(); } });
    onLangChange(() => { if (!el.hidden) void this.render(); });
    (window as unknown as { rcLessons: unknown }).rcLessons = { open: (id: string) => this.open(id), panel: this.panel }; // for the browser tests
  }

  async render(): Promise<void> {
    const child = this.host.child();
    const [list, mine] = await Promise.all([lessonsApi.list(lang()), child ? lessonsApi.progress(child.id) : Promise.resolve([])]);
    this.progress = new Map(mine.map(p => [p.lesson, p]));
    const parts: HTMLElement[] = [];
    for (const track of list.tracks) {
      const section = document.createElement('section');
      section.className = 'rc-track';
      section.dataset.track = track.track;
      const h = document.createElement('h2');
      h.textContent = track.track === 'weather' ? t('lessonTrackWeather') : t('lessonTrackRobot');
      const grid = document.createElement('div');
      grid.className = 'rc-lesson-cards';
      grid.append(...track.lessons.map(l => this.card(l)));
      section.append(h, grid);
      parts.push(section);
    }
    const librarian = document.createElement('details');
    librarian.className = 'rc-class-progress';
    const summary = document.createElement('summary');
    summary.textContent = t('lessonClassProgress');
    librarian.append(summary);
    librarian.ontoggle = () => { if (librarian.open) void this.classTable(librarian); };
    parts.push(librarian);
    if (list.problems.length) {
      const problems = document.createElement('pre');
      problems.className = 'rc-lesson-problems';
      problems.textContent = `${t('lessonProblems')}\n${list.problems.join('\n')}`;
      parts.push(problems);
    }
    this.el.replaceChildren(...parts);
  }

  private card(l: LessonSummary): HTMLElement {
    const card = document.createElement('button');
    const done = this.progress.get(l.id)?.finished ?? false;
    card.className = `rc-lesson-card${done ? ' finished' : ''}`;
    card.dataset.lesson = l.id;
    const title = document.createElement('strong');
    title.textContent = `${l.number}. ${l.title}`;
    const meta = document.createElement('span');
    meta.textContent = `${l.duration} min${done ? ` · ✔ ${t('lessonFinished')}` : ''}`;
    const goals = document.createElement('small');
    goals.textContent = l.goals[0] ?? '';
    card.append(title, meta, goals);
    card.onclick = () => void this.open(l.id);
    return card;
  }

  /** Opens a lesson: the child's project for it (made from the starter the first time), the right board, step 1. */
  async open(id: string): Promise<void> {
    try {
      const lesson = await lessonsApi.get(id, lang());
      const child = this.host.child();
      // a robot lesson has its own virtual robot in the lesson's arena, so ▶ Run matches the check
      const own = lesson.board === 'robot' ? (await lessonsApi.board(lesson.id).catch(() => ({ board: null }))).board : null;
      if (own) await this.host.useBoard(own);
      else await this.host.useBoardKind(lesson.board);
      if (child) {
        const key = projectKey(child.id, lesson.id);
        const known = Number(localStorage.getItem(key));
        const name = `${lesson.number}. ${lesson.title}`;
        let project = known ? await projectsApi.get(known).catch(() => null) : null;
        if (!project || project.childId !== child.id) {
          // another tablet: the child's project of the same name, else a new one from the starter
          const same = (await projectsApi.projects(child.id)).find(p => p.name === name && p.boardKind === lesson.board);
          project = same ? await projectsApi.get(same.id) : await projectsApi.create(child.id, name, lesson.board, { source: lesson.starter, mode: 'blocks' });
          localStorage.setItem(key, String(project.id));
        }
        await this.host.openProject(project);
      } else {
        this.host.code.setText(lesson.starter);
        await this.host.blocks()?.open(null);
      }
      this.host.showEditor();
      await this.panel.open(lesson);
    } catch (e) {
      this.host.notify(pick(errorText(e)) || String(e), true);
    }
  }

  /** The librarian's view: every child (name and colour) against every lesson. */
  private async classTable(into: HTMLElement): Promise<void> {
    const data = await lessonsApi.classProgress();
    const colours = await projectsApi.colours();
    const table = document.createElement('table');
    table.className = 'rc-progress-table';
    const head = table.insertRow();
    head.insertCell().textContent = '';
    for (const l of data.lessons) {
      const th = document.createElement('th');
      th.textContent = `${l.track === 'weather' ? '☁' : '🤖'}${l.number}`;
      th.title = pick(l.title);
      head.append(th);
    }
    for (const c of data.children) {
      const row = table.insertRow();
      row.dataset.child = String(c.id);
      const name = row.insertCell();
      name.textContent = c.name;
      name.style.borderLeft = `6px solid ${colours.find(x => x.key === c.colour)?.hex ?? '#888'}`;
      for (const l of data.lessons) {
        const p = c.lessons.find(x => x.lesson === l.id);
        const cell = row.insertCell();
        cell.dataset.lesson = l.id;
        cell.textContent = p?.finished ? '✔' : p ? `${p.checks}×` : '';
        cell.className = p?.finished ? 'finished' : p ? 'tried' : '';
        cell.title = p?.finished ? t('lessonFinished') : p ? `${p.checks} ${t('lessonChecks')}` : '';
      }
    }
    into.querySelector('table')?.remove();
    into.append(table);
  }
}
