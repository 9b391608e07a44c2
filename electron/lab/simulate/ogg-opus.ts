/**
 * The Opus packets of an Ogg Opus file (RFC 7845), in order, without decoding them: the simulator sends each one
 * as the payload of one RTP packet (RFC 7587), so a recording made by `opusenc --framesize 20` plays as 20 ms
 * frames with no codec in this process.
 */
export class OggOpusError extends Error {}

/** Opus packets after the two header packets (OpusHead, OpusTags). */
export function readOpusPackets(file: Buffer): Buffer[] {
  const packets: Buffer[] = [];
  let partial: Buffer[] = [];
  let offset = 0;
  while (offset < file.length) {
    if (file.length - offset < 27 || file.toString('latin1', offset, offset + 4) !== 'OggS') {
      throw new OggOpusError(`no Ogg page at byte ${offset}`);
    }
    const segments = file[offset + 26]!;
    const tableEnd = offset + 27 + segments;
    if (tableEnd > file.length) throw new OggOpusError('truncated Ogg page header');
    let data = tableEnd;
    for (let i = 0; i < segments; i += 1) {
      const size = file[offset + 27 + i]!;
      if (data + size > file.length) throw new OggOpusError('truncated Ogg page');
      partial.push(file.subarray(data, data + size));
      data += size;
      // A lacing value below 255 ends the packet; 255 means it continues in the next segment (or page).
      if (size < 255) {
        packets.push(Buffer.concat(partial));
        partial = [];
      }
    }
    offset = data;
  }
  const [head, tags, ...audio] = packets;
  if (!head || head.toString('latin1', 0, 8) !== 'OpusHead') throw new OggOpusError('not an Ogg Opus file (no OpusHead)');
  if (!tags || tags.toString('latin1', 0, 8) !== 'OpusTags') throw new OggOpusError('no OpusTags packet');
  return audio.filter((p) => p.length > 0);
}

/**
 * Samples (at 48 kHz, the RTP clock of Opus) one packet holds, from its TOC byte (RFC 6716 §3.1), so RTP
 * timestamps advance correctly whatever frame size the file was encoded with.
 */
export function opusPacketSamples(packet: Buffer): number {
  const toc = packet[0];
  if (toc === undefined) return 0;
  const config = toc >> 3;
  let frame: number; // samples per frame at 48 kHz
  if (config < 12)
    frame = [480, 960, 1920, 2880][config % 4]!; // SILK: 10, 20, 40, 60 ms
  else if (config < 16)
    frame = [480, 960][config % 2]!; // hybrid: 10, 20 ms
  else frame = [120, 240, 480, 960][config % 4]!; // CELT: 2.5, 5, 10, 20 ms
  const code = toc & 3;
  const frames = code === 0 ? 1 : code === 3 ? (packet[1] ?? 0) & 0x3f : 2;
  return frame * frames;
}

/** A 20 ms Opus frame of silence (CELT, TOC 0xF8), sent between complaints so the stream stays continuous. */
export const OPUS_SILENCE = Buffer.from([0xf8, 0xff, 0xfe]);
