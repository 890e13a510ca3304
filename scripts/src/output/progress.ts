/** Progress on long work: a cli-progress bar on an interactive terminal, silent otherwise. */
import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  start(total: number, label: string): void;
  advance(by: number): void;
  stop(): void;
}

export const silentProgress: Progress = {
  start: () => undefined,
  advance: () => undefined,
  stop: () => undefined,
};

/** A bar on stderr when it is a TTY and output is not JSON; a no-op otherwise. */
export function createProgress(
  json: boolean,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (json || !stream.isTTY) return silentProgress;
  const bar = new SingleBar(
    {
      stream,
      format: '{label} [{bar}] {value}/{total} rows',
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  return {
    start: (total, label) => bar.start(total, 0, { label }),
    advance: (by) => bar.increment(by),
    stop: () => bar.stop(),
  };
}
