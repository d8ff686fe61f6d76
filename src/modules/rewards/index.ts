import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { rewardPersonRoutes } from './person-routes.ts';
import { rewardsRoutes } from './routes.ts';

/** Payment policy and benefits limits (/rewards), and each person's reward choice. */
export const rewardsModule = modulePlugin<RouteDeps>([[rewardsRoutes, '/rewards'], [rewardPersonRoutes]]);
