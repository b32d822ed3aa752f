// The import direction of traject's stages (README, "Layout"): a stage imports only the stages
// before it and the shared model; the definitions import nothing that does I/O. `npm test` runs
// this (npm run lint:deps), so a wrong-way import fails CI.
const STAGES = [
  'read', 'mapping', 'normalise', 'partition', 'definitions', 'measures', 'disclosure',
  'compare', 'publish', 'report', 'run', 'output', 'cli',
];

const later = (i) => `^src/(${STAGES.slice(i + 1).join('|')})/`;

module.exports = {
  forbidden: [
    ...STAGES.slice(0, -1).map((stage, i) => ({
      name: `${stage}-imports-only-earlier-stages`,
      comment: `src/${stage}/ may import src/model/ and the stages before it (${STAGES.slice(0, i).join(', ') || 'none'}), never a later one.`,
      severity: 'error',
      from: { path: `^src/${stage}/` },
      to: { path: later(i) },
    })),
    {
      name: 'model-imports-no-stage',
      comment: 'src/model/ is the shared vocabulary: it imports no stage.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { path: `^src/(${STAGES.join('|')}|generate)/` },
    },
    {
      name: 'definitions-do-no-io',
      comment: 'The SPEC definitions are pure: no Node built-ins, no npm packages, only the model and earlier pure stages.',
      severity: 'error',
      from: { path: '^src/(definitions|measures)/' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer'] },
    },
    {
      name: 'definitions-import-nothing-that-does-io',
      comment: 'The definitions and measures reach nothing that reads files (read/ sources, tables, profiles).',
      severity: 'error',
      from: { path: '^src/(definitions|measures)/' },
      to: { path: '^src/(read|mapping)/(sources|profile|table|codes-file|regions)\\.ts$' },
    },
    {
      name: 'src-never-imports-tests-or-workers',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|workers|bench|scripts)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
