/**
 * A pause between two stages of a build that runs in the thread which also answers signals. A signal
 * handler only runs when the event loop polls, and a build is one synchronous stretch per stage, so
 * without these pauses Ctrl-C would wait for the whole plan and its outputs would be written first.
 *
 * Two turns of setImmediate: a pause that starts in the loop's poll phase resumes in the check phase
 * of the same turn, without polling; the second turn always passes through a poll. Then, if the
 * signal fired, the build stops here (an AbortError, as fetch() throws).
 */
export async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return;
  await new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));
  signal.throwIfAborted();
}
