/** NumPy dtype strings of the typed arrays `encodeNpy` writes, little-endian. */
const DESCRIPTORS = { float32: '<f4', int32: '<i4' } as const;

/** The Python tuple literal of a shape: `()` for a scalar, `(5,)` for one axis. */
function shapeLiteral(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/**
 * Encodes a row-major float32 or int32 array as a NumPy `.npy` file, format version 1.0: the
 * magic string, a little-endian header length, a Python dict literal padded with spaces to a
 * multiple of 64 bytes and ended by a newline, then the raw little-endian data. `numpy.load`
 * reads it as an array of `shape` (`[]` for a scalar) and dtype float32 or int32.
 */
export function encodeNpy(data: Float32Array | Int32Array, shape: readonly number[]): Uint8Array {
  const size = shape.reduce((product, length) => product * length, 1);
  if (data.length !== size) {
    throw new RangeError(
      `NPY: data must have ${size} values for shape [${shape.join(', ')}], got ${data.length}.`,
    );
  }
  const dtype = data instanceof Float32Array ? 'float32' : 'int32';
  const dictionary = `{'descr': '${DESCRIPTORS[dtype]}', 'fortran_order': False, 'shape': ${shapeLiteral(shape)}, }`;
  const prefixLength = 10; // 6 magic bytes, 2 version bytes, 2 header-length bytes
  const unpadded = prefixLength + dictionary.length + 1;
  const headerText = `${dictionary}${' '.repeat((64 - (unpadded % 64)) % 64)}\n`;

  const bytes = new Uint8Array(prefixLength + headerText.length + data.length * 4);
  const view = new DataView(bytes.buffer);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]); // \x93NUMPY, version 1.0
  view.setUint16(8, headerText.length, true);
  for (let index = 0; index < headerText.length; index++) {
    bytes[prefixLength + index] = headerText.charCodeAt(index);
  }
  const dataStart = prefixLength + headerText.length;
  for (let index = 0; index < data.length; index++) {
    const value = data[index] as number;
    if (dtype === 'float32') view.setFloat32(dataStart + index * 4, value, true);
    else view.setInt32(dataStart + index * 4, value, true);
  }
  return bytes;
}
