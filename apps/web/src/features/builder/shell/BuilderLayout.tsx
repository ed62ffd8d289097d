import { Suspense, useEffect } from 'react';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { LoadingState } from '../../../components/feedback/LoadingState';
import { useDraftStore } from '../draft/useDraft';
import { BuilderBar } from './BuilderBar';
import { DraftBanners } from './DraftBanners';
import { builderSections } from './sections';
import { SectionNav } from './SectionNav';

/** The builder's frame: the bar (undo, save state, problems, publish), sections, the page. */
export function BuilderLayout({ liveVersion }: { liveVersion: number | null }) {
  const { t } = useTranslation('builder');
  useUndoKeys();
  return (
    <div>
      <BuilderBar />
      <SectionNav />
      <DraftBanners liveVersion={liveVersion} />
      <Suspense fallback={<LoadingState rows={8} />}>
        <Routes>
          <Route index element={<Navigate to={builderSections[0]!.key} replace />} />
          {builderSections.map(({ key, Page }) => (
            <Route key={key} path={`${key}/*`} element={<Page />} />
          ))}
          <Route path="*" element={<Result status="404" title={t('unknownSection')} />} />
        </Routes>
      </Suspense>
    </div>
  );
}

/** Ctrl/⌘+Z and Ctrl/⌘+Shift+Z (or Ctrl+Y) undo and redo draft steps outside text inputs. */
function useUndoKeys() {
  const store = useDraftStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const target = e.target as HTMLElement | null;
      // Text inputs and the JSON editor keep their own undo.
      if (target?.closest('input, textarea, [contenteditable="true"], .monaco-editor')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) store.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') store.redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
