// Types of bin/cli-build.js for the TypeScript sources that import it (src/cli/CliBuild.ts and its test).
export declare const PACKAGE_ROOT: URL;
export declare const CLI_BUILD_DIR: string;
/** Module name -> source path relative to the package root. */
export type Modules = Readonly<Record<string, string>>;
export interface BuildSpec {
  readonly entries: Modules;
  readonly standalone?: Modules;
}
export declare const CLI_SPEC: BuildSpec;
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
export declare const STANDALONE_BUILD_OPTIONS: Omit<typeof CLI_BUILD_OPTIONS, 'splitting' | 'packages'> & {
  readonly splitting: false;
  readonly packages: 'bundle';
};
export declare function moduleNames(spec: BuildSpec): string[];
export declare function cliBuildCompiler(spec?: BuildSpec): string | undefined;
export declare function sha256(data: string | Uint8Array): string;
export declare function hashOf(file: string): string | undefined;
export declare function currentBuild(dir?: string, root?: URL, spec?: BuildSpec): string | undefined;
export declare function currentCliBuild(): string | undefined;
