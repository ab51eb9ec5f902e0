import { selectBackend } from './backend';
import type { BackendChoice, BackendInfo, BackendName } from './protocol';

/** Starts backends for a session's runs, remembering the ones that failed during a run. */
export class BackendSelector {
  /** Backends that failed during a run; `auto` avoids them for the rest of the session. */
  private readonly failedBackends = new Set<BackendName>();

  markFailed(name: BackendName): void {
    this.failedBackends.add(name);
  }

  /**
   * Activates the chosen backend. For `auto`, a backend that failed earlier in this session is
   * skipped, so one lost GPU device does not fail every later run.
   */
  async selectBackendAvoidingFailed(choice: BackendChoice): Promise<BackendInfo> {
    if (choice !== 'auto' || this.failedBackends.size === 0) return selectBackend(choice);

    for (const name of ['wasm', 'cpu'] as const) {
      if (this.failedBackends.has(name)) continue;
      const info = await selectBackend(name).catch(() => null);
      const failed = [...this.failedBackends].join(', ');
      if (info !== null)
        return { ...info, reason: `Auto: skipping ${failed}, which failed earlier` };
    }
    return selectBackend(choice);
  }
}
