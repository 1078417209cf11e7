// The web editor: pick a board, write C# (or blocks), press Run; the console, the variables and the
// virtual board's simulation update live. See host/RoboClub.Hub/README.md for the page's API.
import './style.css';
import { api, ApiError, type SendResult } from './api';
import { defaultLang, lang, onLangChange, pick, setLang, t, translatePage, type Lang } from './i18n';
import { Live } from './live';
import { CodeEditor } from './editor/codeEditor';
import { ConsolePane } from './run/consolePane';
import { WatchPane } from './run/watchPane';
import { BoardList, label } from './boards/boardList';
import { renderBoards } from './boards/boardsView';
import { ArenaView, type Arena } from './sim/arenaView';
import { Autosave } from './projects/autosave';
import { colourHex, pickChild } from './projects/childPicker';
import { ProjectsView } from './projects/projectsView';
import { HubError, projectsApi, type Child, type Content, type Project } from './projects/projectsApi';
import { BlocksEditor } from './blocks/blocksEditor';
import { blocksApi } from './blocks/blocksApi';
import { initDataTab } from './data/dataTab';
import { initFlashTab } from './flash/flashTab';
import './lessons/lessons.css';
import { LessonsView } from './lessons/lessonsView';
import { installFetchGuard, onSignInNeeded } from './security/fetchGuard';
import { openLibrarian } from './security/librarianDialog';
import { sessionApi } from './security/sessionApi';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const boards = new BoardList();
const live = new Live();
const consolePane = new ConsolePane($('console'));
const watchPane = new WatchPane($('watch'));
const arenaView = new ArenaView($<HTMLCanvasElement>('arena'), $('readings'));
const starter = 'Console.WriteLine("Salut!");\nRobot.Forward(50);\nWait(1000);\nRobot.Stop();\n';
const code = new CodeEditor($('code'), localStorage.getItem('roboclub.draft') ?? starter);
const picker = $<HTMLSelectElement>('board');
let blocks: BlocksEditor | null = null; // created in start(), once the board kind is known

/** A short message under the toolbar; errors stay until the next action. */
function notify(text: string, error = false): void {
  const notice = $('notice');
  notice.textContent = text;
  notice.className = error ? 'rc-notice error' : 'rc-notice';
  notice.hidden = text === '';
}

function selectedBoard(): string | null { return picker.value || null; }

function boardKind(): 'robot' | 'weather' { return boards.get(selectedBoard() ?? '')?.kind === 'weather' ? 'weather' : 'robot'; }

function fillPicker(): void {
  const chosen = picker.value || new URLSearchParams(location.search).get('board') || localStorage.getItem('roboclub.board') || '';
  const options = boards.all().map(b => {
    const o = document.createElement('option');
    o.value = b.board;
    o.textContent = `${b.online ? '●' : '○'} ${label(b)}`;
    return o;
  });
  picker.replaceChildren(...options);
  if (boards.get(chosen)) picker.value = chosen;
  renderBoards($('board-cards'), boards, notify);
}

let followedBoard: string | null = null;

async function followBoard(): Promise<void> {
  const board = selectedBoard();
  // Moving to another board leaves the old one free for the other children (Security/BoardClaims.cs).
  if (followedBoard && followedBoard !== board && currentChild) void sessionApi.leaveBoard(followedBoard).catch(() => undefined);
  followedBoard = board;
  if (board) localStorage.setItem('roboclub.board', board);
  arenaView.clear();
  arenaView.setArena(null);
  void blocks?.setBoardKind(boardKind());
  await live.follow(board);
  if (board && boards.get(board)?.virtual) {
    const response = await fetch(`/api/boards/${encodeURIComponent(board)}/arena`);
    if (response.ok) arenaView.setArena(await response.json() as Arena);
  }
}

async function run(): Promise<void> {
  const board = selectedBoard();
  if (!board) { notify(t('noBoards'), true); return; }
  notify(t('sending'));
  code.markErrorLine(null);
  blocks?.clearErrors();
  await blocks?.flush(); // the C# and the blocks agree before sending
  let result: SendResult;
  try {
    result = await api.sendProgram(board, code.text);
  } catch (e) {
    notify(e instanceof ApiError ? pick(e.body.error) || pick(e.body.message as never) : String(e), true);
    return;
  }
  code.showDiagnostics(result.diagnostics);
  blocks?.showDiagnostics(result.diagnostics);
  if (!result.ok) {
    notify(result.message ? pick(result.message) : t('compileErrors'), true);
    return;
  }
  watchPane.setNames(result.globals);
  await api.watch(board, true).catch(() => undefined);
  notify(result.pending ? pick(result.message) : `${t('sent')} ${board}.`);
}

async function stop(): Promise<void> {
  const board = selectedBoard();
  if (!board) return;
  try { await api.command(board, 'stop'); notify(''); }
  catch (e) { notify(e instanceof ApiError ? pick(e.body.error) : String(e), true); }
}

/** Live mode: the clicked stack becomes C# and runs at once on the board (its variables start from zero). */
async function runLive(workspace: object): Promise<void> {
  const board = selectedBoard();
  if (!board) { notify(t('noBoards'), true); return; }
  try {
    const { code: source, problems } = await blocksApi.toCSharp(workspace);
    if (problems.length) { notify(pick(problems[0]), true); return; }
    const result = await api.evaluate(board, source);
    if (!result.ok) {
      const d = result.diagnostics?.find(d => d.isError);
      notify(d ? (lang() === 'ro' ? d.messageRo ?? d.messageEn : d.messageEn) : t('compileErrors'), true);
      return;
    }
    notify(`${t('liveRan')} ${board}: ${source.trim().split('\n').filter(l => l.trim()).slice(-3).join(' ')}`);
  } catch (e) {
    notify(e instanceof ApiError ? pick(e.body.error) : String(e), true);
  }
}

function toggleLive(): void {
  const button = $<HTMLButtonElement>('live');
  if (!blocks) { notify(t('liveNeedsBlocks'), true); return; }
  blocks.live = !blocks.live;
  button.setAttribute('aria-pressed', String(blocks.live));
  notify(blocks.live ? t('liveOn') : '');
}

async function stopAll(): Promise<void> {
  await api.stopAll();
  notify(t('stopAllDone'));
  showEmergencyStop(true);
}

/** STOP ALL holds until the librarian allows programs again: every page shows it. */
function showEmergencyStop(engaged: boolean): void {
  $('estop').hidden = !engaged;
}

async function refreshLibrarian(): Promise<void> {
  const session = await sessionApi.session();
  $('librarian').classList.toggle('signed-in', session.librarian);
  showEmergencyStop(session.emergencyStop !== null);
}

function wireUi(): void {
  $('run').onclick = () => void run();
  $('stop').onclick = () => void stop();
  $('stop-all').onclick = () => void stopAll();
  $('librarian').onclick = () => void openLibrarian($<HTMLDialogElement>('librarian-dialog'), false, () => void refreshLibrarian()).then(() => refreshLibrarian());
  $('estop-reset').onclick = async () => {
    try { await sessionApi.resetStop(); showEmergencyStop(false); notify(''); }
    catch (e) { notify(e instanceof ApiError ? pick(e.body.error) : String(e), true); }
  };
  $('live').onclick = toggleLive;
  $('clear-console').onclick = () => consolePane.clear();
  picker.onchange = () => void followBoard();
  const langPicker = $<HTMLSelectElement>('lang');
  langPicker.value = lang();
  langPicker.onchange = () => setLang(langPicker.value as Lang);
  const liveTitle = () => { $('live').title = t('liveTitle'); };
  liveTitle();
  onLangChange(() => { translatePage(); fillPicker(); langPicker.value = lang(); liveTitle(); });
  document.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach(button => {
    button.onclick = () => {
      document.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach(b => b.classList.toggle('active', b === button));
      document.querySelectorAll<HTMLElement>('main > section').forEach(s => { s.hidden = s.id !== `tab-${button.dataset.tab}`; });
      if (button.dataset.tab === 'projects') void autosave.saveNow().then(() => projectsView.render());
      if (button.dataset.tab === 'lessons') void lessonsView.render();
    };
  });
  let saveTimer = 0;
  code.onChange(text => {
    clearTimeout(saveTimer);
    saveTimer = window.setTimeout(() => localStorage.setItem('roboclub.draft', text), 500);
    autosave.changed();
  });
  $('child').onclick = async () => {
    await autosave.saveNow();
    if (followedBoard) await sessionApi.leaveBoard(followedBoard).catch(() => undefined);
    await sessionApi.childSignOut().catch(() => undefined);
    localStorage.removeItem('roboclub.child');
    localStorage.removeItem('roboclub.project');
    await useChild(await pickChild($<HTMLDialogElement>('child-dialog')));
  };
  window.addEventListener('pagehide', () => void autosave.saveNow());
}

function wireLive(): void {
  live.on('board', b => { boards.update(b); fillPicker(); });
  live.on('console', line => { if (line.board === selectedBoard()) { consolePane.dropped(line.dropped); consolePane.print(line.text); } });
  live.on('error', e => {
    if (e.board !== selectedBoard()) return;
    const explained = lang() === 'ro' ? e.messageRo : e.messageEn;
    const where = e.line ? ` (${t('line')} ${e.line})` : '';
    consolePane.print(`${t('runtimeError')}${where}: ${explained ?? e.message}`, 'error');
    code.markErrorLine(e.line);
    blocks?.showRuntimeError(e.line, e.column, { en: e.messageEn ?? e.message, ro: e.messageRo ?? e.message });
  });
  live.on('watch', w => { if (w.board === selectedBoard()) watchPane.show(w.values); });
  live.on('arena', a => { if (a.board === selectedBoard()) arenaView.show(a.state); });
  live.on('emergencyStop', engaged => showEmergencyStop(engaged));
  live.on('connection', up => notify(up ? '' : t('connectionLost'), !up));
}

// ---- the child and their projects (src/projects): the editor's content is saved automatically
function editorContent(): Content {
  return blocks ? { workspace: blocks.workspaceJson(), source: code.text, mode: 'blocks' } : { source: code.text, mode: 'csharp' };
}

const autosave = new Autosave(editorContent, p => { $('project-name').textContent = p.name; }, e => notify(e instanceof HubError ? pick({ en: e.en, ro: e.ro }) : String(e), true));
const projectsView = new ProjectsView($('projects-view'), {
  open: openProject,
  current: () => autosave.current,
  boardKind: () => (boards.get(selectedBoard() ?? '')?.kind === 'weather' ? 'weather' : 'robot'),
  notify,
});

async function openProject(project: Project): Promise<void> {
  await autosave.saveNow();
  autosave.open(project);
  code.setText(project.source);
  await blocks?.open(project.workspace);
  localStorage.setItem('roboclub.project', String(project.id));
  $('project-name').textContent = project.name;
}

async function useChild(child: Child): Promise<void> {
  currentChild = child;
  localStorage.setItem('roboclub.child', String(child.id));
  const badge = $<HTMLButtonElement>('child');
  badge.textContent = child.name;
  badge.style.setProperty('--rc-child', colourHex(await projectsApi.colours(), child.colour));
  badge.hidden = false;
  const list = await projectsApi.projects(child.id);
  const remembered = Number(localStorage.getItem('roboclub.project'));
  const chosen = list.find(p => p.id === remembered) ?? list[0];
  if (chosen) await openProject(await projectsApi.get(chosen.id));
  else await openProject(await projectsApi.create(child.id, t('firstProject'), boards.get(selectedBoard() ?? '')?.kind === 'weather' ? 'weather' : 'robot', editorContent()));
  projectsView.setChild(child);
}

// ---- lessons (src/lessons): the Lessons tab and the step panel beside the blocks
let currentChild: Child | null = null;
const lessonsView = new LessonsView($('tab-lessons'), $('lesson-panel'), {
  code,
  blocks: () => blocks,
  child: () => currentChild,
  boardKind,
  useBoardKind: async kind => {
    if (boardKind() === kind && selectedBoard()) return;
    const board = boards.all().filter(b => b.kind === kind).sort((a, b) => Number(b.online) - Number(a.online))[0];
    if (!board) return;
    picker.value = board.board;
    await followBoard();
  },
  useBoard: async name => {
    for (let i = 0; i < 40 && !boards.get(name); i++) {
      await new Promise(r => setTimeout(r, 250));
      if (i % 4 === 3) { for (const b of await api.boards()) boards.update(b); fillPicker(); }
    }
    if (!boards.get(name)) return;
    fillPicker();
    picker.value = name;
    await followBoard();
  },
  openProject,
  showEditor: () => document.querySelector<HTMLButtonElement>('[data-tab="editor"]')?.click(),
  notify,
  finished: () => undefined,
});

/** The child signed in on this device (the hub's cookie), or "who are you?" (with the last child's code box ready). */
async function chooseChild(): Promise<void> {
  await autosave.saveNow();
  const session = await sessionApi.session();
  if (session.child) { await useChild(session.child); return; }
  const saved = Number(localStorage.getItem('roboclub.child')) || undefined;
  await useChild(await pickChild($<HTMLDialogElement>('child-dialog'), saved));
}

async function start(): Promise<void> {
  installFetchGuard();
  onSignInNeeded('librarian', () => openLibrarian($<HTMLDialogElement>('librarian-dialog'), true, () => void refreshLibrarian()));
  // The child's sign-in ended (12 hours passed, or the librarian cleared their code): "who are you?" again.
  onSignInNeeded('child', async () => { await useChild(await pickChild($<HTMLDialogElement>('child-dialog'), currentChild?.id)); return true; });
  wireUi();
  wireLive();
  const hub = await api.hub();
  defaultLang(hub.lang);
  document.documentElement.lang = lang();
  translatePage();
  if (hub.lanUrl) {
    $<HTMLImageElement>('join-qr').src = '/api/hub/qr.svg';
    $('join-url').textContent = hub.lanUrl;
    $('join').hidden = false;
  }
  void refreshLibrarian();
  boards.set(await api.boards());
  fillPicker();
  blocks = await BlocksEditor.create($('blocks'), code, { kind: boardKind(), notify, changed: () => autosave.changed(), runLive: w => void runLive(w) }).catch(e => { console.error('blocks:', e); return null; });
  await live.start();
  await followBoard();
  initDataTab($('tab-data'));
  initFlashTab($('tab-flash'), document.querySelector<HTMLElement>('button[data-tab=flash]')!);
  document.body.dataset.ready = 'true'; // for the browser tests
  // ?tab=flash opens a tab directly; the librarian's New boards tab needs no child.
  const tab = new URLSearchParams(location.search).get('tab');
  if (tab) document.querySelector<HTMLButtonElement>(`button[data-tab="${CSS.escape(tab)}"]`)?.click();
  if (tab === 'flash') return;
  await chooseChild();
  document.body.dataset.child = 'true';
}

void start();
