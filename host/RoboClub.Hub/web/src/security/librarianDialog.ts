// The librarian's box: choose the password on the hub's PC the first time, sign in, and once signed
// in: download everything, release STOP ALL, clear a child's forgotten code, change the password.
import { ApiError } from '../api';
import { pick, t } from '../i18n';
import { projectsApi } from '../projects/projectsApi';
import { sessionApi, type Session } from './sessionApi';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

function passwordInput(name: string, placeholder: string): HTMLInputElement {
  return el('input', { type: 'password', name, placeholder, required: true, autocomplete: name === 'current' ? 'current-password' : 'new-password', maxLength: 200 });
}

function message(e: unknown): string {
  return e instanceof ApiError ? pick(e.body.error) : String(e);
}

/**
 * Shows the box; resolves true when the librarian is signed in at the end. With
 * <paramref name="onlySignIn"/> (a refused request is waiting) it closes as soon as that happens.
 */
export async function openLibrarian(dialog: HTMLDialogElement, onlySignIn: boolean, changed: () => void): Promise<boolean> {
  let session = await sessionApi.session();
  return new Promise(resolve => {
    const finish = (ok: boolean) => { dialog.close(); resolve(ok); };
    dialog.onclose = () => resolve(session.librarian);
    const error = el('p', { className: 'rc-form-error' });
    const cancel = el('button', { type: 'button', textContent: onlySignIn ? t('cancel') : t('close'), className: 'rc-cancel' });
    cancel.onclick = () => finish(session.librarian);

    const render = (s: Session) => {
      session = s;
      const title = el('h2', { textContent: t('librarianTitle') });
      error.textContent = '';
      if (!s.passwordSet && !s.canSetUpHere) {
        dialog.replaceChildren(title, el('p', { textContent: t('librarianNotSet') }), cancel);
        return;
      }
      if (!s.passwordSet) {
        const first = passwordInput('password', t('librarianPassword')), second = passwordInput('again', t('librarianAgain'));
        const form = el('form', { className: 'rc-librarian-setup' }, el('p', { textContent: t('librarianSetUp') }), first, second,
          el('button', { type: 'submit', textContent: t('librarianSignIn') }), error);
        form.onsubmit = async e => {
          e.preventDefault();
          if (first.value !== second.value) { error.textContent = t('librarianDiffer'); return; }
          try { await sessionApi.setUp(first.value); changed(); if (onlySignIn) finish(true); else render(await sessionApi.session()); }
          catch (err) { error.textContent = message(err); }
        };
        dialog.replaceChildren(title, form, cancel);
        first.focus();
        return;
      }
      if (!s.librarian) {
        const password = passwordInput('current', t('librarianPassword'));
        const form = el('form', { className: 'rc-librarian-sign-in' }, password, el('button', { type: 'submit', textContent: t('librarianSignIn') }), error);
        form.onsubmit = async e => {
          e.preventDefault();
          try { await sessionApi.signIn(password.value); changed(); if (onlySignIn) finish(true); else render(await sessionApi.session()); }
          catch (err) { error.textContent = message(err); password.select(); }
        };
        dialog.replaceChildren(title, form, cancel);
        password.focus();
        return;
      }
      // Signed in: the librarian's tools.
      const tools = el('div', { className: 'rc-librarian-tools' });
      tools.append(el('p', { textContent: t('librarianSignedIn') }));
      tools.append(el('a', { href: '/api/export/everything', textContent: t('librarianExport'), className: 'rc-export-all' }));
      if (s.emergencyStop) {
        const reset = el('button', { type: 'button', textContent: t('estopReset'), className: 'rc-estop-reset' });
        reset.onclick = async () => { try { await sessionApi.resetStop(); render(await sessionApi.session()); } catch (err) { error.textContent = message(err); } };
        tools.append(reset);
      }
      const children = el('select', { className: 'rc-code-child' });
      const clear = el('button', { type: 'button', textContent: t('librarianClearCode') });
      clear.onclick = async () => {
        try { await sessionApi.clearCode(Number(children.value)); error.textContent = t('librarianCodeCleared'); }
        catch (err) { error.textContent = message(err); }
      };
      void projectsApi.children().then(list => children.replaceChildren(...list.map(c => el('option', { value: String(c.id), textContent: `${c.name} (${c.colour})` }))));
      tools.append(el('div', { className: 'rc-row' }, children, clear));
      const current = passwordInput('current', t('librarianCurrent')), next = passwordInput('password', t('librarianNew'));
      const change = el('form', { className: 'rc-librarian-change' }, el('h3', { textContent: t('librarianChange') }), current, next, el('button', { type: 'submit', textContent: t('librarianChange') }));
      change.onsubmit = async e => {
        e.preventDefault();
        try { await sessionApi.changePassword(current.value, next.value); error.textContent = t('librarianChanged'); current.value = next.value = ''; }
        catch (err) { error.textContent = message(err); }
      };
      const signOut = el('button', { type: 'button', textContent: t('librarianSignOut'), className: 'rc-sign-out' });
      signOut.onclick = async () => { await sessionApi.signOut(); changed(); finish(false); };
      dialog.replaceChildren(title, tools, change, error, el('div', { className: 'rc-row' }, signOut, cancel));
    };
    render(session);
    if (!dialog.open) dialog.showModal();
  });
}
