import type { RatingScale } from '../core/data/dataset';
import type { RatingSplit } from '../core/data/split';
import type { LfmError } from '../core/errors';
import type { TestReport } from '../core/eval/evaluate';
import type { RankingMetrics, RankingReport } from '../core/eval/ranking';
import type { TrainConfig } from '../core/model/config';
import type { EpochMetrics } from '../core/model/trainer';
import { runTraining } from '../core/pipeline/run_training';
import type { TrialResult } from '../core/tune/search';
import { runTunedTraining } from '../core/tune/run_tuned_training';

/** The search part of the JSON output. */
export interface SearchOutput {
  trials: {
    trial: number;
    config: TrainConfig;
    bestEpoch: number;
    valRmse: number;
    epochsRun: number;
    seconds: number;
  }[];
  bestTrial: number;
  /** The tested config and the ratings it was retrained on. */
  finalTraining: {
    config: TrainConfig;
    ratings: 'train + validation';
    epochs: number;
    /** Models averaged; member m used seed config.seed + m. */
    members: number;
  };
  testSetUse: string;
}

export interface ProcedureResult {
  /** Epochs of the model that was tested (the retraining, when there was a search). */
  history: EpochMetrics[];
  report: TestReport;
  divergence: LfmError | null;
  search: SearchOutput | null;
}

type Log = (line: string) => void;

/**
 * Runs the evaluation procedure of `npm run evaluate` and logs every trial and epoch. With
 * `trials` 0 it trains once on the train part and tests the validation-chosen weights.
 * Otherwise it runs the search, retrains the best config on train + validation and tests once.
 */
export async function runProcedure(
  split: RatingSplit,
  info: { users: number; items: number; scale: RatingScale },
  config: TrainConfig,
  trials: number,
  log: Log,
  members = 1,
): Promise<ProcedureResult> {
  if (trials === 0) {
    const run = await runTraining(split, info, config, {
      onEpoch: (metrics) => log(formatEpoch(metrics)),
    });
    run.model.dispose();
    return { history: run.history, report: run.report, divergence: run.divergence, search: null };
  }

  const { search, final } = await runTunedTraining(
    split,
    info,
    { trials, seed: config.seed, base: config },
    {
      search: {
        onTrialStart: (trial, trialConfig) =>
          log(`trial ${trial}/${trials}: ${formatConfig(trialConfig)}`),
        onTrialEpoch: (_trial, metrics) => log(`  ${formatEpoch(metrics)}`),
        onTrialEnd: (trial) => log(formatTrial(trial)),
      },
      final: {
        onEpoch: (metrics) =>
          log(`final epoch ${metrics.epoch}: train MSE ${metrics.trainLoss.toFixed(4)}`),
      },
    },
    members,
  );
  final.model.dispose();

  const best = search.trials[search.bestIndex] as TrialResult;
  log(
    `best: trial ${best.trial} (validation RMSE ${best.valRmse.toFixed(4)} at epoch ${best.bestEpoch}); ` +
      `retrained on train + validation for ${final.config.epochs} epochs, ${final.members} model(s) averaged`,
  );
  return {
    history: final.history,
    report: final.report,
    divergence: final.divergence,
    search: {
      trials: search.trials.map(
        ({ trial, config: trialConfig, bestEpoch, valRmse, epochsRun, seconds }) => ({
          trial,
          config: trialConfig,
          bestEpoch,
          valRmse,
          epochsRun,
          seconds,
        }),
      ),
      bestTrial: best.trial,
      finalTraining: {
        config: final.config,
        ratings: 'train + validation',
        epochs: final.config.epochs,
        members: final.members,
      },
      testSetUse:
        'The trials read only the train and validation parts. The test part was read once, ' +
        'after the search, to score the retrained model and the baselines.',
    },
  };
}

export function formatEpoch(metrics: EpochMetrics): string {
  const { epoch, trainLoss, l2, valRmse, seconds } = metrics;
  return `epoch ${epoch}: train MSE ${trainLoss.toFixed(4)}, L2 ${l2.toFixed(4)}, validation RMSE ${valRmse.toFixed(4)}, ${seconds.toFixed(2)} s`;
}

function formatConfig(config: TrainConfig): string {
  const decay = config.learningRateDecay ?? 1;
  return `k ${config.k}, lr ${config.learningRate}, L2 ${config.l2}, bias L2 ${config.biasL2 ?? config.l2}, decay ${decay}`;
}

function formatTrial(trial: TrialResult): string {
  return `trial ${trial.trial}: validation RMSE ${trial.valRmse.toFixed(4)} at epoch ${trial.bestEpoch} of ${trial.epochsRun} (${trial.reason}), ${trial.seconds.toFixed(1)} s`;
}

/** Formats the model's and the most-popular baseline's ranking metrics as one log line. */
export function formatRanking(ranking: RankingReport): string {
  const metrics = (values: RankingMetrics): string =>
    `P ${values.precision.toFixed(4)}, R ${values.recall.toFixed(4)}, ` +
    `NDCG ${values.ndcg.toFixed(4)}, HR ${values.hitRate.toFixed(4)}`;
  const sampled =
    ranking.eligibleUsers !== undefined && ranking.eligibleUsers > ranking.users
      ? ` (a random sample of ${ranking.eligibleUsers})`
      : '';
  return (
    `top-${ranking.cutoff} over ${ranking.users} users${sampled} (relevant: test rating >= ${ranking.relevantMin}): ` +
    `model ${metrics(ranking.model)}; most popular ${metrics(ranking.mostPopular)}`
  );
}
