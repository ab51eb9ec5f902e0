import { LfmError } from '../errors';
import { LfmModel, type ModelArrays } from '../model/lfm_model';

/**
 * Builds one model whose predictions are the mean of the members' unclipped predictions:
 * embeddings are concatenated along k and scaled by 1/sqrt(M), so that
 * [p_u^1 .. p_u^M]/sqrt(M) · [q_i^1 .. q_i^M]/sqrt(M) = (1/M) Σ_m p_u^m · q_i^m, and biases
 * are averaged. The result has k = Σ k_m and works everywhere a single model does.
 *
 * Members must come from the same training ratings (same tables, mu and known flags).
 * Throws `invalid-config` otherwise. The members stay owned by the caller.
 */
export async function averageModels(members: readonly LfmModel[]): Promise<LfmModel> {
  const arrays = await Promise.all(members.map((model) => model.toArrays()));
  const first = arrays[0];
  if (first === undefined) {
    throw new LfmError('invalid-config', 'averageModels: members must not be empty, got none.');
  }
  for (const other of arrays) checkCompatible(first, other);

  const count = arrays.length;
  const scale = 1 / Math.sqrt(count);
  const totalK = arrays.reduce((sum, member) => sum + member.k, 0);
  return LfmModel.fromArrays({
    users: first.users,
    items: first.items,
    scale: { ...first.scale },
    k: totalK,
    mu: first.mu,
    userEmbedding: concatRows(arrays, 'userEmbedding', first.users, totalK, scale),
    itemEmbedding: concatRows(arrays, 'itemEmbedding', first.items, totalK, scale),
    userBias: meanOf(arrays, 'userBias', first.users),
    itemBias: meanOf(arrays, 'itemBias', first.items),
    knownUsers: first.knownUsers,
    knownItems: first.knownItems,
  });
}

/** Row r of the result is the members' rows r side by side, each multiplied by `scale`. */
function concatRows(
  arrays: ModelArrays[],
  key: 'userEmbedding' | 'itemEmbedding',
  rows: number,
  totalK: number,
  scale: number,
): Float32Array {
  const result = new Float32Array(rows * totalK);
  let offset = 0;
  for (const member of arrays) {
    const values = member[key];
    for (let row = 0; row < rows; row++) {
      for (let column = 0; column < member.k; column++) {
        result[row * totalK + offset + column] =
          (values[row * member.k + column] as number) * scale;
      }
    }
    offset += member.k;
  }
  return result;
}

function meanOf(arrays: ModelArrays[], key: 'userBias' | 'itemBias', length: number): Float32Array {
  const result = new Float32Array(length);
  for (const member of arrays) {
    const values = member[key];
    for (let index = 0; index < length; index++)
      result[index]! += (values[index] as number) / arrays.length;
  }
  return result;
}

function checkCompatible(first: ModelArrays, other: ModelArrays): void {
  const sameKnown =
    first.knownUsers.every((flag, index) => flag === other.knownUsers[index]) &&
    first.knownItems.every((flag, index) => flag === other.knownItems[index]);
  const isSame =
    other.users === first.users &&
    other.items === first.items &&
    Math.abs(other.mu - first.mu) <= 1e-6 &&
    sameKnown;
  if (!isSame) {
    throw new LfmError(
      'invalid-config',
      `averageModels: members must share tables, mu and known users and items, got ${other.users} x ${other.items} (mu ${other.mu}) beside ${first.users} x ${first.items} (mu ${first.mu}). Train every member on the same ratings.`,
    );
  }
}
