// The renderer's areas: one line each. Everything an area brings (routes, navigation, settings
// tabs, app-bar items, banners, texts) is in its own folder's area.tsx (app/area.ts says what).
// Order here does not matter: navigation, tabs and app-bar items carry their own `order`.
export { area as shell } from './shell/area.ts';
export { area as setup } from './setup/area.ts';
export { area as signin } from './signin/area.ts';
export { area as account } from './account/area.ts';
export { area as search } from './search/area.tsx';
export { area as customers } from './customers/area.tsx';
export { area as tags } from './tags/area.tsx';
export { area as contracts } from './contracts/area.tsx';
export { area as visits } from './visits/area.tsx';
export { area as backup } from './backup/area.tsx';
export { area as settings } from './settings/area.tsx';
export { area as logo } from './logo/area.tsx';
export { area as attachments } from './attachments/area.tsx';
export { area as reports } from './reports/area.tsx';
export { area as records } from './records/area.tsx';
export { area as complaints } from './complaints/area.tsx';
export { area as satisfaction } from './surveys/area.tsx';
export { area as standards } from './standards/area.tsx';
export { area as timeline } from './timeline/area.tsx';
export { area as print } from './print/area.tsx';
export { area as today } from './today/area.tsx';
export { area as care } from './care/area.tsx';
export { area as imports } from './imports/area.tsx';
export { area as duplicates } from './duplicates/area.tsx';
export { area as exports } from './exports/area.tsx';
export { area as sales } from './sales/area.tsx';
export { area as grading } from './grading/area.tsx';
export { area as churn } from './churn/area.tsx';
export { area as needs } from './needs/area.tsx';
export { area as events } from './events/area.tsx';
export { area as loyalty } from './loyalty/area.tsx';
export { area as competitors } from './competitors/area.tsx';
export { area as performance } from './performance/area.tsx';
export { area as stories } from './stories/area.tsx';
export { area as holidays } from './holidays/area.tsx';
