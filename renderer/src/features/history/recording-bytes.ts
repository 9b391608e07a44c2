import type { HostApi } from '../../host';

/** A call's recording read from the host page by page, as one Blob of its own type; an error message otherwise. */
export async function loadRecording(
  host: Pick<HostApi, 'readRecording'>,
  callId: string,
): Promise<{ readonly ok: true; readonly blob: Blob } | { readonly ok: false; readonly message: string }> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  let mimeType = '';
  for (;;) {
    const page = await host.readRecording({ callId, offset });
    if (!page.ok) return { ok: false, message: page.error.message };
    mimeType = page.value.mimeType;
    const binary = atob(page.value.data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    parts.push(bytes);
    offset += bytes.length;
    // An empty page before the end would loop for ever: the file shrank under us.
    if (offset >= page.value.totalBytes || bytes.length === 0) break;
  }
  return { ok: true, blob: new Blob(parts, { type: mimeType }) };
}
