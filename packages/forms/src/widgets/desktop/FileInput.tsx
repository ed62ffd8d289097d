import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload, message } from 'antd';
import { useLayoutEffect, useRef } from 'react';
import type { UploadFile } from 'antd';
import { formMessage } from '../../core/messages';
import type { FileRef, WidgetProps } from '../../react/widget-types';

const refsOf = (v: unknown): FileRef[] =>
  (Array.isArray(v) ? v : v ? [v] : []).filter(
    (f): f is FileRef => typeof f === 'object' && f !== null && 'id' in f,
  );

/** Files uploaded through the host's `upload` service; the field holds their references. */
export function FileInput({ attachInput, ...p }: WidgetProps) {
  const f = p.field;
  const multiple = f.type === 'file' && f.multiple === true;
  const max = f.type === 'file' ? (f.maxFiles ?? (multiple ? 10 : 1)) : 1;
  const refs = refsOf(p.value);
  // What the field holds now, ahead of the re-render: files chosen together finish one by one,
  // each adding to what the ones before it left (the render's `refs` would drop all but one).
  const held = useRef(refs);
  useLayoutEffect(() => {
    held.current = refs;
  });
  const { upload } = p.services;
  const list: UploadFile[] = refs.map((r) => ({ uid: r.id, name: r.name, status: 'done' }));
  const set = (next: FileRef[]) => {
    held.current = next;
    p.onChange(next.length === 0 ? null : multiple ? next : next[0]);
  };
  return (
    <Upload
      id={p.id}
      multiple={multiple}
      maxCount={max}
      disabled={p.readOnly || !upload}
      accept={f.type === 'file' && f.accept ? f.accept.join(',') : undefined}
      fileList={list}
      onRemove={(file) => set(held.current.filter((r) => r.id !== file.uid))}
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const ref = await upload!(file as File);
          set(multiple ? [...held.current, ref].slice(-max) : [ref]);
          onSuccess?.(ref);
        } catch (e) {
          void message.error(formMessage(p.locale, 'uploadFailed', { name: (file as File).name }));
          onError?.(e as Error);
        }
      }}
    >
      <Button
        ref={attachInput}
        icon={<UploadOutlined />}
        aria-describedby={p.describedBy}
        disabled={p.readOnly || !upload}
      >
        {formMessage(p.locale, upload ? 'upload' : 'notAvailable')}
      </Button>
    </Upload>
  );
}
