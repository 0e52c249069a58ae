// Explore's Rust commands. TODO(facade): move into ui/src/api once it has them.
import { call } from '../../api/client';
import type { ProfileId } from '../../api';
import type { ListRequest, ObjectList, PackageTree, TreeRequest, ViewRequest, ViewResult, WhereUsedRequest, WhereUsedResult } from './types';

export const explore = {
  tree: (profileId: ProfileId, request: TreeRequest) => call<PackageTree>('agent_tree', { profileId, request }),
  list: (profileId: ProfileId, request: ListRequest) => call<ObjectList>('agent_list', { profileId, request }),
  view: (profileId: ProfileId, request: ViewRequest) => call<ViewResult>('agent_view', { profileId, request }),
  whereUsed: (profileId: ProfileId, request: WhereUsedRequest) => call<WhereUsedResult>('agent_where_used', { profileId, request }),
};
