// The "Projects" tab: the child's projects (open, copy, rename, delete, export), a new one, an
// imported file, and the open project's history (restore any version).
import { lang, pick, t } from '../i18n';
import { HubError, projectsApi, type Child, type Project, type ProjectSummary } from './projectsApi';

/** Why a version exists, as the hub names it, in the child's words. */
const Origins: Record<string, { en: string; ro: string }> = {
  created: { en: 'created', ro: 'creat' },
  saved: { en: 'saved', ro: 'salvat' },
  restored: { en: 'brought back', ro: 'readus' },
  duplicated: { en: 'copied', ro: 'copiat' },
  imported: { en: 'loaded from a file', ro: 'încărcat dintr-un fișier' },
};

export interface ProjectsHost {
  /** Opens a project in the editor (after saving the current one). */
  open(project: Project): Promise<void>;
  /** The project open in the editor, if any. */
  current(): Project | null;
  /** What a new project starts with: the current board kind. */
  boardKind(): 'robot' | 'weather';
  notify(text: string, error?: boolean): void;
}

export class ProjectsView {
  private child: Child | null = null;
  private readonly heading = document.createElement('h2');
  private readonly list = document.createElement('ul');
  private readonly historyBox = document.createElement('div');

  constructor(private readonly root: HTMLElement, private readonly host: ProjectsHost) {}

  /** Builds the tab for a child: the form and file input stay put while the list below refreshes. */
  setChild(child: Child): void {
    this.child = child;
    this.list.className = 'rc-projects';
    this.root.replaceChildren(this.heading, this.createForm(), this.importInput(), this.list, this.historyBox);
    void this.render();
  }

  private fail(e: unknown): void {
    this.host.notify(e instanceof HubError ? pick({ en: e.en, ro: e.ro }) : String(e), true);
  }

  /** Refreshes the heading, the list and the open project's history (not the form being typed in). */
  async render(): Promise<void> {
    const child = this.child;
    if (!child) return;
    let projects: ProjectSummary[];
    try { projects = await projectsApi.projects(child.id); } catch (e) { this.fail(e); return; }
    this.heading.textContent = `${t('myProjects')} (${child.name})`;
    const open = this.host.current();
    this.list.replaceChildren(...projects.map(p => this.row(p, p.id === open?.id)));
    this.historyBox.replaceChildren(...(open ? [await this.history(open)] : []));
  }

  private createForm(): HTMLElement {
    const create = document.createElement('form');
    create.className = 'rc-new-project';
    const name = document.createElement('input');
    name.required = true;
    name.maxLength = 60;
    name.placeholder = t('projectName');
    name.name = 'project-name';
    const add = document.createElement('button');
    add.type = 'submit';
    add.textContent = t('newProject');
    create.append(name, add);
    create.onsubmit = async e => {
      e.preventDefault();
      const child = this.child;
      if (!child) return;
      try {
        const project = await projectsApi.create(child.id, name.value, this.host.boardKind(), { source: '', mode: 'blocks' });
        name.value = '';
        await this.host.open(project);
        await this.render();
      } catch (err) { this.fail(err); }
    };
    return create;
  }

  private importInput(): HTMLElement {
    const importLabel = document.createElement('label');
    importLabel.className = 'rc-import';
    importLabel.textContent = t('importFile');
    const file = document.createElement('input');
    file.type = 'file';
    file.accept = '.json,application/json';
    file.onchange = async () => {
      const chosen = file.files?.[0];
      const child = this.child;
      if (!chosen || !child) return;
      try {
        const project = await projectsApi.importFile(child.id, chosen);
        await this.host.open(project);
        await this.render();
      } catch (err) { this.fail(err); }
      file.value = '';
    };
    importLabel.append(file);
    return importLabel;
  }

  private row(p: ProjectSummary, isOpen: boolean): HTMLElement {
    const li = document.createElement('li');
    li.dataset.project = String(p.id);
    li.className = isOpen ? 'open' : '';
    const title = document.createElement('strong');
    title.textContent = p.name;
    const kind = document.createElement('span');
    kind.className = 'rc-kind';
    kind.textContent = t(p.boardKind === 'robot' ? 'robot' : 'weather');
    const when = document.createElement('span');
    when.className = 'rc-when';
    when.textContent = new Date(p.updatedAt).toLocaleString(lang() === 'ro' ? 'ro-RO' : 'en-GB');
    const button = (word: Parameters<typeof t>[0], action: () => Promise<void>) => {
      const b = document.createElement('button');
      b.textContent = t(word);
      b.dataset.action = word;
      b.onclick = () => action().then(() => this.render()).catch(e => this.fail(e));
      return b;
    };
    const exportLink = document.createElement('a');
    exportLink.href = projectsApi.exportUrl(p.id);
    exportLink.textContent = t('exportFile');
    exportLink.setAttribute('download', '');
    li.append(title, kind, when,
      button('openProject', async () => this.host.open(await projectsApi.get(p.id))),
      button('duplicate', async () => { await projectsApi.duplicate(p.id, lang()); }),
      button('rename', async () => {
        const name = prompt(t('projectName'), p.name);
        if (name) await projectsApi.rename(p.id, name);
      }),
      button('deleteProject', async () => {
        if (confirm(`${t('confirmDelete')} „${p.name}”?`)) await projectsApi.remove(p.id);
      }),
      exportLink);
    return li;
  }

  private async history(project: Project): Promise<HTMLElement> {
    const box = document.createElement('section');
    box.className = 'rc-history';
    const title = document.createElement('h3');
    title.textContent = `${t('history')}: ${project.name}`;
    box.append(title);
    try {
      for (const v of await projectsApi.versions(project.id)) {
        const row = document.createElement('div');
        row.dataset.version = String(v.number);
        row.textContent = `#${v.number} · ${new Date(v.savedAt).toLocaleString(lang() === 'ro' ? 'ro-RO' : 'en-GB')} · ${Origins[v.origin] ? pick(Origins[v.origin]) : v.origin} `;
        if (v.number !== project.version) {
          const restore = document.createElement('button');
          restore.textContent = t('restoreVersion');
          restore.onclick = async () => {
            try {
              const { project: restored } = await projectsApi.restoreVersion(project.id, v.number);
              await this.host.open(restored);
              await this.render();
            } catch (e) { this.fail(e); }
          };
          row.append(restore);
        }
        box.append(row);
      }
    } catch (e) { this.fail(e); }
    return box;
  }
}
