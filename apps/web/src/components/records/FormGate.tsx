import type { ReactNode } from 'react';
import { ErrorState } from '../feedback/ErrorState';
import { LoadingState } from '../feedback/LoadingState';
import { usePrecompiledValidator } from './usePrecompiledValidator';

/** Renders a record form of `entity` once its precompiled validator is in; retry on failure. */
export function FormGate({ entity, children }: { entity: string; children: ReactNode }) {
  const ready = usePrecompiledValidator(entity);
  if (ready.isPending) return <LoadingState rows={6} />;
  if (ready.isError) return <ErrorState error={ready.error} onRetry={() => void ready.refetch()} />;
  return <>{children}</>;
}
