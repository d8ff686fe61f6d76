import type { Config } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import type { FileStore } from '../../platform/files.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { Clock } from '../../platform/time.ts';
import type { Notices } from '../outbox/notices.ts';
import type { PeopleService } from '../people/service.ts';
import type { ProjectService } from '../projects/service.ts';
import { makeOutcomeCore } from './service.ts';
import { makeStoryService } from './story-service.ts';
import { makeSurveys } from './surveys.ts';

export type { OutcomeBeforeAfter, ScaleSummary } from './service.ts';
export type { ReportableStory } from './story-service.ts';

type Deps = {
  db: Db;
  now: Clock;
  config: Config;
  secret: string;
  t: Translate;
  notices: Notices;
  people: PeopleService;
  projects: ProjectService;
  files: FileStore;
  /** Reply codes on survey letters and texts (issue 16). */
  replies: Parameters<typeof makeSurveys>[0]['replies'];
};

/**
 * Outcomes that matter, built once for services.ts: outcomes and their results, surveys,
 * and stories. beforeAfter and reportableStories are what the impact report reads.
 */
export function makeOutcomesService(deps: Deps) {
  const { db, now, config, secret, t, notices, people, projects, files } = deps;
  const core = makeOutcomeCore({ db, now, projects });
  const stories = makeStoryService({ db, now, t, files, maxUploadBytes: config.maxUploadBytes, projects });
  return {
    ...core,
    surveys: makeSurveys({ db, now, config, secret, t, notices, people, projects, replies: deps.replies }),
    stories,
    reportableStories: stories.reportableStories,
    countReportableStories: stories.countReportableStories,
  };
}

export type OutcomesService = ReturnType<typeof makeOutcomesService>;
