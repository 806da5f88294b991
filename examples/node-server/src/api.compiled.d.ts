// Written by `hookline build`. Do not edit.
import type {CompiledApi} from '@hookline/router';

declare const compiled: CompiledApi;
export default compiled;
