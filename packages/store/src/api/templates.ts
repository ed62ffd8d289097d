/**
 * A template installed into the workspace: its name, the version installed and that version's
 * own spec (as the template ships it, before any merge with the workspace). The spec is the
 * common base of the three-way merge when the template is upgraded.
 */
export type TemplateInstall = {
  name: string;
  version: string;
  spec: unknown;
  /** The spec version the install or upgrade published (null when it changed nothing). */
  specVersion: number | null;
  installedAt: number;
  installedBy: string | null;
};

/** Templates installed into this workspace (one row per template name, the latest install). */
export type TemplateRepo = {
  get(name: string): Promise<TemplateInstall | null>;
  /** Every installed template, by name. */
  list(): Promise<TemplateInstall[]>;
  /** Records an install or upgrade (replaces the template's previous row). */
  put(install: TemplateInstall): Promise<void>;
};
