// The step panel beside the blocks while a lesson is open (as MakeCode tutorials): the lesson's
// steps one at a time, only the blocks each step needs in the toolbox, "Check my program" with an
// answer per goal in the child's language, and, for the remote-control lesson, the remote.
import { Blockly } from '../blocks/blocklySetup';
import { blocksApi } from '../blocks/blocksApi';
import { lang, onLangChange, pick, t } from '../i18n';
import { ArenaView, type Arena } from '../sim/arenaView';
import { errorText, lessonsApi, type CheckAnswer, type Lesson } from './lessonsApi';
import type { LessonHost } from './lessonsView';

/** Remote buttons: a symbol per message name the lesson's check uses. */
const remoteSymbols: Record<string, string> = { inainte: '▲', forward: '▲', inapoi: '▼', back: '▼', stanga: '◀', left: '◀', dreapta: '▶', right: '▶', stop: '■' };

export class StepPanel {
  private lesson: Lesson | null = null;
  private step = 0;
  private readonly arenaView: ArenaView;

  constructor(private readonly el: HTMLElement, private readonly host: LessonHost) {
    el.innerHTML = `
      <div class="rc-lesson-head"><h3 class="rc-lesson-title"></h3><button class="rc-lesson-close" title="×">×</button></div>
      <div class="rc-lesson-intro"></div>
      <div class="rc-lesson-stepbar"><button class="rc-step-prev">◀</button><span class="rc-step-count"></span><button class="rc-step-next">▶</button></div>
      <h4 class="rc-step-title"></h4>
      <div class="rc-step-body"></div>
      <div class="rc-lesson-remote" hidden></div>
      <button class="rc-check"></button>
      <div class="rc-check-result" role="status"></div>
      <canvas class="rc-check-arena" width="300" height="225" hidden></canvas><div class="rc-check-readings" hidden></div>
      <details class="rc-lesson-wiring"><summary></summary><div></div></details>`;
    this.arenaView = new ArenaView(this.q<HTMLCanvasElement>('.rc-check-arena'), this.q('.rc-check-readings'));
    this.q('.rc-step-prev').onclick = () => this.go(this.step - 1);
    this.q('.rc-step-next').onclick = () => this.go(this.step + 1);
    this.q('.rc-lesson-close').onclick = () => void this.close();
    this.q('.rc-check').onclick = () => void this.check();
    onLangChange(() => void this.reload());
  }

  get current(): Lesson | null { return this.lesson; }

  private q<T extends HTMLElement = HTMLElement>(selector: string): T { return this.el.querySelector(selector) as T; }

  async open(lesson: Lesson): Promise<void> {
    this.lesson = lesson;
    this.el.hidden = false;
    this.el.dataset.lesson = lesson.id;
    this.q('.rc-check-result').replaceChildren();
    this.q('.rc-check-arena').hidden = true;
    this.render();
    await this.go(0);
  }

  async close(): Promise<void> {
    this.lesson = null;
    this.el.hidden = true;
    delete this.el.dataset.lesson;
    await this.host.blocks()?.flush();
    this.toolbox(await blocksApi.toolbox(this.host.boardKind(), lang())); // the whole toolbox again
  }

  /** Language change: the same lesson and step in the other language (after Blockly has been re-made). */
  private async reload(): Promise<void> {
    if (!this.lesson) return;
    const lesson = await lessonsApi.get(this.lesson.id, lang());
    this.lesson = lesson;
    this.render();
    await this.host.blocks()?.flush();
    await this.go(this.step);
  }

  private render(): void {
    const lesson = this.lesson!;
    this.q('.rc-lesson-title').textContent = `${lesson.number}. ${lesson.title}`;
    this.q('.rc-lesson-intro').innerHTML = lesson.introHtml; // Markdig output, raw HTML off (lessons/README.md)
    this.q('.rc-check').textContent = t('lessonCheck');
    this.q('.rc-lesson-close').title = t('lessonClose');
    this.q('.rc-lesson-wiring summary').textContent = t('lessonWiring');
    this.q('.rc-lesson-wiring div').innerHTML = lesson.wiringHtml;
    const remote = this.q('.rc-lesson-remote');
    const names = lesson.remote.filter(n => lang() === 'ro' ? !['forward', 'back', 'left', 'right'].includes(n) : !['inainte', 'inapoi', 'stanga', 'dreapta'].includes(n));
    remote.hidden = names.length === 0;
    remote.replaceChildren(...names.map(name => {
      const button = document.createElement('button');
      button.textContent = `${remoteSymbols[name] ?? '●'} ${name}`;
      button.dataset.message = name;
      button.onclick = () => void lessonsApi.message(name).catch(e => this.host.notify(pick(errorText(e)) || String(e), true));
      return button;
    }));
  }

  private async go(index: number): Promise<void> {
    const lesson = this.lesson;
    if (!lesson) return;
    this.step = Math.max(0, Math.min(lesson.steps.length - 1, index));
    const step = lesson.steps[this.step];
    this.el.dataset.step = String(this.step + 1);
    this.q('.rc-step-count').textContent = `${t('lessonStep')} ${this.step + 1} / ${lesson.steps.length}`;
    this.q('.rc-step-title').textContent = step.title;
    this.q('.rc-step-body').innerHTML = step.html;
    this.q<HTMLButtonElement>('.rc-step-prev').disabled = this.step === 0;
    this.q<HTMLButtonElement>('.rc-step-next').disabled = this.step === lesson.steps.length - 1;
    await this.host.blocks()?.flush();
    this.toolbox(step.toolbox);
  }

  private toolbox(definition: unknown): void {
    const ws = Blockly.getMainWorkspace() as Blockly.WorkspaceSvg | null;
    if (ws?.getToolbox()) ws.updateToolbox(definition as Blockly.utils.toolbox.ToolboxDefinition);
  }

  /** "Check my program": the program runs on a virtual board of the lesson on the hub; each goal answers. */
  async check(): Promise<void> {
    const lesson = this.lesson;
    if (!lesson) return;
    const result = this.q('.rc-check-result');
    const button = this.q<HTMLButtonElement>('.rc-check');
    button.disabled = true;
    result.className = 'rc-check-result';
    result.textContent = t('lessonChecking');
    try {
      await this.host.blocks()?.flush();
      const source = this.host.code.text;
      const answer = await lessonsApi.check(lesson.id, source, this.host.child()?.id ?? null);
      this.show(answer, source);
      if (answer.progress?.finished) this.host.finished(lesson.id);
    } catch (e) {
      result.textContent = pick(errorText(e)) || String(e);
      result.classList.add('error');
    } finally {
      button.disabled = false;
    }
  }

  private film = 0;

  /** Draws the robot moving along the path it took in the check (about 3 s), ending on its last picture. */
  private replay(robot: Record<string, unknown>): void {
    cancelAnimationFrame(this.film);
    const trace = (robot.trace as Array<{ x: number; y: number; headingDegrees: number }> | undefined) ?? [];
    if (trace.length < 2) { this.arenaView.show(robot); return; }
    const start = performance.now();
    const frame = (now: number) => {
      const n = Math.min(trace.length, Math.max(1, Math.round(((now - start) / 3000) * trace.length)));
      if (n >= trace.length) { this.arenaView.show(robot); return; }
      this.arenaView.show({ ...robot, pose: trace[n - 1], trace: trace.slice(0, n), distanceCm: -1 });
      this.film = requestAnimationFrame(frame);
    };
    this.film = requestAnimationFrame(frame);
  }

  private show(answer: CheckAnswer, source: string): void {
    const result = this.q('.rc-check-result');
    const items: HTMLElement[] = [];
    const say = (text: string, className: string) => { const p = document.createElement('p'); p.className = className; p.textContent = text; items.push(p); };
    this.host.code.showDiagnostics(answer.diagnostics);
    this.host.blocks()?.showDiagnostics(answer.diagnostics, source);
    if (!answer.compiled) {
      say(t('lessonFixFirst'), 'rc-check-summary');
    } else {
      say(answer.passed ? t('lessonPassed') : t('lessonNotYet'), 'rc-check-summary');
      const error = answer.runtimeError;
      if (error) say(`${t('runtimeError')}${error.line ? ` (${t('line')} ${error.line})` : ''}: ${pick(error.message)}`, 'rc-check-error');
      if (error?.line) this.host.code.markErrorLine(error.line);
      const list = document.createElement('ul');
      list.className = 'rc-goals';
      for (const goal of answer.goals) {
        const li = document.createElement('li');
        li.className = goal.passed ? 'rc-goal passed' : 'rc-goal missing';
        li.dataset.kind = goal.kind;
        const asked = document.createElement('strong');
        asked.textContent = `${goal.passed ? '✔' : '✘'} ${pick(goal.asked)}`;
        const detail = document.createElement('span');
        detail.textContent = ` ${pick(goal.detail)}${goal.hint ? ` ${pick(goal.hint)}` : ''}`;
        li.append(asked, detail);
        list.append(li);
      }
      items.push(list);
      if (answer.output.length) {
        // What the program printed on the virtual board during the check (it ran in simulated time).
        const output = document.createElement('details');
        output.className = 'rc-check-output';
        const summary = document.createElement('summary');
        summary.textContent = `${t('lessonOutput')} (${Math.round(answer.simulatedSeconds)} s)`;
        const pre = document.createElement('pre');
        pre.textContent = answer.output.join('\n');
        output.append(summary, pre);
        items.push(output);
      }
    }
    result.replaceChildren(...items);
    result.className = `rc-check-result ${answer.passed ? 'passed' : 'missing'}`;
    result.dataset.passed = String(answer.passed);
    result.scrollIntoView({ block: 'nearest' });
    const canvas = this.q<HTMLCanvasElement>('.rc-check-arena');
    if (answer.robot && answer.arena) {
      this.arenaView.setArena(answer.arena as Arena);
      this.replay(answer.robot); // the path the virtual robot drove during the check, as a short film
    } else {
      canvas.hidden = true;
    }
  }
}
