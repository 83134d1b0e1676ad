import type { DataPath } from './read-yaml.js';

/**
 * Renders a data path for messages: `rules[4] "ready-link-lost" .partner[1]`.
 * A list item that has a `name` or `id` is named, so the reader need not count.
 */
export function describePath(data: unknown, path: DataPath): string {
  if (path.length === 0) return 'the spec';
  let out = '';
  let current: unknown = data;
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
      current = Array.isArray(current) ? current[segment] : undefined;
      const label = labelOf(current);
      if (label !== undefined) out += ` "${label}"`;
    } else {
      out += out === '' ? segment : `.${segment}`;
      current = isRecord(current) ? current[segment] : undefined;
    }
  }
  return out;
}

function labelOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const label = value.id ?? value.name;
  return typeof label === 'string' ? label : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
