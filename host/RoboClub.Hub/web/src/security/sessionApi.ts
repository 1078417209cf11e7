// Signing in (host/RoboClub.Hub/Api/SessionApi.cs): the librarian's password and children's codes.
// The hub keeps the session in an HttpOnly cookie; the page only asks who is signed in.
import { call } from '../api';
import type { Child } from '../projects/projectsApi';

export interface Session {
  librarian: boolean; child: Child | null; passwordSet: boolean; canSetUpHere: boolean; emergencyStop: string | null;
}

export const sessionApi = {
  session: () => call<Session>('GET', '/api/session'),
  setUp: (password: string) => call<{ librarian: boolean }>('POST', '/api/librarian/setup', { password }),
  signIn: (password: string) => call<{ librarian: boolean }>('POST', '/api/librarian/sign-in', { password }),
  signOut: () => call<{ librarian: boolean }>('POST', '/api/librarian/sign-out', {}),
  changePassword: (current: string, password: string) => call<{ librarian: boolean }>('POST', '/api/librarian/password', { current, password }),
  childSignIn: (id: number, code: string) => call<{ child: Child; codeChosenNow: boolean }>('POST', `/api/children/${id}/sign-in`, { code }),
  childSignOut: () => call<unknown>('POST', '/api/children/sign-out', {}),
  clearCode: (id: number) => call<unknown>('POST', `/api/children/${id}/code/clear`, {}),
  resetStop: () => call<unknown>('POST', '/api/stop-all/reset', {}),
  leaveBoard: (board: string) => call<unknown>('DELETE', `/api/boards/${encodeURIComponent(board)}/claim`),
};
