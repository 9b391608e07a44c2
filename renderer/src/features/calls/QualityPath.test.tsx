import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { assessQuality } from '../../../../shared/quality/e-model';
import { initI18n } from '../../i18n';
import { QualityLog } from '../../state/quality-log';
import { QualityBadge } from './QualityBadge';

beforeAll(async () => {
  await initI18n('en');
});

/** A stats report with audio received over a TURN relay reached by TCP. */
const relayed = [
  { type: 'inbound-rtp', id: 'in', kind: 'audio', packetsReceived: 100, packetsLost: 0, jitter: 0.002, bytesReceived: 16_000 },
  { type: 'transport', id: 'T', selectedCandidatePairId: 'P' },
  { type: 'candidate-pair', id: 'P', localCandidateId: 'L', remoteCandidateId: 'R', state: 'succeeded' },
  { type: 'local-candidate', id: 'L', candidateType: 'relay', address: '10.99.0.1', protocol: 'udp', relayProtocol: 'tcp' },
  { type: 'remote-candidate', id: 'R', candidateType: 'host', address: '10.77.0.1', protocol: 'udp' },
];

describe('the quality details name the path the audio takes', () => {
  it('reads the relay from the stats and shows it in the badge details', () => {
    const log = new QualityLog();
    log.addReading('c1', relayed);
    const quality = log.latest('c1');
    expect(quality?.path).toEqual({ localType: 'relay', relayProtocol: 'tcp' });
    const html = renderToStaticMarkup(
      <QualityBadge quality={quality!.assessment} rttMs={20} jitterMs={2} lossPercent={0} path={quality!.path!} />,
    );
    expect(html).toContain('relayed by the TURN server over TCP');
  });

  it('says direct for a host pair', () => {
    const html = renderToStaticMarkup(
      <QualityBadge quality={assessQuality({ rttMs: 20, jitterMs: 2, lossPercent: 0 })} path={{ localType: 'host' }} />,
    );
    expect(html).toContain('direct path (host)');
  });
});
