// Every area of the core, one line each: adding an area adds its line here (and its line in
// shared/api/contract.ts and renderer/src/features/areas.ts).
import type { Area } from './area.ts';
import { auditArea } from './audit/index.ts';
import { authArea } from './auth/index.ts';
import { backupArea } from './backup/index.ts';
import { customersArea } from './customers/index.ts';
import { searchArea } from './search/index.ts';
import { settingsArea } from './settings/index.ts';
import { systemArea } from './system/index.ts';
import { usersArea } from './users/index.ts';
import { filesArea } from './files/index.ts';
import { logoArea } from './logo/index.ts';
import { tagsArea } from './tags/index.ts';
import { jobsArea } from './jobs/index.ts';
import { attachmentsArea } from './attachments/index.ts';
import { contractsArea } from './contracts/index.ts';
import { recordsArea } from './records/index.ts';
import { printArea } from './print/index.ts';
import { visitsArea } from './visits/index.ts';
import { timelineArea } from './timeline/index.ts';
import { careArea } from './care/index.ts';
import { standardsArea } from './standards/index.ts';
import { surveysArea } from './surveys/index.ts';
import { complaintsArea } from './complaints/index.ts';
import { todayArea } from './today/index.ts';
import { importsArea } from './imports/index.ts';
import { duplicatesArea } from './duplicates/index.ts';
import { exportsArea } from './exports/index.ts';
import { gradingArea } from './grading/index.ts';
import { dashboardArea } from './dashboard/index.ts';
import { salesArea } from './sales/index.ts';
import { churnArea } from './churn/index.ts';

export const AREAS: readonly Area[] = [authArea, usersArea, settingsArea, customersArea, searchArea, auditArea, backupArea, systemArea, filesArea, logoArea, tagsArea, jobsArea, attachmentsArea, contractsArea, recordsArea, visitsArea, timelineArea, printArea, surveysArea, todayArea, complaintsArea, standardsArea, careArea, duplicatesArea, exportsArea, importsArea, dashboardArea, salesArea, gradingArea, churnArea];
