/**
 * The Java runtime that apex-ls and PMD run on. Both ship as jars inside
 * `@salesforce/code-analyzer-pmd-engine`; neither can run without a JRE 11 or newer on the PATH.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The folder of jars inside `@salesforce/code-analyzer-pmd-engine`: apex-ls, PMD, standard types. */
export const JAVA_LIB = path.resolve(
  __dirname,
  '..',
  '..',
  'node_modules',
  '@salesforce',
  'code-analyzer-pmd-engine',
  'dist',
  'java-lib',
);

/** How to get a JRE on the machines this project targets (what `.ci/run` does when it is missing). */
export const JAVA_INSTALL_HINT =
  'install a Java runtime 11 or newer and put `java` on the PATH ' +
  '(Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`; macOS: `brew install openjdk@17`)';

/** The `java` command to run, after proving that it starts; throws with an install hint when not. */
export function requireJava(tool: string): string {
  const command = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java';
  const probe = spawnSync(command, ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    const reason = probe.error ? probe.error.message : `exit code ${String(probe.status)}`;
    throw new Error(
      `${tool} needs Java, but \`${command} -version\` failed (${reason}): ${JAVA_INSTALL_HINT}`,
    );
  }
  return command;
}
