// The import thread of the engine's tests and bench (the server has its own entry, built with it).
import { serveImportThread } from '../../../src/index';

await serveImportThread();
