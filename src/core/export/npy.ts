/**
 * Encodes a row-major float32 matrix as a NumPy `.npy` file, format version 1.0: the magic
 * string, a little-endian header length, a Python dict literal padded with spaces to a
 * multiple of 64 bytes and ended by a newline, then the raw little-endian data.
 * `numpy.load` reads it as an array of shape (rows, columns) and dtype float32.
 */
export function encodeNpyFloat32(data: Float32Array, rows: number, columns: number): Uint8Array {
  if (data.length !== rows * columns) {
    throw new RangeError(
      `NPY: data must have rows x columns = ${rows * columns} values, got ${data.length}.`,
    );
  }
  const dictionary = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${columns}), }`;
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
    view.setFloat32(dataStart + index * 4, data[index] as number, true);
  }
  return bytes;
}
