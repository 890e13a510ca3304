'use strict';
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

/**
 * Two Jest projects:
 * - lwc: the components under force-app, on sfdx-lwc-jest (TypeScript sources, no build needed);
 * - node: the jsforce scripts and the offline-gate tools, on ts-jest.
 */
module.exports = {
  projects: [
    {
      ...jestConfig,
      displayName: 'lwc',
      roots: ['<rootDir>/force-app'],
      testMatch: ['**/__tests__/**/*.test.ts'],
      moduleNameMapper: {
        ...(jestConfig.moduleNameMapper || {}),
        '^lightning/actions$': '<rootDir>/test/jest-mocks/lightning/actions.js',
      },
      modulePathIgnorePatterns: ['<rootDir>/.localdevserver'],
    },
    {
      displayName: 'node',
      testEnvironment: '<rootDir>/test/jest-node-environment.js',
      roots: ['<rootDir>/scripts', '<rootDir>/tools'],
      testMatch: ['**/test/**/*.test.ts'],
      transform: {
        '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
      },
      moduleFileExtensions: ['ts', 'js', 'json'],
      // Scripts are ES modules for Node (NodeNext): relative imports carry a `.js` extension that
      // names the compiled file; under ts-jest the `.ts` source stands in for it.
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/fixtures/'],
    },
  ],
};
