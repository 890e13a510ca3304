/**
 * A sequence of named steps run one after another: each prints a progress line when it starts
 * and when it ends, the first failure stops the sequence (the rest are reported as skipped), and
 * the outcome of every step goes into the command's summary and its --json document.
 */
import { redact } from '../errors.js';

/** Thrown by a step with a message that says what failed and what to do. */
export class StepFailure extends Error {}

export interface Step {
  /** Stable identifier (JSON output, tests). */
  id: string;
  /** What the step does, as a progress line says it. */
  title: string;
  /** Does the work; returns a short detail for the summary, or throws (a StepFailure ideally). */
  run(): Promise<string | void>;
}

export interface StepOutcome {
  id: string;
  title: string;
  status: 'ok' | 'failed' | 'skipped';
  seconds?: number;
  detail?: string;
  message?: string;
}

export interface StepRun {
  outcomes: StepOutcome[];
  failed?: StepOutcome;
}

export interface StepClock {
  now(): number;
}

const realClock: StepClock = { now: () => Date.now() };

/** Runs the steps in order; stops at the first failure. `progress` receives one line at a time. */
export async function runSteps(
  steps: Step[],
  progress: (line: string) => void,
  clock: StepClock = realClock,
): Promise<StepRun> {
  const outcomes: StepOutcome[] = [];
  let failed: StepOutcome | undefined;
  for (const [index, step] of steps.entries()) {
    const label = `[${index + 1}/${steps.length}] ${step.title}`;
    if (failed) {
      outcomes.push({ id: step.id, title: step.title, status: 'skipped' });
      continue;
    }
    progress(`${label} …`);
    const started = clock.now();
    try {
      const detail = await step.run();
      const seconds = Math.round((clock.now() - started) / 1000);
      outcomes.push({
        id: step.id,
        title: step.title,
        status: 'ok',
        seconds,
        ...(detail ? { detail } : {}),
      });
      progress(`${label}: ok (${seconds} s)${detail ? `: ${detail}` : ''}`);
    } catch (error) {
      const seconds = Math.round((clock.now() - started) / 1000);
      const message = redact(error instanceof Error ? error.message : String(error));
      failed = { id: step.id, title: step.title, status: 'failed', seconds, message };
      outcomes.push(failed);
      progress(`${label}: FAILED (${seconds} s)`);
    }
  }
  return failed ? { outcomes, failed } : { outcomes };
}
