/**
 * Copies text for the agent to paste. The async Clipboard API is refused where the window grants
 * no clipboard permission (the desktop shell allows only the microphone), so fall back to the
 * selection-and-copy command, which needs only the click that got us here.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyBySelection(text);
  }
}

function copyBySelection(text: string): boolean {
  const active = document.activeElement;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  // Put focus back where the agent was (the phrase button), so the keyboard flow is not lost.
  if (active instanceof HTMLElement) active.focus();
  return copied;
}
