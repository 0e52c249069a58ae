import { Button, Label, List, ListItemStandard, MultiComboBox, MultiComboBoxItem, StepInput, Text, Tree, TreeItem } from '@ui5/webcomponents-react';
import { useEffect, useMemo, useState } from 'react';
import type { AppError, ProfileId } from '../../api';
import { Busy, ErrorPanel, TextField, plural } from '../../components';
import { explore } from '../../api';
import { objectIcon } from './objectIcons';
import { buildPackageTree, type PackageTreeNode } from './packageTree';
import { usePersistentState } from './persistentState';
import type { ListedObject, PackageTree } from '../../api';
import type { OpenTarget } from './WhereUsedPanel';
import { objectTypeLabel } from '../../components/objectTypes';

const PAGE = 100;
const COMMON_TYPES = ['CLAS', 'INTF', 'PROG', 'FUGR', 'TABL', 'DDLS', 'DTEL', 'DOMA', 'MSAG'];

// The last tree and lists of this run, so that coming back to the area shows them at once.
const treeCache = new Map<string, PackageTree>();

interface ListState {
  key: string;
  objects: ListedObject[];
  total: number;
}
const listCache = new Map<string, ListState>();

/** Package tree (left) and the objects of the chosen package, filtered and paged. */
export function PackageBrowser({ profileId, onOpen, openName }: { profileId: ProfileId; onOpen: (t: OpenTarget) => void; openName: string | null }) {
  const [root, setRoot] = usePersistentState('explore.root', '$ZDEMO');
  const [depth, setDepth] = usePersistentState('explore.depth', 3);
  const [rootError, setRootError] = useState<string | null>(null);
  const [treeKey, setTreeKey] = usePersistentState<string | null>('explore.tree', null);
  const [tree, setTree] = useState<PackageTree | null>(() => (treeKey ? treeCache.get(`${profileId}:${treeKey}`) ?? null : null));
  const [treeBusy, setTreeBusy] = useState(false);
  const [treeError, setTreeError] = useState<AppError | null>(null);

  const [pkg, setPkg] = usePersistentState<string | null>('explore.package', null);
  const [types, setTypes] = usePersistentState<string[]>('explore.types', []);
  const [pattern, setPattern] = usePersistentState('explore.pattern', '');
  const listKey = pkg ? `${profileId}:${pkg}:${types.join(',')}:${pattern.trim().toUpperCase()}` : null;
  const [list, setList] = useState<ListState | null>(() => (listKey ? listCache.get(listKey) ?? null : null));
  const [listBusy, setListBusy] = useState(false);
  const [listError, setListError] = useState<AppError | null>(null);

  const loadTree = async () => {
    const name = root.trim().toUpperCase();
    if (!name) return setRootError('Enter a package, such as $ZDEMO or ZFLIGHT.');
    setRootError(null);
    setTreeBusy(true);
    setTreeError(null);
    const answer = await explore.tree(profileId, { package: name, depth, include_objects: true });
    setTreeBusy(false);
    if (answer.status === 'error') return setTreeError(answer.error);
    treeCache.set(`${profileId}:${name}:${depth}`, answer.data);
    setTreeKey(`${name}:${depth}`);
    setTree(answer.data);
    if (!pkg) setPkg(answer.data.package || name);
  };

  const loadList = async (offset: number) => {
    if (!pkg || !listKey) return;
    setListBusy(true);
    setListError(null);
    const answer = await explore.list(profileId, { package: pkg, object_types: types, name_pattern: pattern.trim() || null, limit: PAGE, offset });
    setListBusy(false);
    if (answer.status === 'error') return setListError(answer.error);
    const previous = offset > 0 && list?.key === listKey ? list.objects : [];
    const next = { key: listKey, objects: [...previous, ...answer.data.objects], total: answer.data.total };
    listCache.set(listKey, next);
    setList(next);
  };

  // Reads the objects whenever the package or the filter changes (pattern on Enter / button).
  useEffect(() => {
    if (!listKey) return;
    const cached = listCache.get(listKey);
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (cached) setList(cached);
    else void loadList(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pkg, types.join(',')]);

  const roots = useMemo(() => (tree ? buildPackageTree(tree.nodes) : []), [tree]);
  const typeOptions = useMemo(() => {
    const fromTree = tree?.object_counts.map((c) => c.object_type) ?? [];
    return [...new Set([...fromTree, ...COMMON_TYPES, ...types])];
  }, [tree, types]);
  const countOf = (t: string) => tree?.object_counts.find((c) => c.object_type === t)?.count;
  const shown = list?.key === listKey ? list : null;

  return (
    <div className="ex-browser">
      <section className="ad-card" aria-label="Packages">
        <div className="ex-tree-form">
          <TextField label="Package" value={root} onChange={setRoot} error={rootError} onSubmit={() => void loadTree()} placeholder="$ZDEMO" data-testid="explore-package" />
          <div className="ad-field">
            <Label showColon>Depth</Label>
            <StepInput value={depth} min={1} max={10} onChange={(e) => setDepth(Number(e.target.value) || 3)} accessibleName="Depth" style={{ width: '6.5rem' }} />
          </div>
          <Button icon="tree" design="Emphasized" onClick={() => void loadTree()} className="ad-align-end" data-testid="explore-show-tree">
            Show
          </Button>
        </div>
        {treeError ? <ErrorPanel error={treeError} onRetry={() => void loadTree()} /> : null}
        <Busy active={treeBusy} text="Reading the package tree…">
          <div className="ad-stack">
            {tree ? (
              <>
                <Text className="ad-muted">{`${plural(tree.total_packages || tree.nodes.length, 'package')}, ${plural(tree.total_objects, 'object')}`}</Text>
                <Tree
                  accessibleName="Package tree"
                  onItemClick={(e) => {
                    const name = (e.detail.item as HTMLElement).dataset.package;
                    if (name) setPkg(name);
                  }}
                  data-testid="package-tree"
                >
                  {roots.map((n) => (
                    <PackageItem key={n.node.package} item={n} selected={pkg} />
                  ))}
                </Tree>
              </>
            ) : (
              <Text className="ad-muted">Enter a package and choose Show to see its sub-packages and objects.</Text>
            )}
          </div>
        </Busy>
      </section>

      {pkg ? (
        <section className="ad-card" aria-label={`Objects of ${pkg}`}>
          <div className="ex-list-form">
            <div className="ad-field">
              <Label showColon>Types</Label>
              <MultiComboBox
                accessibleName="Object types"
                placeholder="All types"
                onSelectionChange={(e) => setTypes(e.detail.items.map((i) => i.getAttribute('text') ?? '').filter(Boolean))}
                data-testid="explore-types"
              >
                {typeOptions.map((t) => (
                  <MultiComboBoxItem key={t} text={t} additionalText={countOf(t) !== undefined ? String(countOf(t)) : undefined} selected={types.includes(t)} />
                ))}
              </MultiComboBox>
            </div>
            <TextField label="Name" value={pattern} onChange={setPattern} placeholder="ZCL_*" onSubmit={() => void loadList(0)} data-testid="explore-pattern" />
            <Button icon="search" onClick={() => void loadList(0)} className="ad-align-end" accessibleName="Filter objects" tooltip="Filter objects" data-testid="explore-filter" />
          </div>
          {listError ? <ErrorPanel error={listError} onRetry={() => void loadList(0)} /> : null}
          <Busy active={listBusy} text="Reading objects…">
            <div className="ad-stack">
              <List
                headerText={shown ? `${pkg}: ${plural(shown.total, 'object')}` : pkg}
                noDataText={listBusy ? 'Reading…' : 'No objects match.'}
                growing={shown && shown.objects.length < shown.total ? 'Button' : 'None'}
                growingButtonText={shown ? `More (${shown.objects.length} of ${shown.total})` : 'More'}
                onLoadMore={() => shown && void loadList(shown.objects.length)}
                onItemClick={(e) => {
                  const el = e.detail.item as HTMLElement;
                  if (el.dataset.name) onOpen({ name: el.dataset.name, type: el.dataset.type ?? null });
                }}
                className="ex-object-list"
                data-testid="object-list"
              >
                {(shown?.objects ?? []).map((o) => (
                  <ListItemStandard
                    key={`${o.object_type}:${o.object_name}`}
                    text={o.object_name}
                    description={o.description ?? undefined}
                    additionalText={o.object_type}
                    tooltip={`${objectTypeLabel(o.object_type)} ${o.object_name}`}
                    icon={objectIcon(o.object_type)}
                    data-name={o.object_name}
                    data-type={o.object_type}
                    selected={o.object_name === openName}
                    type="Active"
                    data-testid={`object-${o.object_name}`}
                  />
                ))}
              </List>
            </div>
          </Busy>
        </section>
      ) : null}
    </div>
  );
}

function PackageItem({ item, selected }: { item: PackageTreeNode; selected: string | null }) {
  const { node, children, totalObjects } = item;
  const own = node.object_count;
  return (
    <TreeItem
      text={node.package}
      additionalText={children.length ? `${own} / ${totalObjects}` : String(own)}
      tooltip={`${node.description}${node.description ? '. ' : ''}${plural(own, 'object')} here${children.length ? `, ${totalObjects} with sub-packages` : ''}`}
      icon={node.package === selected ? 'open-folder' : 'folder'}
      expanded
      selected={node.package === selected}
      data-package={node.package}
      data-testid={`package-${node.package}`}
    >
      {children.map((c) => (
        <PackageItem key={c.node.package} item={c} selected={selected} />
      ))}
    </TreeItem>
  );
}
