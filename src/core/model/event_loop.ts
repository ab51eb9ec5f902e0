/**
 * Resolves after the event loop has run once more, so that queued messages (a stop
 * request from the UI, a Comlink call) are handled. A resolved promise would not be
 * enough because microtasks run before any message. `setImmediate` is used where it
 * exists (Node), then `MessageChannel` (browsers and workers). `setTimeout(0)` is the
 * last resort because browsers clamp nested timers to at least 4 ms.
 */
export function nextMacrotask(): Promise<void> {
  if (typeof setImmediate === 'function') {
    return new Promise((resolve) => setImmediate(resolve));
  }
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
