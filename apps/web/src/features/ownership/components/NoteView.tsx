import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HandoverNote } from '../api/ownership';
import { NOTE_PARTS } from './note-policy';

/** A handover note to read: each part's items as a list under its heading, then the free text. */
export function NoteView({ note }: { note: HandoverNote | null | undefined }) {
  const { t } = useTranslation('ownership');
  if (!note) return <Typography.Text type="secondary">{t('note.empty')}</Typography.Text>;
  return (
    <div className="trellis-handover-note">
      {NOTE_PARTS.filter((p) => (note[p] ?? []).length > 0).map((part) => (
        <div key={part}>
          <Typography.Text strong>{t(`note.${part}Title`)}</Typography.Text>
          <ul style={{ margin: '2px 0 6px', paddingInlineStart: 20 }}>
            {(note[part] ?? []).map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        </div>
      ))}
      {note.text ? <Typography.Paragraph>{note.text}</Typography.Paragraph> : null}
    </div>
  );
}
