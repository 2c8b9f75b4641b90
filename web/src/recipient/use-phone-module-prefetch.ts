import { useEffect } from 'react';
import { prefetchPhoneModule } from './phone-module';

/** Once the component has drawn, fetches the numbering plan in idle time, so it is there before a number is typed. */
export function usePhoneModulePrefetch(wanted: boolean): void {
  useEffect(() => (wanted ? prefetchPhoneModule() : undefined), [wanted]);
}
