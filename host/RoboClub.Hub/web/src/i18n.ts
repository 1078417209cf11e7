// Every word the page shows, in Romanian and English. The language is the child's choice (kept in
// the browser), else the hub's --lang, else the browser's own language.

export type Lang = 'ro' | 'en';

const words = {
  appTitle: { ro: 'RoboClub', en: 'RoboClub' },
  editor: { ro: 'Editor', en: 'Editor' },
  data: { ro: 'Date', en: 'Data' },
  // Data tab and kiosk (src/data, src/kiosk.ts)
  dataLive: { ro: '● În direct', en: '● Live' },
  dataHistory: { ro: 'Istoric', en: 'History' },
  dataLastHour: { ro: 'ultima oră', en: 'last hour' },
  dataLastDay: { ro: 'ultima zi', en: 'last day' },
  dataLastWeek: { ro: 'ultima săptămână', en: 'last week' },
  dataCustom: { ro: 'alt interval', en: 'custom range' },
  dataCsv: { ro: '⬇ Descarcă CSV', en: '⬇ Download CSV' },
  dataSeries: { ro: 'Plăcuțe și serii', en: 'Boards and series' },
  dataNoSeries: { ro: 'Încă nu sunt date. Un program trimite date cu Plot("nume", valoare).', en: 'No data yet. A program sends data with Plot("name", value).' },
  dataSettings: { ro: 'Setări', en: 'Settings' },
  dataRetention: { ro: 'Păstrează datele (zile)', en: 'Keep data (days)' },
  dataInterval: { ro: 'Interval de măsurare (ms)', en: 'Sample interval (ms)' },
  dataIntervalNote: { ro: 'La acest interval, fiecare plăcuță își măsoară singură senzorii (și fără program); gol: doar ce desenează programul cu Plot.', en: 'At this interval every board records its own sensors (even with no program); empty: only what the program plots.' },
  dataForever: { ro: 'pentru totdeauna', en: 'forever' },
  dataBoardDefault: { ro: 'cât alege plăcuța', en: 'board default' },
  dataSave: { ro: 'Salvează', en: 'Save' },
  dataSaved: { ro: 'Setările au fost salvate.', en: 'Settings saved.' },
  dataLoading: { ro: 'Se încarcă…', en: 'Loading…' },
  dataPoints: { ro: 'puncte', en: 'points' },
  dataBuckets: { ro: 'intervale (min/medie/max)', en: 'buckets (min/avg/max)' },
  dataChooseFirst: { ro: 'Alege mai întâi o serie.', en: 'Choose a series first.' },
  kioskTitle: { ro: 'stația în direct', en: 'live station' },
  kioskWaiting: { ro: 'Se așteaptă date de la plăcuță…', en: 'Waiting for data from the board…' },
  kioskFull: { ro: 'Ecran complet', en: 'Full screen' },
  kioskScan: { ro: 'Scanează ca să vezi pe telefon', en: 'Scan to watch on your phone' },
  kioskRegion: { ro: 'Stațiile regiunii', en: 'Stations of the region' },
  boards: { ro: 'Plăcuțe', en: 'Boards' },
  board: { ro: 'Plăcuța', en: 'Board' },
  run: { ro: '▶ Pornește', en: '▶ Run' },
  stop: { ro: '■ Oprește', en: '■ Stop' },
  stopAll: { ro: 'OPREȘTE TOT', en: 'STOP ALL' },
  live: { ro: '⚡ Pe loc', en: '⚡ Live' },
  liveTitle: { ro: 'Pe loc: un clic pe un bloc îl rulează imediat pe plăcuță', en: 'Live: click a block to run it on the board at once' },
  liveOn: { ro: 'Pe loc: fă clic pe un bloc ca să-l rulezi acum pe plăcuță.', en: 'Live: click a block to run it on the board now.' },
  liveRan: { ro: '⚡ A rulat pe', en: '⚡ Ran on' },
  liveNeedsBlocks: { ro: 'Modul pe loc merge cu blocurile.', en: 'Live mode works with the blocks.' },
  stopAllDone: { ro: 'Toate plăcuțele au fost oprite', en: 'Every board was stopped' },
  blocks: { ro: 'Blocuri', en: 'Blocks' },
  csharp: { ro: 'C#', en: 'C#' },
  console: { ro: 'Consola', en: 'Console' },
  variables: { ro: 'Variabile', en: 'Variables' },
  clear: { ro: 'Șterge', en: 'Clear' },
  online: { ro: 'conectată', en: 'online' },
  offline: { ro: 'deconectată', en: 'offline' },
  running: { ro: 'rulează', en: 'running' },
  stopped: { ro: 'oprită', en: 'stopped' },
  error: { ro: 'eroare', en: 'error' },
  virtual: { ro: 'virtuală', en: 'virtual' },
  robot: { ro: 'robot', en: 'robot' },
  weather: { ro: 'stație meteo', en: 'weather station' },
  noBoards: { ro: 'Nicio plăcuță conectată încă.', en: 'No boards connected yet.' },
  sending: { ro: 'Se trimite programul…', en: 'Sending the program…' },
  sent: { ro: 'Programul rulează pe', en: 'The program runs on' },
  compileErrors: { ro: 'Programul are greșeli. Uită-te la liniile marcate.', en: 'The program has mistakes. Look at the marked lines.' },
  line: { ro: 'rândul', en: 'line' },
  runtimeError: { ro: 'Eroare în timpul rulării', en: 'Error while running' },
  identify: { ro: 'Găsește', en: 'Identify' },
  rename: { ro: 'Redenumește', en: 'Rename' },
  newName: { ro: 'Numele nou al plăcuței:', en: 'New name for the board:' },
  lastSeen: { ro: 'văzută ultima dată', en: 'last seen' },
  firmware: { ro: 'firmware', en: 'firmware' },
  signal: { ro: 'semnal Wi-Fi', en: 'Wi-Fi signal' },
  signalGood: { ro: 'Semnal bun', en: 'Good signal' },
  signalWeak: { ro: 'Semnal slab: apropie plăcuța de router sau mută routerul', en: 'Weak signal: move the board closer to the router' },
  noBlockForm: { ro: 'Unele rânduri nu au blocuri; rămân ca text C#.', en: 'Some lines have no blocks; they stay as C# text.' },
  connectionLost: { ro: 'Legătura cu hubul s-a pierdut. Se reconectează…', en: 'Lost the connection to the hub. Reconnecting…' },
  scanToJoin: { ro: 'Scanează ca să intri de pe tabletă', en: 'Scan to join from a tablet' },
  language: { ro: 'Limba', en: 'Language' },
  // projects (src/projects)
  projects: { ro: 'Proiecte', en: 'Projects' },
  whoAreYou: { ro: 'Cine ești?', en: 'Who are you?' },
  // Signing in (src/security)
  secretCode: { ro: 'Codul tău secret (4 cifre)', en: 'Your secret code (4 digits)' },
  secretCodeNew: { ro: 'Alege un cod secret din 4 cifre și ține-l minte', en: 'Choose a 4-digit secret code and remember it' },
  codeFor: { ro: 'Codul secret pentru', en: 'Secret code for' },
  codeChosen: { ro: 'Codul tău secret e salvat. Ține-l minte!', en: 'Your secret code is saved. Remember it!' },
  back: { ro: '← Înapoi', en: '← Back' },
  enter: { ro: 'Intră', en: 'Go in' },
  librarian: { ro: '🔑 Bibliotecar', en: '🔑 Librarian' },
  librarianTitle: { ro: 'Bibliotecarul', en: 'The librarian' },
  librarianSetUp: { ro: 'Alege parola bibliotecarului (cel puțin 8 caractere). Cu ea se scriu plăcuțele, se schimbă setările, se recuperează proiecte și se repornește după OPREȘTE TOT.', en: 'Choose the librarian password (at least 8 characters). It is needed to flash boards, change settings, bring back projects and allow running after STOP ALL.' },
  librarianNotSet: { ro: 'Parola bibliotecarului se alege pe calculatorul pe care rulează hubul.', en: 'The librarian password is chosen on the computer where the hub runs.' },
  librarianPassword: { ro: 'Parola bibliotecarului', en: 'Librarian password' },
  librarianAgain: { ro: 'Încă o dată', en: 'Again' },
  librarianDiffer: { ro: 'Cele două parole diferă.', en: 'The two passwords differ.' },
  librarianSignIn: { ro: 'Intră ca bibliotecar', en: 'Sign in as librarian' },
  librarianSignedIn: { ro: 'Ești intrat ca bibliotecar.', en: 'You are signed in as the librarian.' },
  librarianSignOut: { ro: 'Ieși', en: 'Sign out' },
  librarianChange: { ro: 'Schimbă parola', en: 'Change password' },
  librarianCurrent: { ro: 'Parola de acum', en: 'Current password' },
  librarianNew: { ro: 'Parola nouă', en: 'New password' },
  librarianChanged: { ro: 'Parola a fost schimbată.', en: 'The password was changed.' },
  librarianExport: { ro: '⬇ Descarcă tot (proiecte și date)', en: '⬇ Download everything (projects and data)' },
  librarianClearCode: { ro: 'Șterge codul secret al copilului', en: "Clear the child's secret code" },
  librarianCodeCleared: { ro: 'Codul a fost șters: copilul alege unul nou când intră.', en: 'The code was cleared: the child chooses a new one when signing in.' },
  cancel: { ro: 'Renunță', en: 'Cancel' },
  close: { ro: 'Închide', en: 'Close' },
  estopBanner: { ro: 'S-a apăsat OPREȘTE TOT. Programele pot porni din nou când bibliotecarul permite.', en: 'STOP ALL was pressed. Programs can run again when the librarian allows it.' },
  estopReset: { ro: 'Permite din nou (bibliotecar)', en: 'Allow again (librarian)' },
  leaveBoard: { ro: 'Lasă plăcuța', en: 'Leave the board' },
  yourName: { ro: 'Numele tău', en: 'Your name' },
  start: { ro: 'Începe', en: 'Start' },
  orNew: { ro: 'Sau ești nou aici?', en: 'Or are you new here?' },
  newChild: { ro: 'Alege-ți numele și culoarea', en: 'Pick your name and colour' },
  switchChild: { ro: 'Schimbă copilul', en: 'Switch child' },
  myProjects: { ro: 'Proiectele mele', en: 'My projects' },
  projectName: { ro: 'Numele proiectului', en: 'Project name' },
  newProject: { ro: 'Proiect nou', en: 'New project' },
  importFile: { ro: 'Încarcă un fișier de proiect: ', en: 'Load a project file: ' },
  exportFile: { ro: 'Descarcă', en: 'Download' },
  openProject: { ro: 'Deschide', en: 'Open' },
  duplicate: { ro: 'Copiază', en: 'Copy' },
  deleteProject: { ro: 'Șterge', en: 'Delete' },
  confirmDelete: { ro: 'Ștergi proiectul', en: 'Delete the project' },
  history: { ro: 'Istoric', en: 'History' },
  restoreVersion: { ro: 'Readu această versiune', en: 'Bring this version back' },
  saved: { ro: 'Salvat', en: 'Saved' },
  firstProject: { ro: 'Primul meu proiect', en: 'My first project' },
  // the librarian's "New boards" tab (src/flash)
  flash: { ro: 'Plăcuțe noi', en: 'New boards' },
  flashTitle: { ro: 'Pregătește plăcuțe noi', en: 'Set up new boards' },
  flashLibrarianOnly: { ro: 'Pentru bibliotecar. Conectează plăcuțele una câte una; fiecare primește nanoFramework, aplicația RoboClub, Wi-Fi-ul și un nume.', en: 'For the librarian. Plug the boards in one at a time; each gets nanoFramework, the RoboClub app, the Wi-Fi and a name.' },
  flashInstallNanoff: { ro: 'Instalează nanoff', en: 'Install nanoff' },
  flashUpdateArchive: { ro: 'Actualizează arhiva offline', en: 'Update the offline archive' },
  flashApp: { ro: 'Aplicația RoboClub', en: 'RoboClub app' },
  flashAppMissing: { ro: 'Lipsește aplicația RoboClub (vezi docs/flashing.md):', en: 'The RoboClub app is missing (see docs/flashing.md):' },
  flashArchive: { ro: 'Arhiva offline de firmware este pregătită', en: 'The offline firmware archive is ready' },
  flashArchiveEmpty: { ro: 'Arhiva offline este goală: firmware-ul se descarcă la fiecare plăcuță (e nevoie de internet).', en: 'The offline archive is empty: firmware is downloaded for each board (internet needed).' },
  flashHub: { ro: 'Plăcuțele vor căuta hubul la', en: 'Boards will look for the hub at' },
  flashLocalOnly: { ro: 'Hubul primește doar conexiuni de pe acest calculator (--local-only): plăcuțele nu se vor putea conecta. Pornește hubul fără --local-only.', en: 'The hub accepts connections from this computer only (--local-only): boards will not be able to connect. Start the hub without --local-only.' },
  flashClub: { ro: 'Clubul', en: 'Club' },
  flashKit: { ro: 'Trusa', en: 'Kit' },
  // The kits (the firmware's board profiles, docs/boards.md); the key is the profile name written to roboclub.json.
  'kit:robot-tb6612': { ro: 'Robot cu driver TB6612FNG', en: 'Robot with a TB6612FNG driver' },
  'kit:robot-l298n': { ro: 'Robot cu driver L298N', en: 'Robot with an L298N driver' },
  'kit:weather-bme280': { ro: 'Stație meteo cu BME280', en: 'Weather station with a BME280' },
  'kit:weather-dht22': { ro: 'Stație meteo cu DHT22', en: 'Weather station with a DHT22' },
  flashSsid: { ro: 'Numele rețelei Wi-Fi', en: 'Wi-Fi name' },
  flashPassword: { ro: 'Parola Wi-Fi', en: 'Wi-Fi password' },
  flashCount: { ro: 'Câte plăcuțe (gol: până apeși Oprește)', en: 'How many boards (empty: until Stop)' },
  flashPresent: { ro: ' Scrie și plăcuțele deja conectate', en: ' Also flash boards already plugged in' },
  flashStart: { ro: 'Începe', en: 'Start' },
  flashProgressTitle: { ro: 'Progres', en: 'Progress' },
  flashIdle: { ro: 'Alege tipul plăcuțelor și Wi-Fi-ul, apoi apasă Începe.', en: 'Choose the kind of boards and the Wi-Fi, then press Start.' },
  flashStep1: { ro: '1. nanoFramework', en: '1. nanoFramework' },
  flashStep2: { ro: '2. aplicația RoboClub', en: '2. RoboClub app' },
  flashStep3: { ro: '3. Wi-Fi și setări', en: '3. Wi-Fi and settings' },
  flashStep4: { ro: '4. intră în hub', en: '4. joins the hub' },
  flashRetry: { ro: 'Încearcă din nou', en: 'Try again' },
  flashSkip: { ro: 'Sari peste', en: 'Skip' },
  flashHelp: { ro: 'Nu se întâmplă nimic?', en: 'Nothing happens?' },
  flashNext: { ro: 'Următoarea', en: 'Next' },
  flashStop: { ro: 'Oprește', en: 'Stop' },
  flashLog: { ro: 'Jurnal nanoff', en: 'nanoff log' },
  flashInventory: { ro: 'Inventarul plăcuțelor', en: 'Board inventory' },
  flashPrintLabels: { ro: 'Tipărește etichetele', en: 'Print labels' },
  flashPorts: { ro: 'Porturi seriale', en: 'Serial ports' },
  flashNoPorts: { ro: 'Nicio plăcuță conectată.', en: 'No board plugged in.' },
  flashReady: { ro: 'gata de scris', en: 'ready to flash' },
  flashName: { ro: 'Nume', en: 'Name' },
  flashKind: { ro: 'Trusa', en: 'Kit' },
  flashChip: { ro: 'Cip', en: 'Chip' },
  flashMac: { ro: 'MAC', en: 'MAC' },
  flashFirmware: { ro: 'nanoFramework', en: 'nanoFramework' },
  flashDate: { ro: 'Data', en: 'Date' },
  flashOnline: { ro: 'În hub', en: 'On the hub' },
  flashNotYet: { ro: 'încă nu', en: 'not yet' },
  flashWorking: { ro: 'Se lucrează… (poate dura câteva minute)', en: 'Working… (this can take a few minutes)' },
  // lessons (src/lessons)
  lessons: { ro: 'Lecții', en: 'Lessons' },
  lessonTrackWeather: { ro: 'Stația meteo', en: 'Weather station' },
  lessonTrackRobot: { ro: 'Robotul', en: 'Robot' },
  lessonStep: { ro: 'Pasul', en: 'Step' },
  lessonCheck: { ro: '✔ Verifică programul', en: '✔ Check my program' },
  lessonChecking: { ro: 'Robotul virtual încearcă programul tău…', en: 'The virtual board is trying your program…' },
  lessonPassed: { ro: 'Bravo! Programul face tot ce cere lecția.', en: 'Well done! Your program does everything the lesson asks.' },
  lessonNotYet: { ro: 'Aproape! Uite ce merge deja și ce mai lipsește:', en: 'Nearly there! Here is what works and what is still missing:' },
  lessonFixFirst: { ro: 'Programul are greșeli (uită-te la liniile marcate). Repară-le, apoi verifică din nou.', en: 'The program has mistakes (look at the marked lines). Fix them, then check again.' },
  lessonClose: { ro: 'Închide lecția', en: 'Close the lesson' },
  lessonWiring: { ro: 'Pentru bibliotecar: montajul', en: 'For the librarian: wiring' },
  lessonFinished: { ro: 'terminată', en: 'finished' },
  lessonChecks: { ro: 'verificări', en: 'checks' },
  lessonClassProgress: { ro: 'Cine ce a terminat (pentru bibliotecar)', en: 'Who finished what (for the librarian)' },
  lessonOutput: { ro: 'Ce a afișat plăcuța în verificare', en: 'What the board printed during the check' },
  lessonProblems: { ro: 'Lecții care nu s-au putut încărca:', en: 'Lessons that could not be loaded:' },
} as const;

export type Word = keyof typeof words;

function initialLang(): Lang {
  const saved = localStorage.getItem('roboclub.lang');
  if (saved === 'ro' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('ro') ? 'ro' : 'en';
}

let current: Lang = initialLang();
const listeners: Array<(lang: Lang) => void> = [];

export function lang(): Lang { return current; }

export function t(word: Word): string { return words[word][current]; }

/** Picks the text of a {en, ro} message from the hub. */
export function pick(message: { en: string; ro: string } | null | undefined): string {
  return message ? (current === 'ro' ? message.ro : message.en) : '';
}

export function setLang(next: Lang, remember = true): void {
  if (remember) localStorage.setItem('roboclub.lang', next);
  if (next === current) return;
  current = next;
  document.documentElement.lang = next;
  for (const l of listeners) l(next);
}

/** Uses the hub's --lang unless the child already chose a language on this device. */
export function defaultLang(hubLang: string | null | undefined): void {
  if (localStorage.getItem('roboclub.lang')) return;
  if (hubLang === 'ro' || hubLang === 'en') setLang(hubLang, false);
}

export function onLangChange(listener: (lang: Lang) => void): void { listeners.push(listener); }

/** Fills every element with data-t="word" with its text. */
export function translatePage(root: ParentNode = document): void {
  root.querySelectorAll<HTMLElement>('[data-t]').forEach(el => { el.textContent = t(el.dataset.t as Word); });
}
