import { Placeholder } from '../../app/Placeholder';
export default function Page() { return <Placeholder title="Work items" />; }
