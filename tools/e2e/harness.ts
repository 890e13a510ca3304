/**
 * What each end-to-end test gets: a fresh page on the preview, a `rep` that performs and counts
 * user actions (one click, one key press, or one field typed = one action), `axe(state)` that
 * fails the test on a serious or critical accessibility violation, and `shot(step)` that saves a
 * screenshot into docs/images when the run was asked for screenshots.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { seriousViolations } from './axe';

export interface E2eContext {
  page: Page;
  rep: Rep;
  /** Opens the preview with the given query (`scenario=blocked`) and waits for the record page. */
  open(query?: string): Promise<void>;
  axe(state: string): Promise<void>;
  shot(step: string): Promise<void>;
}

export interface E2eTest {
  name: string;
  /** Viewport; desktop when omitted. */
  viewport?: { width: number; height: number };
  run(context: E2eContext): Promise<void>;
}

/** Performs what a rep does, counting each action. */
export class Rep {
  actions = 0;
  readonly log: string[] = [];

  constructor(private readonly page: Page) {}

  async click(locator: Locator, what: string): Promise<void> {
    this.count(`click ${what}`);
    await locator.click();
  }

  /** Clicks into a field and types: two actions, as a rep with a mouse does it. */
  async clickAndType(locator: Locator, text: string, what: string): Promise<void> {
    await this.click(locator, what);
    this.count(`type ${what}`);
    await this.page.keyboard.type(text);
  }

  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i += 1) {
      this.count(`press ${key}`);
      await this.page.keyboard.press(key);
    }
  }

  /** Typing one field's value from the keyboard is one action. */
  async type(text: string, what: string): Promise<void> {
    this.count(`type ${what}`);
    await this.page.keyboard.type(text);
  }

  /** Presses Tab until `target` (or something inside it) has focus; each press is an action. */
  async tabTo(target: Locator, what: string, limit = 40): Promise<void> {
    for (let i = 0; i < limit; i += 1) {
      if (await hasFocus(target)) return;
      await this.press('Tab');
    }
    if (!(await hasFocus(target))) throw new Error(`Tab never reached ${what} in ${limit} presses`);
  }

  private count(action: string): void {
    this.actions += 1;
    this.log.push(action);
  }
}

export async function hasFocus(target: Locator): Promise<boolean> {
  if ((await target.count()) === 0) return false;
  return target.first().evaluate((element) => element.matches(':focus, :focus-within'));
}

export function createContext(
  page: Page,
  baseUrl: string,
  test: E2eTest,
  screenshotDir: string | null,
): E2eContext {
  let shots = 0;
  const slug = test.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    page,
    rep: new Rep(page),
    async open(query = '') {
      await page.goto(`${baseUrl}${query ? `?${query}` : ''}`);
      await page.locator('[data-id="record-header"]').waitFor();
      await page
        .locator('c-close-summary [data-id="open"], c-close-summary [data-id="last-close"]')
        .first()
        .waitFor();
    },
    async axe(state) {
      const found = await seriousViolations(page);
      if (found.length > 0) {
        throw new Error(`axe: ${state}: ${found.length} serious/critical\n  ${found.join('\n  ')}`);
      }
    },
    async shot(step) {
      if (!screenshotDir) return;
      shots += 1;
      const name = `${slug}-${String(shots).padStart(2, '0')}-${step}.png`;
      await page.screenshot({ path: path.join(screenshotDir, name) });
    },
  };
}
