import { criticalDowntime, type DowntimeFigure } from './downtime';
import {
	timeToDeclare,
	timeToDetect,
	timeToMobilise,
	timeToRecover,
	type MobilisationFigure
} from './figures';
import {
	criticalPathSlippage,
	stepVariances,
	type SlippageFigure,
	type StepVariance
} from './slippage';
import { milestoneFigures, milestoneTimes } from './milestone-figures';
import type { Figure, FigureFormat, FigureInput } from './types';

/** Every figure of a post-mortem, computed from one copy of what the incident recorded. */
export interface PostmortemFigures {
	detect: Figure;
	declare: Figure;
	acknowledge: Figure;
	mobilise: MobilisationFigure[];
	identify: Figure;
	mitigate: Figure;
	recover: Figure;
	/** Customer impact: from the trigger to the recovery. */
	impact: Figure;
	downtime: DowntimeFigure;
	slippage: SlippageFigure;
	steps: StepVariance[];
}

export function computeFigures(input: FigureInput, format: FigureFormat): PostmortemFigures {
	const set = milestoneTimes(input);
	const byMilestone = milestoneFigures(input, format);
	return {
		// Without a trigger or a recovery milestone, the earlier reading of the timeline stands.
		detect: set.trigger ? byMilestone.detect : timeToDetect(input, format),
		declare: timeToDeclare(input, format),
		acknowledge: byMilestone.acknowledge,
		mobilise: timeToMobilise(input, format).filter(
			(f) => f.organizationId !== input.incident.organizationId
		),
		identify: byMilestone.identify,
		mitigate: byMilestone.mitigate,
		recover: set.recovered ? byMilestone.recover : timeToRecover(input, format),
		impact: byMilestone.impact,
		downtime: criticalDowntime(input, format),
		slippage: criticalPathSlippage(input, format),
		steps: stepVariances(input)
	};
}
