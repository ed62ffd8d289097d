import { useEffect, useState } from 'react';
import { Button, Card, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { NS } from '../messages';

/** The link as a QR code big enough to print, with a PNG download. */
export function QrCard({ link, fileName }: { link: string; fileName: string }) {
  const { t } = useTranslation(NS);
  const [png, setPng] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Level M survives a crease or a smudge on a printed poster; 1024 px prints sharp at A5.
    void QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, width: 1024 }).then(
      (url) => live && setPng(url),
    );
    return () => {
      live = false;
    };
  }, [link]);
  return (
    <Card title={t('qr')}>
      <Typography.Paragraph type="secondary">{t('qrHelp')}</Typography.Paragraph>
      <div style={{ display: 'flex', justifyContent: 'center' }}>
        {png ? (
          <img
            src={png}
            alt={`${t('qr')}: ${link}`}
            data-link={link}
            style={{ width: '100%', maxWidth: 280, aspectRatio: '1', imageRendering: 'pixelated' }}
          />
        ) : (
          <div style={{ width: 280, aspectRatio: '1' }} />
        )}
      </div>
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          href={png ?? undefined}
          download={`${fileName}-qr.png`}
          disabled={!png}
        >
          {t('download')}
        </Button>
      </div>
    </Card>
  );
}
