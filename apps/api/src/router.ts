import { authRouter } from './modules/auth/auth.router.ts';
import { logRouter } from './modules/custody/log.router.ts';
import { dashboardRouter } from './modules/dashboard/dashboard.router.ts';
import { districtRouter } from './modules/districts/district.router.ts';
import { locationRouter } from './modules/locations/location.router.ts';
import { consignmentRouter } from './modules/consignments/consignment.router.ts';
import { receiptRouter } from './modules/receipts/receipt.router.ts';
import { scanRouter } from './modules/scans/scan.router.ts';
import { ceremonyRouter } from './modules/ceremonies/ceremony.router.ts';
import { stocktakeRouter } from './modules/stocktakes/stocktake.router.ts';
import { flcRouter } from './modules/flc/flc.router.ts';
import { setsRouter } from './modules/sets/sets.router.ts';
import { pollDayRouter } from './modules/pollday/pollday.router.ts';
import { strongroomRouter } from './modules/strongrooms/strongroom.router.ts';
import { unitRouter } from './modules/units/unit.router.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  dashboard: dashboardRouter,
  district: districtRouter,
  unit: unitRouter,
  location: locationRouter,
  strongroom: strongroomRouter,
  log: logRouter,
  receipt: receiptRouter,
  consignment: consignmentRouter,
  scan: scanRouter,
  stocktake: stocktakeRouter,
  flc: flcRouter,
  ceremony: ceremonyRouter,
  sets: setsRouter,
  pollDay: pollDayRouter,
});

/** The only thing the web app imports from the api, and only as a type. */
export type AppRouter = typeof appRouter;
