import { describe, expect, it } from 'vitest';
import { buildPackageTree } from './packageTree';
import type { PackageNode } from '../../api';

const node = (pkg: string, parent: string | null, object_count: number): PackageNode => ({
  package: pkg,
  parent,
  description: '',
  depth: 0,
  object_count,
});

describe('buildPackageTree', () => {
  it('nests by parent, sorts children and totals objects below each package', () => {
    const roots = buildPackageTree([
      node('ZFLIGHT', null, 1),
      node('ZFLIGHT_UI', 'ZFLIGHT', 5),
      node('ZFLIGHT_CORE', 'ZFLIGHT', 10),
      node('ZFLIGHT_CORE_SUB', 'ZFLIGHT_CORE', 2),
    ]);
    expect(roots).toHaveLength(1);
    expect(roots[0]!.children.map((c) => c.node.package)).toEqual(['ZFLIGHT_CORE', 'ZFLIGHT_UI']);
    expect(roots[0]!.totalObjects).toBe(18);
    expect(roots[0]!.children[0]!.totalObjects).toBe(12);
  });

  it('makes packages with an unknown parent roots and ignores duplicates', () => {
    const roots = buildPackageTree([node('A', 'OUTSIDE', 1), node('B', null, 1), node('B', null, 9)]);
    expect(roots.map((r) => r.node.package)).toEqual(['A', 'B']);
    expect(roots[1]!.totalObjects).toBe(1);
  });

  it('does not loop on a parent cycle', () => {
    const roots = buildPackageTree([node('A', 'B', 1), node('B', 'A', 1)]);
    expect(roots.length).toBeGreaterThan(0);
  });
});
