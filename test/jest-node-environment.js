'use strict';
/**
 * Jest's `node` environment plus the well-known symbols Node polyfills in its own realm only.
 *
 * Node 22 defines `Symbol.dispose` / `Symbol.asyncDispose` itself (its V8 lacks them), on the main
 * realm's `Symbol`. Jest runs tests in a VM context whose `Symbol` has neither, so undici (under
 * jsforce) gets `undefined` from `events.addAbortListener(...)[Symbol.dispose]` and fails with
 * "removeAbortListener is not a function". Copying Node's symbols into the test realm lets the
 * transport tests drive a real jsforce Connection.
 */
const { TestEnvironment } = require('jest-environment-node');

class NodeEnvironmentWithDisposeSymbols extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const testSymbol = this.global.Symbol;
    for (const name of ['dispose', 'asyncDispose']) {
      if (Symbol[name] !== undefined && testSymbol[name] === undefined) {
        Object.defineProperty(testSymbol, name, { value: Symbol[name] });
      }
    }
  }
}

module.exports = NodeEnvironmentWithDisposeSymbols;
