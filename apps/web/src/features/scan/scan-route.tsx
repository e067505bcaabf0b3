import { useParams } from '@tanstack/react-router';
import { ScanPage } from './scan-page';

/** The route's component, in its own chunk: only warehouse work needs the scanning screen. */
export function ScanRoute() {
  const params = useParams({ from: '/scan/$districtId/$kind/$id' });
  return <ScanPage {...params} />;
}
