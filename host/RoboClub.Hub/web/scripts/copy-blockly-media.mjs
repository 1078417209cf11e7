// Blockly loads its sounds and cursors from a CDN by default; a library without internet must not
// depend on it, so the media ship with the page (public/blockly-media, git-ignored).
import { cpSync, existsSync, mkdirSync } from 'node:fs';
const from = 'node_modules/blockly/media';
const to = 'public/blockly-media';
if (!existsSync(from)) { console.error(`${from} is missing: run npm ci first`); process.exit(1); }
mkdirSync(to, { recursive: true });
cpSync(from, to, { recursive: true });
