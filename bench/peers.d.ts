// voucher-code-generator ships no types; this is the part the benchmark uses.
declare module 'voucher-code-generator' {
  type Config = {
    count?: number;
    length?: number;
    charset?: string;
    prefix?: string;
    postfix?: string;
    pattern?: string;
  };
  const voucherCodes: {
    generate(config: Config, sequenceOffset?: number): string[];
    charset(name: 'numbers' | 'alphabetic' | 'alphanumeric'): string;
  };
  export = voucherCodes;
}
