// Every route file's docs, in the order the document lists them. A new route file adds its list
// here; the document shows only the routes the app serves (the staff ones once mountStaff ran).
import { meldingDocs } from '../melding/melding-routes.js';
import { meldingStaffDocs } from '../melding/melding-staff-docs.js';
import { concernDocs } from '../routes/concern-routes.js';
import { healthDocs } from '../routes/health-routes.js';
import { residentDataDocs } from '../routes/resident-data-routes.js';
import { resumeDocs } from '../routes/resume-routes.js';
import type { RouteDoc } from '../routes/route-doc.js';
import { sessionDocs } from '../routes/session-routes.js';
import { treeDocs } from '../routes/tree-routes.js';
import { staffDocs } from '../staff/staff-docs.js';
import { staffWorkDocs } from '../staff/staff-work-docs.js';

export const ROUTE_DOCS: RouteDoc[] = [
  ...treeDocs,
  ...sessionDocs,
  ...resumeDocs,
  ...concernDocs,
  ...meldingDocs,
  ...residentDataDocs,
  ...healthDocs,
  ...staffDocs,
  ...staffWorkDocs,
  ...meldingStaffDocs,
];
