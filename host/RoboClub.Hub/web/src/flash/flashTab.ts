// The librarian's "New boards" tab: check nanoff and the firmware, choose the kit (robot or weather
// station, with its driver or sensor: the profile written to each board's roboclub.json) and the Wi-Fi,
// then plug boards in one after another. Each is flashed, named (meteo-01, robot-07, ...),
// given its own MQTT password, recorded in the inventory and shown when it joins the hub; problems come
// with the fix in plain words. The batch runs in the hub, so closing the page does not stop it; the page
// polls a snapshot (docs/flashing.md says why). Librarian-only access is a later issue.
import { ApiError } from '../api';
import { lang, onLangChange, pick, t, translatePage, type Word } from '../i18n';
import './flash.css';
import { defaultKit, flashApi, kits, type BatchView, type Diagnosis, type FlashingStatus, type Kit } from './flashApi';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(e, rest);
  if (dataset) Object.assign(e.dataset, dataset);
  e.append(...children);
  return e;
}

const words = (w: Word) => ({ dataset: { t: w } });
const kitWord = (kit: string): Word => `kit:${kit}` as Word;
/** The kit's name in the page's language; older inventories recorded only "robot" or "weather". */
function kitText(profile: string): string {
  if ((kits as readonly string[]).includes(profile)) return t(kitWord(profile));
  return t(profile === 'weather' ? 'weather' : 'robot');
}
const stepWords: Word[] = ['flashStep1', 'flashStep2', 'flashStep3', 'flashStep4'];

function diagnosisCard(d: Diagnosis): HTMLElement {
  const card = el('div', { className: 'rc-flash-diagnosis', dataset: { id: d.id } },
    el('div', { textContent: pick(d.problem) }),
    el('div', { className: 'fix', textContent: pick(d.fix) }));
  if (d.link) card.append(el('a', { href: d.link, target: '_blank', rel: 'noopener', textContent: d.link }));
  return card;
}

export function initFlashTab(section: HTMLElement, tabButton: HTMLElement): void {
  const checks = el('ul', { id: 'flash-checks', className: 'rc-flash-checks' });
  const install = el('button', { id: 'flash-install', ...words('flashInstallNanoff') });
  const archive = el('button', { id: 'flash-archive', ...words('flashUpdateArchive') });
  const setupNote = el('p', { id: 'flash-setup-note', className: 'rc-flash-note' });
  const kitInputs = kits.map(k => el('input', { type: 'radio', name: 'flash-profile', value: k, id: `flash-profile-${k}`, checked: k === defaultKit }));
  const club = el('input', { type: 'text', id: 'flash-club' });
  const ssid = el('input', { type: 'text', id: 'flash-ssid', autocomplete: 'off' });
  const password = el('input', { type: 'password', id: 'flash-password', autocomplete: 'off' });
  const count = el('input', { type: 'number', id: 'flash-count', min: '1', max: '200' });
  const present = el('input', { type: 'checkbox', id: 'flash-present' });
  const start = el('button', { id: 'flash-start', ...words('flashStart') });
  const formError = el('p', { id: 'flash-form-error', className: 'rc-notice error', hidden: true });

  const message = el('div', { id: 'flash-message', className: 'rc-flash-message' });
  const boardLine = el('div', { id: 'flash-board' });
  const bar = el('div');
  const progress = el('div', { id: 'flash-progress', className: 'rc-flash-bar', dataset: { percent: '0' } }, bar);
  const steps = el('ul', { id: 'flash-steps', className: 'rc-flash-steps' }, ...stepWords.map((w, i) => el('li', { dataset: { step: String(i + 1), t: w } })));
  const diagnoses = el('div', { id: 'flash-diagnoses' });
  const retry = el('button', { id: 'flash-retry', ...words('flashRetry') });
  const skip = el('button', { id: 'flash-skip', ...words('flashSkip') });
  const help = el('button', { id: 'flash-help', ...words('flashHelp') });
  const next = el('button', { id: 'flash-next', ...words('flashNext') });
  const stop = el('button', { id: 'flash-stop', ...words('flashStop') });
  const log = el('pre', { id: 'flash-log', className: 'rc-flash-log' });
  const run = el('div', { id: 'flash-run', className: 'rc-flash-card', dataset: { state: 'idle' } },
    el('h3', words('flashProgressTitle')), message, boardLine, progress, steps, diagnoses,
    el('div', { className: 'rc-flash-actions' }, retry, skip, help, next, stop),
    el('details', {}, el('summary', words('flashLog')), log));

  const labels = el('a', { id: 'flash-labels', target: '_blank', ...words('flashPrintLabels') });
  const inventory = el('table', { id: 'flash-inventory' });
  const ports = el('table', { id: 'flash-ports' });

  section.replaceChildren(
    el('div', { className: 'rc-flash-card', id: 'flash-setup' },
      el('h3', words('flashTitle')),
      el('p', { className: 'rc-flash-note', ...words('flashLibrarianOnly') }),
      checks, install, archive, setupNote,
      el('form', { id: 'flash-form', className: 'rc-flash-form', onsubmit: (e: Event) => { e.preventDefault(); void startBatch(); } },
        el('fieldset', { className: 'rc-flash-profile', id: 'flash-kits' },
          el('legend', words('flashKit')),
          ...kitInputs.map(input => el('label', {}, input, el('span', words(kitWord(input.value)))))),
        el('label', {}, el('span', words('flashClub')), club),
        el('label', {}, el('span', words('flashSsid')), ssid),
        el('label', {}, el('span', words('flashPassword')), password),
        el('label', {}, el('span', words('flashCount')), count),
        el('label', {}, present, el('span', words('flashPresent'))),
        start, formError)),
    run,
    el('div', { className: 'rc-flash-card rc-flash-wide' }, el('h3', {}, el('span', words('flashInventory')), ' ', labels), inventory),
    el('div', { className: 'rc-flash-card rc-flash-wide' }, el('h3', words('flashPorts')), ports));

  let status: FlashingStatus | null = null;
  let view: BatchView | null = null;
  let timer = 0;
  let lastInventoryKey = '';

  function check(id: string, ok: boolean, text: string): HTMLElement {
    return el('li', { id, textContent: text, dataset: { ok: String(ok) } });
  }

  function renderStatus(): void {
    if (!status) return;
    checks.replaceChildren(
      check('flash-check-nanoff', status.nanoffFound, pick(status.nanoffMessage)),
      check('flash-check-app', status.appImagePresent, status.appImagePresent ? `${t('flashApp')}: ${status.appImage}` : `${t('flashAppMissing')} ${status.appImage}`),
      check('flash-check-archive', status.archiveFiles > 0, status.archiveFiles > 0 ? `${t('flashArchive')} (${status.archiveFiles})` : t('flashArchiveEmpty')),
      status.lan
        ? check('flash-check-hub', status.hubHost !== '127.0.0.1', `${t('flashHub')} ${status.hubHost}:${status.mqttPort}`)
        : check('flash-check-hub', false, t('flashLocalOnly')));
    install.hidden = status.nanoffFound;
    if (!club.value) club.value = status.club;
  }

  function renderView(): void {
    if (!view) return;
    run.dataset.state = view.state;
    message.textContent = view.message ? pick(view.message) : t('flashIdle');
    boardLine.textContent = view.board ? `${view.board} · ${view.port ?? ''}` : '';
    const percent = view.state === 'done' ? 100 : Math.max(0, Math.min(100, view.percent));
    bar.style.width = `${percent}%`;
    progress.dataset.percent = String(percent);
    steps.querySelectorAll<HTMLElement>('li').forEach(li => {
      const n = Number(li.dataset.step);
      const active = view!.state === 'flashing' || view!.state === 'waitingOnline' || view!.state === 'problem';
      li.classList.toggle('current', active && n === view!.step);
      li.classList.toggle('done', (active && n < view!.step) || (view!.state === 'unplug' && (n < 4 || percent >= 100)));
    });
    // A failure explained by a diagnosis shows the diagnosis only (same advice twice reads like two problems).
    const cards = view.failure && view.diagnoses.length === 0 ? [diagnosisCard({ id: `nanoff-${view.failure.code}`, problem: view.failure.problem, fix: view.failure.fix, link: null, port: view.port })] : [];
    diagnoses.replaceChildren(...cards, ...view.diagnoses.map(diagnosisCard));
    if (view.failure) diagnoses.append(el('p', { className: 'rc-flash-note', textContent: `nanoff: ${view.failure.code}` }));
    log.textContent = view.log.join('\n');
    retry.hidden = view.state !== 'problem';
    skip.hidden = view.state !== 'problem';
    help.hidden = view.state !== 'waitingForBoard';
    next.hidden = view.state !== 'unplug';
    stop.hidden = !view.running;
    start.disabled = view.running;
    const names = view.done.map(d => d.name);
    labels.href = flashApi.labelsUrl(names, lang());
  }

  async function refreshInventory(): Promise<void> {
    const boards = await flashApi.inventory();
    const key = JSON.stringify(boards);
    if (key === lastInventoryKey) return;
    lastInventoryKey = key;
    const head = el('tr', {}, ...(['flashName', 'flashKind', 'flashChip', 'flashMac', 'flashFirmware', 'flashDate', 'flashOnline'] as Word[]).map(w => el('th', words(w))));
    inventory.replaceChildren(head, ...boards.map(b => el('tr', { dataset: { board: b.name } },
      el('td', { textContent: b.name }), el('td', { textContent: kitText(b.profile) }),
      el('td', { textContent: b.chip ?? '–' }), el('td', { textContent: b.mac ?? '–' }), el('td', { textContent: b.firmware ?? '–' }),
      el('td', { textContent: new Date(b.provisionedAt).toLocaleString(lang()) }),
      el('td', { className: 'online', textContent: b.firstOnline ? '✔' : t('flashNotYet') }))));
    translatePage(inventory);
    if (!view?.done.length) labels.href = flashApi.labelsUrl([], lang());
  }

  async function refreshPorts(): Promise<void> {
    const list = await flashApi.ports();
    ports.replaceChildren(...(list.length === 0 ? [el('tr', {}, el('td', words('flashNoPorts')))] : list.map(p => el('tr', { dataset: { port: p.path } },
      el('td', { textContent: p.path }), el('td', { textContent: p.chip ?? '–' }), el('td', { textContent: p.usbId }),
      el('td', { textContent: p.serialNumber ?? '–' }),
      el('td', { textContent: p.diagnoses.length ? pick(p.diagnoses[0].problem) : t('flashReady') })))));
    translatePage(ports);
  }

  async function poll(): Promise<void> {
    try {
      const next = await flashApi.batch();
      const changed = !view || next.version !== view.version || next.state !== view.state;
      const before = view?.state;
      view = next;
      // A batch fills an empty archive before its first board: show it once that is over.
      if (before !== next.state && next.state === 'waitingForBoard' && status?.archiveFiles === 0) { status = await flashApi.status(); renderStatus(); }
      if (changed) renderView();
      if (changed && (next.state === 'unplug' || next.state === 'done' || next.state === 'waitingForBoard')) await refreshInventory();
      if (changed && (next.state === 'waitingForBoard' || next.state === 'problem')) await refreshPorts();
    } catch { /* the hub restarting: try again on the next tick */ }
    schedule();
  }

  function schedule(): void {
    clearTimeout(timer);
    const visible = !section.hidden;
    if (visible || view?.running) timer = window.setTimeout(() => void poll(), view?.running ? 400 : 2000);
  }

  function showError(e: unknown): void {
    formError.textContent = e instanceof ApiError ? pick(e.body.error) : String(e);
    formError.hidden = false;
  }

  async function startBatch(): Promise<void> {
    formError.hidden = true;
    try {
      view = await flashApi.start({
        profile: (kitInputs.find(i => i.checked)?.value ?? defaultKit) as Kit, club: club.value.trim(), wifiSsid: ssid.value, wifiPassword: password.value,
        count: count.value ? Number(count.value) : null, includePresent: present.checked, target: null,
      });
      renderView();
      schedule();
    } catch (e) { showError(e); }
  }

  async function act(action: 'retry' | 'skip' | 'help' | 'stop'): Promise<void> {
    try { view = await flashApi.act(action); renderView(); } catch (e) { showError(e); }
  }

  async function refreshAll(): Promise<void> {
    status = await flashApi.status();
    renderStatus();
    await Promise.all([refreshInventory(), refreshPorts(), poll()]);
  }

  retry.onclick = () => void act('retry');
  skip.onclick = () => void act('skip');
  next.onclick = () => void act('skip');
  help.onclick = () => void act('help');
  stop.onclick = () => void act('stop');
  install.onclick = async () => {
    install.disabled = true;
    setupNote.textContent = t('flashWorking');
    try { setupNote.textContent = pick((await flashApi.installNanoff()).message); }
    catch (e) { setupNote.textContent = e instanceof ApiError ? pick(e.body.error) : String(e); }
    install.disabled = false;
    await refreshAll();
  };
  archive.onclick = async () => {
    archive.disabled = true;
    setupNote.textContent = t('flashWorking');
    try { setupNote.textContent = pick((await flashApi.updateArchive()).message); }
    catch (e) { setupNote.textContent = e instanceof ApiError ? pick(e.body.error) : String(e); }
    archive.disabled = false;
    await refreshAll();
  };
  tabButton.addEventListener('click', () => void refreshAll());
  // Only when the tab is showing: the inventory is the librarian's, and a child switching language must not be asked for her password.
  onLangChange(() => { translatePage(section); renderStatus(); renderView(); lastInventoryKey = ''; if (!section.hidden) void refreshInventory(); });
  translatePage(section);
}
