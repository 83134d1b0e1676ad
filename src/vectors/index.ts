/**
 * Conformance vectors derived from a spec: single-server steps, the rules
 * coverage with its negative cases, JSON and C renderings.
 * @module
 */
export { type Endpoint, type EndpointInput, type EndpointStep, stepEndpoint } from './endpoint.js';
export { ruleVectors } from './rule-vectors.js';
export { formatVectorsJson, ruleVectorFile, vectorFile } from './vector-file.js';
export * from './vector-types.js';
export { formatVectorsC, type VectorsCOptions } from './vectors-c.js';
