import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/spinner';

/**
 * The otpauth:// URL as a QR code image (a data: URL, which the CSP's img-src allows). The qrcode
 * library is loaded only here, so that it does not weigh on the sign-in and caseload pages.
 */
export function QrCodeImage({ value, alt }: { value: string; alt: string }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<{ value: string; url: string } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    import('qrcode')
      .then((qrcode) => qrcode.toDataURL(value, { errorCorrectionLevel: 'M', margin: 2, width: 240 }))
      .then((url) => {
        if (!cancelled) setSource({ value, url });
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [value]);
  if (failed) return <p className="muted">{t('account.mfa.qrFailed')}</p>;
  if (source?.value !== value) return <Loading label={t('account.mfa.qrLoading')} />;
  return <img className="qr-code" src={source.url} alt={alt} width={240} height={240} />;
}
