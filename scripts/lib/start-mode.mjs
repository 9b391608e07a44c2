// Which Warmline `npm start` opens. Browser mode is asked for with WARMLINE_MODE=browser, and by the options
// only browser mode has: the desktop app takes no `--agent` (one desktop app per user: it signs in as the first lab agent), so
// `npm start -- --agent 2001`, the senior's Warmline of the README's lab story, must not open a second
// desktop app (which its single-instance lock would fold into the first one's window).
const BROWSER_ONLY = ['--agent', '--port', '--data-dir', '--lab-port', '--no-lab', '--reset-corrupt-db'];

/** True when `npm start` must run browser mode whatever binary and display there are. */
export function wantsBrowserMode(argv, env) {
  if (env.WARMLINE_MODE === 'browser') return true;
  return argv.some((arg) => BROWSER_ONLY.some((option) => arg === option || arg.startsWith(`${option}=`)));
}
