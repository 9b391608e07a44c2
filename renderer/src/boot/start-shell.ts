import type { TFunction } from '../i18n/translator';
import { detailInline, registrationText, type RegistrationText } from '../features/agent/registration-text';
import type { PhoneState } from '../state/phone-state';
import { agentStateLabel } from '../ui/agent-state-label';

/** What the start shell shows: the status bar's brand, agent state and registration line. */
export interface ShellView {
  readonly brand: string;
  readonly region: string;
  readonly agentKind: PhoneState['agent']['kind'];
  readonly agentText: string;
  /** Undefined when the phone is not set up: the line then says so, as the status bar does. */
  readonly registration: (RegistrationText & { readonly inline: boolean }) | undefined;
  readonly notConfigured: string | undefined;
}

/** The shell's content for a phone state, in the agent's language: the same words the React status bar uses. */
export function shellView(state: Pick<PhoneState, 'agent' | 'registration'>, configured: boolean, t: TFunction): ShellView {
  return {
    brand: t('app.name'),
    region: t('status.region'),
    agentKind: state.agent.kind,
    agentText: agentStateLabel(state.agent, t),
    registration: configured
      ? { ...registrationText(state.registration, t), inline: detailInline(state.registration) }
      : undefined,
    notConfigured: configured ? undefined : t('status.phoneNotConfigured'),
  };
}

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, ...children: Node[]) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
};

/**
 * The status bar in plain DOM, shown in #root from sign-in until React mounts the app (issue 19:
 * the phone signs in before React and the App are evaluated). It has the status bar's elements and
 * classes, so the bar does not move when React's takes its place (React clears #root in the commit
 * that shows the app). Text only, never HTML: the registration detail comes from the network.
 * Its test ids are its own (`start-registration`, `start-agent-state`): a test that waits for the
 * app's "Signed in" gets the app, never the shell.
 */
export class StartShell {
  readonly #bar = element('header', { class: 'status-bar' });
  readonly #root: HTMLElement;

  constructor(root: HTMLElement) {
    this.#root = root;
    root.replaceChildren(element('div', { class: 'app start-shell', 'data-testid': 'start-shell' }, this.#bar));
  }

  show(view: ShellView): void {
    const items = element(
      'div',
      { class: 'status-items', role: 'region', 'aria-label': view.region },
      element(
        'span',
        {
          class: `agent-state agent-state-${view.agentKind}`,
          role: 'status',
          'aria-live': 'polite',
          'data-testid': 'start-agent-state',
        },
        element('span', { class: 'dot', 'aria-hidden': 'true' }),
        document.createTextNode(view.agentText),
      ),
    );
    if (view.notConfigured !== undefined)
      items.append(element('span', { class: 'registration' }, document.createTextNode(view.notConfigured)));
    const parts: Node[] = [element('span', { class: 'brand' }, document.createTextNode(view.brand)), items];
    const line = view.registration;
    if (line) {
      const attrs: Record<string, string> = {
        class: `registration ${line.tone}`,
        'data-testid': 'start-registration',
        role: 'status',
        'aria-live': 'polite',
      };
      if (line.detail && !line.inline) attrs.title = line.detail;
      const registration = element('span', attrs, element('span', { class: 'text' }, document.createTextNode(line.text)));
      if (line.detail && line.inline)
        registration.append(element('span', { class: 'detail' }, document.createTextNode(` (${line.detail})`)));
      parts.push(registration);
    }
    // The app's bar holds buttons and a select, taller than text: invisible ones here give the
    // shell's bar the same height, so nothing below it moves when the app takes its place.
    parts.push(
      element(
        'div',
        { class: 'agent-controls start-shell-placeholder', 'aria-hidden': 'true' },
        element('button', { type: 'button', disabled: '' }, document.createTextNode('\u00a0')),
        element('select', { disabled: '' }),
      ),
    );
    this.#bar.replaceChildren(...parts);
  }

  /** Whether the shell is still what #root shows (React's first commit replaces it). */
  get shown(): boolean {
    return this.#root.contains(this.#bar);
  }
}
