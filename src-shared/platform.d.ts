/**
 * The Web Crypto global exists in Node 20+, Electron and every browser. src-shared has neither
 * DOM nor node types, so it declares the small part it uses here.
 */
type CfBufferSource = ArrayBufferView | ArrayBuffer;
type CfCryptoKey = { readonly type: string };
declare const crypto: {
  getRandomValues<T extends ArrayBufferView>(array: T): T;
  randomUUID(): string;
  subtle: {
    importKey(
      format: 'raw',
      keyData: CfBufferSource,
      algorithm: string | { name: string; hash?: string },
      extractable: boolean,
      usages: string[],
    ): Promise<CfCryptoKey>;
    deriveBits(
      algorithm: { name: 'PBKDF2'; salt: CfBufferSource; iterations: number; hash: string },
      key: CfCryptoKey,
      length: number,
    ): Promise<ArrayBuffer>;
    sign(
      algorithm: string | { name: string },
      key: CfCryptoKey,
      data: CfBufferSource,
    ): Promise<ArrayBuffer>;
    digest(algorithm: string, data: CfBufferSource): Promise<ArrayBuffer>;
  };
};
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
