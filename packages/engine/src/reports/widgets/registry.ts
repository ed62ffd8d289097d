import type { WidgetType } from '@trellis/spec';
import type { WidgetRunner } from '../types';
import { attribution } from './attribution';
import { beforeAfter } from './before-after';
import { breakdown } from './breakdown';
import { dataHealth } from './data-health';
import { dwellTime } from './dwell';
import { funnel } from './funnel';
import { leaderboard } from './leaderboard';
import { metric } from './metric';
import { ratio } from './ratio';
import { sourceHealth } from './source-health';
import { staleFollowUps } from './stale-follow-ups';
import { timeSeries } from './time-series';

/** One runner per widget type (docs/reports.md); a new type is one file and one line here. */
export const WIDGETS: Record<WidgetType, WidgetRunner> = {
  metric,
  funnel,
  stageConversion: funnel,
  dwellTime,
  breakdown,
  timeSeries,
  leaderboard,
  dataHealth,
  attribution,
  beforeAfter,
  sourceHealth,
  staleFollowUps,
  ratio,
};
