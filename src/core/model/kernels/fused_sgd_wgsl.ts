/**
 * WGSL source of the fused SGD kernel on the `webgpu` backend: entry point `sgd` runs the
 * per-rating updates, entry point `reduce` adds the per-workgroup sums. Notation as in
 * docs/notation.md. The update is the one `sgdPass` in sgd_pass.ts documents.
 */

/** Invocations per workgroup of both entry points; the tree reductions assume a power of two. */
export const SGD_WORKGROUP_SIZE = 64;

/**
 * Field order of the uniform struct `Params`, each one 4-byte scalar, so the struct has no
 * padding and `makeUniforms` of tfjs-backend-webgpu 4.22 packs it in this order.
 */
export const SGD_PARAM_FIELDS = [
  ['start', 'uint32'],
  ['count', 'uint32'],
  ['runLength', 'uint32'],
  ['k', 'uint32'],
  ['users', 'uint32'],
  ['groups', 'uint32'],
  ['learningRate', 'float32'],
  ['lambda', 'float32'],
  ['biasLambda', 'float32'],
  ['mu', 'float32'],
] as const;

export type SgdParamName = (typeof SGD_PARAM_FIELDS)[number][0];

/**
 * Bindings: `sgd` uses 0-8 and `reduce` uses 3, 8 and 9. The 8 storage buffers of `sgd` are
 * the WebGPU default maximum per shader stage, which TF.js 4.22 does not raise when it
 * requests the device. The biases share one buffer, [userBias | itemBias], to stay within it.
 */
export const FUSED_SGD_WGSL = /* wgsl */ `
struct Params {
  start: u32,        // first position of order[] that this call visits
  count: u32,        // positions this call visits
  runLength: u32,    // consecutive positions per invocation
  k: u32,
  users: u32,        // rows of P, so item i's bias is biases[users + i]
  groups: u32,       // workgroups of the sgd dispatch, rows of partials
  learningRate: f32,
  lambda: f32,
  biasLambda: f32,
  mu: f32,
}

@group(0) @binding(0) var<storage, read_write> userEmbedding: array<f32>;
@group(0) @binding(1) var<storage, read_write> itemEmbedding: array<f32>;
@group(0) @binding(2) var<storage, read_write> biases: array<f32>;
@group(0) @binding(3) var<storage, read_write> partials: array<f32>;
@group(0) @binding(4) var<storage, read> users: array<i32>;
@group(0) @binding(5) var<storage, read> items: array<i32>;
@group(0) @binding(6) var<storage, read> ratings: array<f32>;
@group(0) @binding(7) var<storage, read> order: array<i32>;
@group(0) @binding(8) var<uniform> params: Params;
@group(0) @binding(9) var<storage, read_write> sums: array<f32>;

const WORKGROUP_SIZE = ${SGD_WORKGROUP_SIZE}u;

// [squared error, absolute error, L2] of each invocation, then of the workgroup in slot 0.
var<workgroup> groupSums: array<vec3<f32>, WORKGROUP_SIZE>;

// Adds groupSums into groupSums[0]. Every invocation of the workgroup must call it.
fn reduceGroupSums(localIndex: u32) {
  workgroupBarrier();
  for (var stride = WORKGROUP_SIZE / 2u; stride > 0u; stride = stride / 2u) {
    if (localIndex < stride) {
      groupSums[localIndex] += groupSums[localIndex + stride];
    }
    workgroupBarrier();
  }
}

// Each invocation visits order[start + first .. start + last) one rating at a time and
// updates the tables in place, with no atomics and no locks (Hogwild). NOTE: this is the known
// difference from the sequential CPU pass. Two invocations that visit ratings of the same
// user or item at the same time can read a row while the other writes it, and one of the two
// writes can be lost. The caller caps the invocations per table row to keep this rare. On the
// unit test's data the validation RMSE stayed within 0.001 of the CPU pass.
@compute @workgroup_size(WORKGROUP_SIZE)
fn sgd(
  @builtin(global_invocation_id) globalId: vec3<u32>,
  @builtin(local_invocation_index) localIndex: u32,
  @builtin(workgroup_id) groupId: vec3<u32>,
) {
  let first = globalId.x * params.runLength;
  let last = min(first + params.runLength, params.count);
  let lr = params.learningRate;
  let shrink = 1.0 - lr * params.lambda;
  var total = vec3<f32>(0.0);

  for (var visit = first; visit < last; visit++) {
    let index = u32(order[params.start + visit]);
    let user = u32(users[index]);
    let item = u32(items[index]);
    let userRow = user * params.k;
    let itemRow = item * params.k;
    let itemBiasIndex = params.users + item;

    var dotProduct = 0.0;
    var userNorm = 0.0;
    var itemNorm = 0.0;
    for (var f = 0u; f < params.k; f++) {
      let pf = userEmbedding[userRow + f];
      let qf = itemEmbedding[itemRow + f];
      dotProduct += pf * qf;
      userNorm += pf * pf;
      itemNorm += qf * qf;
    }
    let bu = biases[user];
    let bi = biases[itemBiasIndex];
    let e = ratings[index] - (params.mu + bu + bi + dotProduct);

    total += vec3<f32>(
      e * e,
      abs(e),
      params.lambda * (userNorm + itemNorm) + params.biasLambda * (bu * bu + bi * bi),
    );

    biases[user] = bu + lr * (e - params.biasLambda * bu);
    biases[itemBiasIndex] = bi + lr * (e - params.biasLambda * bi);
    let step = lr * e;
    for (var f = 0u; f < params.k; f++) {
      let pf = userEmbedding[userRow + f];
      let qf = itemEmbedding[itemRow + f];
      userEmbedding[userRow + f] = shrink * pf + step * qf;
      itemEmbedding[itemRow + f] = shrink * qf + step * pf;
    }
  }

  groupSums[localIndex] = total;
  reduceGroupSums(localIndex);
  if (localIndex == 0u) {
    let row = groupId.x * 3u;
    partials[row] = groupSums[0].x;
    partials[row + 1u] = groupSums[0].y;
    partials[row + 2u] = groupSums[0].z;
  }
}

// One workgroup adds the params.groups rows of partials into sums.
@compute @workgroup_size(WORKGROUP_SIZE)
fn reduce(@builtin(local_invocation_index) localIndex: u32) {
  var total = vec3<f32>(0.0);
  for (var row = localIndex; row < params.groups; row += WORKGROUP_SIZE) {
    total += vec3<f32>(partials[row * 3u], partials[row * 3u + 1u], partials[row * 3u + 2u]);
  }

  groupSums[localIndex] = total;
  reduceGroupSums(localIndex);
  if (localIndex == 0u) {
    sums[0] = groupSums[0].x;
    sums[1] = groupSums[0].y;
    sums[2] = groupSums[0].z;
  }
}
`;
