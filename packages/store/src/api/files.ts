/** An uploaded file (its bytes live in the data directory, by sha256). */
export type FileRow = {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  storagePath: string;
  createdBy: string | null;
  createdAt: number;
};

/** Files (`files`). */
export type FileRepo = {
  insert(f: FileRow): Promise<void>;
  get(id: string): Promise<FileRow | null>;
};
