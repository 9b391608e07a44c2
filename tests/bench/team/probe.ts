/**
 * What the team benchmark watches inside the app's page, installed before the page's own script.
 * Plain JavaScript in a string (injected as it is). Times are `performance.timeOrigin +
 * performance.now()`, comparable with the same expression in the benchmark's Node process (one
 * machine, one wall clock).
 *
 * - `states`: every change of a team-list row's `data-state` (user, state, time), seen by a
 *   MutationObserver: its callback runs right after React's commit, so the time is "in the DOM";
 * - `notifies`: every presence NOTIFY the page's WebSocket received (user, time), seen by a
 *   listener added before JsSIP's own, so the time is its arrival, before JsSIP parses it.
 * Both lists are drained by `take()`, so a long run holds no more than one window of records.
 */
export const TEAM_PROBE_SCRIPT = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const probe = { states: [], notifies: [] };
  probe.take = () => {
    const taken = { states: probe.states, notifies: probe.notifies };
    probe.states = [];
    probe.notifies = [];
    return taken;
  };
  window.__team = probe;

  new MutationObserver((records) => {
    const t = now();
    for (const r of records) {
      const el = r.target;
      const user = el.getAttribute && el.getAttribute('data-user');
      if (user) probe.states.push([user, el.getAttribute('data-state'), t]);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });

  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const data = event.data;
        if (typeof data !== 'string' || !data.startsWith('NOTIFY ')) return;
        if (!/\\r\\nEvent: *presence/i.test(data)) return;
        const from = /\\r\\nFrom: *<sip:([^@>]+)@/i.exec(data);
        if (from) probe.notifies.push([from[1], now()]);
      });
    }
  };
})();`;

export type StateRecord = [user: string, state: string, at: number];
export type NotifyRecord = [user: string, at: number];
