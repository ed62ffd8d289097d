import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { camelKey, closed, Duration, kebabKey, stringEnum } from './common';

/**
 * How records of an entity change hands (seed 003 §3 "客户交接像击鼓传花"): the handover note,
 * whether the new owner must accept, the previous owner's read-only cooldown, the new owner's
 * first-contact task and the customer's consent link.
 */
export const HandoverPolicySchema = closed(
  {
    note: Type.Optional(
      stringEnum(
        ['none', 'optional', 'protocol'],
        'The handover note: "protocol" requires the background summary (3 key needs, 2 risks, 1 open item), "optional" takes free text, "none" asks for nothing. Default "optional".',
      ),
    ),
    acknowledge: Type.Optional(
      Type.Boolean({
        description:
          'The new owner must accept the handover (both parties confirm) before the record moves. Default false: it moves at once.',
      }),
    ),
    cooldown: Type.Optional(
      Duration('How long the previous owner keeps read-only access. Default "48h"; "0h" for none.'),
    ),
    contactWithin: Type.Optional(
      Duration(
        'The new owner gets a task to contact the customer within this time. Default "24h"; "0h" for no task.',
      ),
    ),
    consentValid: Type.Optional(
      Duration('How long the customer consent link stays valid. Default "72h".'),
    ),
  },
  { description: 'Handover rules of the entity (交接).' },
);
export type HandoverPolicy = Static<typeof HandoverPolicySchema>;

/** Rules of an entity's public pool (公海): who sees it, what they see, claiming and reclaiming. */
export const PoolPolicySchema = closed(
  {
    roles: Type.Optional(
      Type.Array(kebabKey('A role key.'), {
        uniqueItems: true,
        description:
          'Roles that see the pool and may claim from it. Default: every role whose read scope includes the pool.',
      }),
    ),
    fields: Type.Optional(
      Type.Array(camelKey('A field key.'), {
        uniqueItems: true,
        maxItems: 20,
        description: 'Fields shown in the pool list. Default: the title field and the stage.',
      }),
    ),
    claimCap: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'A user holding this many open records of the entity cannot claim another.',
      }),
    ),
    reclaimAfter: Type.Optional(
      Duration(
        'An owned record without follow-up (no contact logged, no owner change) for this long goes back to the pool.',
      ),
    ),
    warnBefore: Type.Optional(
      Duration('The owner is warned this long before a reclaim. Default "1d".'),
    ),
  },
  { description: 'Public pool rules of the entity (公海). Needs pool: true.' },
);
export type PoolPolicy = Static<typeof PoolPolicySchema>;
