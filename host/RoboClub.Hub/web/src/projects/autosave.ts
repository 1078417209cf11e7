// Saves the open project a moment after the child stops changing it. The hub keeps one version per
// minute of editing; sending the revision we last saw lets it tell our saves from another tablet's.
import { projectsApi, type Content, type Project } from './projectsApi';

export class Autosave {
  private timer = 0;
  private saving: Promise<void> | null = null;
  private project: Project | null = null;
  private lastSent = '';

  constructor(private readonly content: () => Content, private readonly onSaved: (p: Project) => void, private readonly onError: (e: unknown) => void, private readonly delayMs = 1500) {}

  /** The project being edited (null: nothing is saved). */
  open(project: Project | null): void {
    this.project = project;
    this.lastSent = project ? JSON.stringify({ workspace: project.workspace || undefined, source: project.source, mode: project.mode }) : '';
  }

  get current(): Project | null { return this.project; }

  /** Call on every change; saves after a quiet moment. */
  changed(): void {
    if (!this.project) return;
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.saveNow(), this.delayMs);
  }

  /** Saves at once (before switching project, on leaving the page). */
  async saveNow(): Promise<void> {
    clearTimeout(this.timer);
    if (this.saving) await this.saving;
    const project = this.project;
    if (!project) return;
    const content = this.content();
    const text = JSON.stringify(content);
    if (text === this.lastSent) return;
    this.saving = (async () => {
      try {
        const { project: saved } = await projectsApi.save(project.id, content, project.revision);
        this.lastSent = text;
        if (this.project?.id === saved.id) this.project = saved;
        this.onSaved(saved);
      } catch (e) {
        this.onError(e);
      } finally {
        this.saving = null;
      }
    })();
    await this.saving;
  }
}
