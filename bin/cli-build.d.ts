// Types of bin/cli-build.js for the TypeScript sources that import it (src/cli/CliBuild.ts and its test).
export declare const PACKAGE_ROOT: URL;
export declare const CLI_BUILD_DIR: string;
export declare const CLI_ENTRIES: Readonly<Record<string, string>>;
export declare const MANIFEST: string;
export declare const BUILD_NAME: RegExp;
export declare const CLI_BUILD_OPTIONS: {
  readonly bundle: true;
  readonly splitting: true;
  readonly format: 'esm';
  readonly platform: 'node';
  readonly target: 'node20';
  readonly packages: 'external';
  readonly sourcemap: 'inline';
  readonly sourcesContent: false;
  readonly tsconfigRaw: {
    readonly compilerOptions: {
      readonly target: 'ES2022';
      readonly verbatimModuleSyntax: true;
      readonly useDefineForClassFields: true;
    };
  };
};
export declare function cliBuildCompiler(entries?: Readonly<Record<string, string>>): string | undefined;
export declare function sha256(data: string | Uint8Array): string;
export declare function hashOf(file: string): string | undefined;
export declare function currentBuild(
  dir?: string,
  root?: URL,
  entries?: Readonly<Record<string, string>>,
): string | undefined;
export declare function currentCliBuild(): string | undefined;
