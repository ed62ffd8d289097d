/**
 * The version of the Trellis runtime a template's `engine` range is checked against (the
 * `version` of this package; a test keeps the two equal).
 */
export const ENGINE_VERSION = '0.1.0';
