// The server's flat package list as a tree. Pure, so it is unit-tested.
import type { PackageNode } from '../../api';

export interface PackageTreeNode {
  node: PackageNode;
  children: PackageTreeNode[];
  /** Objects in the package and every package below it. */
  totalObjects: number;
}

/**
 * Nests packages by `parent`; a package whose parent is not in the list is a root.
 * Children are sorted by name; a parent cycle (bad data) cannot loop.
 */
export function buildPackageTree(nodes: readonly PackageNode[]): PackageTreeNode[] {
  const byName = new Map<string, PackageTreeNode>();
  for (const node of nodes) if (!byName.has(node.package)) byName.set(node.package, { node, children: [], totalObjects: 0 });
  const roots: PackageTreeNode[] = [];
  for (const item of byName.values()) {
    const parent = item.node.parent ? byName.get(item.node.parent) : undefined;
    if (parent && parent !== item && !isAncestor(item, parent, byName)) parent.children.push(item);
    else roots.push(item);
  }
  const finish = (item: PackageTreeNode): number => {
    item.children.sort((a, b) => a.node.package.localeCompare(b.node.package));
    item.totalObjects = item.node.object_count + item.children.reduce((sum, c) => sum + finish(c), 0);
    return item.totalObjects;
  };
  roots.forEach(finish);
  return roots;
}

/** Whether `item` is an ancestor of `candidate` (so making it a child would close a cycle). */
function isAncestor(item: PackageTreeNode, candidate: PackageTreeNode, byName: Map<string, PackageTreeNode>): boolean {
  const seen = new Set<string>();
  let current: PackageTreeNode | undefined = candidate;
  while (current && !seen.has(current.node.package)) {
    if (current === item) return true;
    seen.add(current.node.package);
    current = current.node.parent ? byName.get(current.node.parent) : undefined;
  }
  return false;
}
