// The dumps' Rust command. TODO(facade): move into ui/src/api once it has `dumps`.
import { call } from '../../api/client';
import type { ProfileId } from '../../api';
import type { DumpList, DumpRequest } from './types';

export const dumps = {
  list: (profileId: ProfileId, request: DumpRequest) => call<DumpList>('agent_dumps', { profileId, request }),
};
