/**
 * The floor the app is measured against (issue 19): a bare JsSIP 3.13 page with the least UI a
 * phone needs — a registration line, a ringing card with Answer, the far end's audio — and
 * nothing else. Configured from its address (`?ws=…&uri=…&password=…`), so a cold start is a
 * navigation and nothing more, as it is for the app. Class names match the app's ringing card, so
 * the benchmark uses one selector for both. After a call it asks for Ready as the app's after-call
 * form does (a form named "After-call work", an agent state that reads available again): the
 * benchmark ends a call the same way on both pages, so its driver runs the same code in each (its
 * compiled code counts in the JS heap per call).
 */
import { UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent } from 'jssip/lib/UA';

const params = new URLSearchParams(location.search);
const status = document.createElement('span');
status.dataset.testid = 'registration';
status.textContent = 'Connecting';
const agentState = document.createElement('span');
agentState.dataset.testid = 'agent-state';
agentState.className = 'agent-state agent-state-available';
const remote = document.createElement('audio');
remote.autoplay = true;
document.body.append(status, agentState, remote);

const ua = new UA({
  sockets: [new WebSocketInterface(params.get('ws') ?? '')],
  uri: params.get('uri') ?? '',
  password: params.get('password') ?? '',
  register: true,
});
ua.on('registered', () => (status.textContent = 'Signed in'));
ua.on('registrationFailed', () => (status.textContent = 'Sign-in failed'));
ua.on('newRTCSession', (e: RTCSessionEvent) => {
  if (e.originator === 'remote') ringing(e.session);
});
ua.start();

function ringing(session: RTCSession): void {
  const card = document.createElement('section');
  card.className = 'call-card incoming';
  const who = document.createElement('h2');
  who.textContent = session.remote_identity.display_name || session.remote_identity.uri.user;
  const answer = document.createElement('button');
  answer.className = 'answer';
  answer.textContent = 'Answer';
  answer.onclick = async () => {
    answer.disabled = true;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    session.answer({ mediaStream: stream });
    card.className = 'call-card active';
    answer.remove();
  };
  // JsSIP creates an incoming call's peer connection in answer(), after this event: its audio is
  // played from the connection's 'track' event, as a phone must (the CPU in call counts playback).
  session.on('peerconnection', (e: { peerconnection: RTCPeerConnection }) =>
    e.peerconnection.addEventListener('track', (t) => (remote.srcObject = t.streams[0] ?? new MediaStream([t.track]))),
  );
  card.append(who, answer);
  document.body.append(card);
  const end = () => {
    card.remove();
    for (const track of session.connection?.getSenders().map((s) => s.track) ?? []) track?.stop();
    afterCall();
  };
  session.on('ended', end);
  session.on('failed', end);
}

/** The agent's Ready after a call: a form with one button, gone once clicked. */
function afterCall(): void {
  agentState.className = 'agent-state agent-state-wrap-up';
  const form = document.createElement('form');
  form.setAttribute('aria-label', 'After-call work');
  const ready = document.createElement('button');
  ready.type = 'button';
  ready.textContent = 'Ready';
  ready.onclick = () => {
    form.remove();
    agentState.className = 'agent-state agent-state-available';
  };
  form.append(ready);
  document.body.append(form);
}
