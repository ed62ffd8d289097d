import type { AppSpec, EntitySpec, FieldSpec, TeamSpec } from '@trellis/spec';
import type { AppShape, EntityShape, FieldShape, TeamShape } from './spec-shape';

type Assert<T extends true> = T;

/**
 * Compile-time guard: the store reads specs through the structural shapes of spec-shape.ts;
 * this fails the typecheck if a @trellis/spec type stops fitting them.
 */
export type SpecCompat = [
  Assert<AppSpec extends AppShape ? true : false>,
  Assert<EntitySpec extends EntityShape ? true : false>,
  Assert<FieldSpec extends FieldShape ? true : false>,
  Assert<TeamSpec extends TeamShape ? true : false>,
];
