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
import type { Figure, FigureFormat, FigureInput } from './types';

/** Every figure of a post-mortem, computed from one copy of what the incident recorded. */
export interface PostmortemFigures {
	detect: Figure;
	declare: Figure;
	mobilise: MobilisationFigure[];
	recover: Figure;
	downtime: DowntimeFigure;
	slippage: SlippageFigure;
	steps: StepVariance[];
}

export function computeFigures(input: FigureInput, format: FigureFormat): PostmortemFigures {
	return {
		detect: timeToDetect(input, format),
		declare: timeToDeclare(input, format),
		mobilise: timeToMobilise(input, format).filter(
			(f) => f.organizationId !== input.incident.organizationId
		),
		recover: timeToRecover(input, format),
		downtime: criticalDowntime(input, format),
		slippage: criticalPathSlippage(input, format),
		steps: stepVariances(input)
	};
}
