// The transport commands. TODO(facade): move into ui/src/api next to `transports.list`.
import { call } from '../../api/client';
import type { ProfileId } from '../../api';
import type { TransportAnswer, TransportKind, TransportScope } from './types';

export const transportApi = {
  list: (profileId: ProfileId, scope: TransportScope) => call<TransportAnswer>('agent_transport_list', { profileId, scope }),
  create: (profileId: ProfileId, description: string, transportKind: TransportKind) =>
    call<TransportAnswer>('agent_transport_create', { profileId, description, transportKind }),
  check: (profileId: ProfileId, number: string) => call<TransportAnswer>('agent_transport_check', { profileId, number }),
  release: (profileId: ProfileId, number: string) => call<TransportAnswer>('agent_transport_release', { profileId, number }),
};

/** Requests as tab-separated text for the clipboard. */
export function transportsAsText(list: readonly { number: string; description: string; owner: string; date: string }[]): string {
  return ['Request\tDescription\tOwner\tDate', ...list.map((t) => [t.number, t.description, t.owner, t.date].join('\t'))].join('\n');
}
