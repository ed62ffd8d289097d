import { useQuery } from '@tanstack/react-query';
import { providePrecompiledValidator } from '@trellis/forms';
import { loadStandaloneValidator } from '@trellis/rules';
import { ApiError } from '../../lib/api/problem';
import { useLiveSpec, useSpec } from '../../lib/session/useSpec';

type ValidatorModule = Parameters<typeof loadStandaloneValidator>[0];

/**
 * Loads an entity's record validator precompiled by the server and hands it to the forms
 * package before a form of that entity mounts. The app's content security policy forbids
 * evaluating code, so ajv may not compile in the browser; the module is one immutable file per
 * spec version and entity.
 */
export function usePrecompiledValidator(entity: string) {
  const spec = useLiveSpec();
  const version = useSpec().data?.version ?? 0;
  return useQuery({
    queryKey: ['spec', 'validator', version, entity],
    queryFn: async () => {
      const url = `/api/v1/spec/validators/${encodeURIComponent(entity)}.js?v=${version}`;
      let module: ValidatorModule;
      try {
        module = (await import(/* @vite-ignore */ url)) as ValidatorModule;
      } catch {
        throw new ApiError({ status: 0, code: 'network' });
      }
      providePrecompiledValidator(spec, entity, loadStandaloneValidator(module));
      return true;
    },
    staleTime: Infinity,
    gcTime: Infinity,
  });
}
