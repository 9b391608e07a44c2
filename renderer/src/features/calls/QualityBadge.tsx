import { useTranslation } from '../../i18n';
import { useLocaleFormats } from '../../ui/locale-format';
import type { QualityAssessment } from '../../../../shared/quality/e-model';
import type { CallId } from '../../phone';
import type { CallQuality, QualityLog } from '../../state/quality-log';
import { useCallQuality } from './use-call-media';

export interface QualityBadgeProps {
  readonly quality: QualityAssessment | undefined;
  readonly jitterMs?: number;
  readonly lossPercent?: number;
  readonly rttMs?: number;
  /** Which way the audio goes: straight, through a NAT mapping, or relayed by TURN (and how). */
  readonly path?: CallQuality['path'];
}

/** MOS at a glance, with the reason in words when it is below what customers tolerate. */
export function QualityBadge({ quality, jitterMs, lossPercent, rttMs, path }: QualityBadgeProps) {
  const { t } = useTranslation();
  const formats = useLocaleFormats();
  if (!quality) return <span className="quality-badge unknown">{t('quality.measuring')}</span>;
  const detail = t('quality.detail', {
    rtt: Math.round(rttMs ?? 0),
    jitter: Math.round(jitterMs ?? 0),
    loss: formats.decimal(lossPercent ?? 0),
  });
  const route = path
    ? t(`quality.path.${pathKind(path.localType)}`, { protocol: (path.relayProtocol ?? 'udp').toUpperCase() })
    : '';
  return (
    <span
      className={`quality-badge ${quality.level}`}
      title={route ? `${detail} · ${route}` : detail}
      data-testid="quality-badge"
    >
      {t(`quality.level.${quality.level}`, { mos: formats.decimal(quality.mos) })}
      {quality.warnings.length > 0 && (
        <span className="quality-warnings" role="status">
          {' · '}
          {quality.warnings.map((w) => t(`quality.warning.${w}`)).join(' · ')}
        </span>
      )}
    </span>
  );
}

/** The badge of one call, subscribed to the quality log itself: a new reading re-renders only the badge. */
export function LiveQualityBadge({ callId, log }: { readonly callId: CallId; readonly log: QualityLog }) {
  const quality = useCallQuality(callId, log);
  return (
    <QualityBadge
      quality={quality?.assessment}
      {...(quality ? { rttMs: quality.rttMs, jitterMs: quality.jitterMs, lossPercent: quality.lossPercent } : {})}
      {...(quality?.path ? { path: quality.path } : {})}
    />
  );
}

function pathKind(type: RTCIceCandidateType): 'direct' | 'nat' | 'relay' {
  return type === 'relay' ? 'relay' : type === 'host' ? 'direct' : 'nat';
}
