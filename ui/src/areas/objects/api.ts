// The drop and customize commands. TODO(facade): move into ui/src/api once it has them.
import { call } from '../../api/client';
import type { ProfileId } from '../../api';
import type { CustomizeRequest, CustomizeResult, DropRequest, DropResult } from './types';

export const objectsApi = {
  drop: (profileId: ProfileId, request: DropRequest) => call<DropResult>('agent_drop', { profileId, request }),
  customize: (profileId: ProfileId, request: CustomizeRequest) => call<CustomizeResult>('agent_customize', { profileId, request }),
};
