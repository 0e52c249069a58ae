import { Title } from '@ui5/webcomponents-react';

export function App() {
  return <Title level="H1">Agent Desk</Title>;
}
