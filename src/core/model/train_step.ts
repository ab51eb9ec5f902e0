import * as tf from '@tensorflow/tfjs-core';

import type { LfmModel } from './lfm_model';
import { computeBatchGradients, type BatchTensors } from './objective';

/**
 * One Adam step per mini-batch on a model's variables, with the hand-written gradients.
 *
 * It uses `tf.train.adam` (beta1 0.9, beta2 0.999, epsilon 1e-7, the TF.js defaults)
 * through `applyGradients`, because that optimizer is tested upstream and runs the same
 * ops on every backend. Its updates are dense: a row that is not in the batch still moves
 * while its first moment decays, as in Keras and TF.js, unlike a lazy (sparse) Adam.
 */
export class AdamTrainStep {
  private readonly optimizer: AdjustableAdam;

  constructor(
    private readonly model: LfmModel,
    learningRate: number,
    private readonly lambda: number,
    private readonly biasLambda: number = lambda,
  ) {
    this.optimizer = new AdjustableAdam(learningRate);
  }

  /** Sets the step size of the following updates; Adam's moment estimates are kept. */
  setLearningRate(learningRate: number): void {
    this.optimizer.setLearningRate(learningRate);
  }

  /**
   * Applies one update and returns [squared error sum, absolute error sum, L2 sum] of the
   * batch, computed before the update, as one float32 tensor of shape [3] that the caller
   * owns. Nothing is read back to JavaScript.
   */
  run(batch: BatchTensors): tf.Tensor1D {
    return tf.tidy(() => {
      const variables = this.model.variables();
      const result = computeBatchGradients(
        variables,
        this.model.mu,
        batch,
        this.lambda,
        this.biasLambda,
      );
      // Adam looks each variable up by name in the engine's registry.
      this.optimizer.applyGradients([
        { name: variables.userEmbedding.name, tensor: result.gradients.userEmbedding },
        { name: variables.itemEmbedding.name, tensor: result.gradients.itemEmbedding },
        { name: variables.userBias.name, tensor: result.gradients.userBias },
        { name: variables.itemBias.name, tensor: result.gradients.itemBias },
      ]);
      return tf.stack([
        result.squaredErrorSum,
        result.absoluteErrorSum,
        result.l2Sum,
      ]) as tf.Tensor1D;
    });
  }

  /** Frees the optimizer's moment estimates. */
  dispose(): void {
    this.optimizer.dispose();
  }
}

/** `tf.train.adam` with the same defaults, plus a setter for the step size. */
class AdjustableAdam extends tf.AdamOptimizer {
  constructor(learningRate: number) {
    // beta1, beta2 and epsilon as `tf.train.adam` uses them (epsilon: the backend's).
    super(learningRate, 0.9, 0.999);
  }

  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }
}
