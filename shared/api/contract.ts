import type { z } from 'zod';
import { auditArea } from './audit.ts';
import { authArea } from './auth.ts';
import { backupArea } from './backup.ts';
import { customersArea } from './customers.ts';
import { searchArea } from './search.ts';
import { settingsArea } from './settings.ts';
import { systemArea } from './system.ts';
import { usersArea } from './users.ts';
import { filesArea } from './files.ts';
import { logoArea } from './logo.ts';
import { tagsArea } from './tags.ts';
import { jobsArea } from './jobs.ts';
import { contractsArea } from './contracts.ts';
import { attachmentsArea } from './attachments.ts';
import { printArea } from './print.ts';
import { recordsArea } from './records.ts';
import { visitsArea } from './visits.ts';
import { timelineArea } from './timeline.ts';
import { careArea } from './care.ts';
import { complaintsArea } from './complaints.ts';
import { surveysArea } from './surveys.ts';
import { todayArea } from './today.ts';
import { standardsArea } from './standards.ts';
import { exportsArea } from './exports.ts';
import { importsArea } from './imports.ts';
import { duplicatesArea } from './duplicates.ts';
import { dashboardArea } from './dashboard.ts';
import { gradingArea } from './grading.ts';
import { salesArea } from './sales.ts';
import { churnArea } from './churn.ts';
import { storiesArea } from './stories.ts';
import { holidaysArea } from './holidays.ts';
import { needsArea } from './needs.ts';
import { eventsArea } from './events.ts';
import { performanceArea } from './performance.ts';
import { loyaltyArea } from './loyalty.ts';
import { competitorsArea } from './competitors.ts';

/** Every area of the contract, one line each: adding an area adds its line here. */
export const AREAS = [authArea, usersArea, settingsArea, customersArea, searchArea, auditArea, backupArea, systemArea, filesArea, logoArea, tagsArea, jobsArea, attachmentsArea, contractsArea, recordsArea, timelineArea, printArea, visitsArea, surveysArea, todayArea, complaintsArea, standardsArea, careArea, duplicatesArea, exportsArea, importsArea, dashboardArea, salesArea, gradingArea, churnArea, competitorsArea, loyaltyArea, performanceArea, needsArea, storiesArea, holidaysArea, eventsArea] as const;

type Area = (typeof AREAS)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every method of every door: name → { input schema, output schema, permission }. */
export const contract = Object.assign({}, ...AREAS.map((area) => area.methods)) as UnionToIntersection<Area['methods']>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

/** Every kind of audit entry, from every area. */
export type AuditAction = Area['auditActions'][number];
export const AUDIT_ACTIONS: readonly AuditAction[] = AREAS.flatMap((area) => area.auditActions);

export type AuditEntity = Area['auditEntities'][number];
export const AUDIT_ENTITIES: readonly AuditEntity[] = AREAS.flatMap((area) => area.auditEntities);
