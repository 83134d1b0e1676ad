/**
 * The conformance harness: run the vectors of `fsmkit vectors` against an
 * implementation through a three-call adapter, from any test runner.
 * @module
 */

export type { Coverage, Vector, VectorFile, VectorInput, VectorServer, VectorStep, VectorSummary } from '../vectors/vector-types.js';
export {
  assertVectors,
  formatFailure,
  formatReport,
  type ObservedServer,
  type RunOptions,
  runVectors,
  type VectorAdapter,
  type VectorFailure,
  type VectorReport,
  type VectorStart,
} from './run-vectors.js';
