import { describe, expect, it } from 'vitest';
import { AGENT_TONE_HZ, eventually, rising } from './phone-engine.harness';
import { useBench } from './phone-engine.setup';

// Each test here fails on JsSIP 3.13.8 as published and passes with patches/jssip+3.13.8.patch
// (applied by patch-package at install).
const bench = useBench();

describe('JsSIP defects handled (each test fails on unpatched JsSIP 3.13.8)', () => {
  it('a hold re-INVITE answered 488 leaves the call up (RFC 3261 §14.1)', async () => {
    const { engine, far, callId } = await bench.connectedCall();
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent before the hold');
    await rising(() => engine.inboundBytes(callId), 'agent inbound-rtp bytes before the hold');
    await far.rejectNextReinvite();
    expect(await engine.command('hold', callId)).toBeUndefined();
    const failed = await engine.waitFor('hold-failed', (e) => e.callId === callId);
    expect(failed).toMatchObject({ status: 488, resuming: false });
    expect((await engine.events()).some((e) => e.type === 'ended')).toBe(false);
    // The call goes on unheld, both ways, and a later hold works.
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer still hears the agent');
    await rising(() => engine.inboundBytes(callId), 'agent inbound-rtp bytes after the 488');
    expect(await engine.command('hold', callId)).toBeUndefined();
    await engine.waitFor('held', (e) => e.callId === callId);
    expect(await engine.errors()).toEqual([]);
  });

  it('an in-dialog NOTIFY without an Event header gets 400 and nothing breaks', async () => {
    const { engine, far, callId } = await bench.connectedCall();
    expect(await far.notifyWithoutEvent()).toBe(400);
    await new Promise((r) => setTimeout(r, 500));
    expect(await engine.errors()).toEqual([]);
    expect((await engine.events()).some((e) => e.type === 'ended')).toBe(false);
    expect(await engine.command('hold', callId)).toBeUndefined();
    await engine.waitFor('held', (e) => e.callId === callId);
  });

  it("an attended transfer of a consult call we received carries Replaces with the consult party's tag as to-tag (#817, RFC 3891 §3)", async () => {
    const { engine, far: customerEnd, callId } = await bench.connectedCall();
    const senior = await bench.farEnd('senior', { displayName: 'Sam Senior', toneHz: 880 });
    await engine.command('hold', callId);
    await engine.waitFor('held', (e) => e.callId === callId);
    // The senior calls the agent back (a consult call the agent receives).
    await senior.call(engine.aor);
    const consult = await engine.waitFor('incoming', (e) => e.call.callId !== callId);
    expect(consult.waiting).toBe(true);
    await engine.answer(consult.call.callId);
    await engine.waitFor('answered', (e) => e.callId === consult.call.callId);
    const seniorDialog = (
      await eventually(
        () => senior.state(),
        (s) => s.dialog !== undefined,
        'senior dialog',
      )
    ).dialog!;

    expect(await engine.transferAttended(callId, consult.call.callId)).toBeUndefined();
    const referTo = (
      await eventually(
        () => customerEnd.state(),
        (s) => s.referTo !== undefined,
        'REFER at the customer',
      )
    ).referTo!;
    const replaces = decodeURIComponent(/[?&]Replaces=([^&>]+)/i.exec(referTo)?.[1] ?? '');
    // The senior receives the INVITE with Replaces, so to-tag must be the senior's own tag.
    expect(replaces).toBe(`${seniorDialog.callId};to-tag=${seniorDialog.localTag};from-tag=${seniorDialog.remoteTag}`);
  });
});
